"""The nightly ETL flow: discover -> read -> decode, clean, extract -> validate -> load -> report.

Each stage is a small Prefect task over a batch of documents; the logic lives in transforms/,
expectations/ and warehouse/. This process reads and hashes the files; a worker process decodes,
cleans and extracts a whole batch and stages its rows to Parquet (a few batches in flight), so
neither the text nor the figures come back here and memory stays bounded; GX validates the staged
figures in a process of its own; the warehouse changes only in the final load task, in one
transaction.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows import config
from flows.sources import SourceFile, discover_files, is_unchanged, read_source_file
from flows.staging import CANDIDATES, BatchResult, StagedValidation, validate_staged, write_frame, write_rows
from flows.validator import Validator
from flows.workers import Shipment, WorkerPool, process_within_budget, run_batch
from transforms import EXTRACTOR_VERSION
from transforms.extract import indicator_codes
from warehouse import store

# Tasks pass in-memory batches; hashing them for a cache key or persisting them would only cost time.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)


@dataclass
class RunSummary:
    run_id: str
    source: str
    warehouse: str
    files_seen: int = 0
    files_unchanged: int = 0
    documents_loaded: int = 0
    files_quarantined: int = 0
    figures_loaded: int = 0
    figures_quarantined: int = 0
    dq_success: bool = True
    data_docs: str | None = None
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@task(**STAGE)
def discover(source: Path) -> list[str]:
    paths = discover_files(source)
    get_run_logger().info("Found %d candidate files under %s", len(paths), source)
    return paths


@task(**STAGE)
def read_known_files(warehouse: Path) -> dict[str, store.FileState]:
    """The warehouse's record of each file, so unchanged files are skipped without reading them.

    Waits for the warehouse while another process writes it (no task retries on top of that wait).
    """
    return store.read_file_state(warehouse)


@task(**STAGE)
def find_changed_files(paths: list[str], known: dict[str, store.FileState]) -> list[str]:
    """Files not seen before, or whose size, mtime or extractor version changed: the only ones read."""
    changed = [path for path in paths if not is_unchanged(path, known.get(path), EXTRACTOR_VERSION)]
    get_run_logger().info("%d of %d files are new or changed since the last run", len(changed), len(paths))
    return changed


@task(**STAGE, retries=2, retry_delay_seconds=1)
def read_files(paths: list[str], known: dict[str, store.FileState]) -> list[SourceFile]:
    """Read and hash a batch's files (I/O only: decoding is CPU work and goes to a worker)."""
    return [read_source_file(path, known.get(path), EXTRACTOR_VERSION) for path in paths]


@task(**STAGE)
def decode_clean_extract(shipment: Shipment, pool: WorkerPool | None, run_id: str, ingested_at: dt.datetime,
                         staging: Path | None, part: str) -> BatchResult:
    """Decode, clean and extract a batch's documents in one worker process (in this process with
    a Dask runner, whose tasks already run in worker processes).

    A document that trips a step is quarantined with its reason; the batch goes on. Lines repeated
    across many of the batch's documents (a site's own chrome) are removed too. With `staging`, the
    worker stages the documents, articles and figures itself (same machine); otherwise they come back.
    """
    arguments = (run_id, EXTRACTOR_VERSION, ingested_at, staging, part)
    if pool is None:
        return run_batch(shipment.files, *arguments)
    return process_within_budget(pool, shipment.files, *arguments)


@task(**STAGE)
def stage_batch(staging: Path, part: str, run_id: str, files: list[SourceFile], result: BatchResult,
                shipped: dict[str, str], failed_docs: dict[str, str], staged_at: dt.datetime) -> list[tuple[str, str]]:
    """Write the batch's file states and file quarantine (and documents, articles and figures, when
    the worker did not) to Parquet; return the (path, reason) of the files quarantined.

    A file whose bytes another file of this run already holds was not processed again (`shipped`
    names the file that was): it shares that document, or its quarantine (`failed_docs`).
    """
    write_frame(staging, "documents", part, result.documents)
    write_frame(staging, "articles", part, result.articles)
    write_frame(staging, CANDIDATES, part, result.figures)
    failed = dict(result.failed)
    failed_docs.update((f.doc_id, failed[f.path]) for f in files if f.path in failed)

    def quarantine_reason(f: SourceFile) -> str | None:
        if f.outcome == "quarantined":
            return f.reason
        return failed.get(f.path) or (failed_docs.get(f.doc_id) if f.outcome == "document" else None)

    reasons = {f.path: quarantine_reason(f) for f in files}
    file_rows = [
        {"source_path": f.path, "doc_id": f.doc_id, "size_bytes": f.size_bytes, "mtime_ns": f.mtime_ns,
         "status": "quarantined" if reasons[f.path] else "loaded", "extractor_version": EXTRACTOR_VERSION,
         "run_id": run_id}
        for f in files if f.outcome != "unchanged"
    ]
    quarantine_rows = [
        {"source_path": f.path, "doc_id": f.doc_id, "level": "file", "reason": reasons[f.path], "detail": None,
         "run_id": run_id, "quarantined_at": staged_at}
        for f in files if reasons[f.path]
    ]
    write_rows(staging, "source_files", part, file_rows, {"size_bytes": pl.Int64, "mtime_ns": pl.Int64})
    write_rows(staging, "quarantine", part, quarantine_rows, QUARANTINE_TYPES)
    return [(row["source_path"], row["reason"]) for row in quarantine_rows]


QUARANTINE_TYPES = {"detail": pl.String, "quarantined_at": pl.Datetime}
RUN_TYPES = {
    "started_at": pl.Datetime, "finished_at": pl.Datetime, "files_seen": pl.Int64, "files_unchanged": pl.Int64,
    "documents_loaded": pl.Int64, "files_quarantined": pl.Int64, "figures_loaded": pl.Int64,
    "figures_quarantined": pl.Int64, "dq_success": pl.Boolean,
}
DQ_RESULT_TYPES = {"success": pl.Boolean, "element_count": pl.Int64, "unexpected_count": pl.Int64,
                   "checked_at": pl.Datetime}


@task(**STAGE)
def validate(staging: Path, warehouse: Path, run_name: str, validator: Validator) -> StagedValidation:
    """Check the staged figures with the Great Expectations suites; row failures are held back, not loaded.

    GX runs in the validator's own process (started by the CLI or at the first batch, so its slow
    import overlaps other work), which is stopped afterwards with GX's ~250 MB.
    """
    validator.submit(validate_staged, staging, indicator_codes(), config.data_docs_dir(warehouse), run_name)
    outcome: StagedValidation = validator.result()
    logger = get_run_logger()
    logger.info("Data quality: %d figures passed, %d held back", outcome.passed, outcome.failed.height)
    if not outcome.table_success:
        failed = [r["expectation"] for r in outcome.results if r["kind"] == "table" and not r["success"]]
        raise RuntimeError(f"table-level data-quality check failed: {', '.join(failed)}; nothing was loaded")
    return outcome


@task(**STAGE)
def stage_held_back(staging: Path, run_id: str, failed: pl.DataFrame, doc_paths: dict[str, str]) -> None:
    """Figures that failed a row-level expectation go to quarantine, each with the rules it broke."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    held_back = failed.drop("failed_expectations")
    rows = [
        {"source_path": doc_paths[row["doc_id"]], "doc_id": row["doc_id"], "level": "figure",
         "reason": reason, "detail": json.dumps(row, ensure_ascii=False, default=str),
         "run_id": run_id, "quarantined_at": now}
        for row, reason in zip(held_back.to_dicts(), failed["failed_expectations"].to_list())
    ]
    write_rows(staging, "quarantine", "figures", rows, QUARANTINE_TYPES)


@task(**STAGE)
def load(warehouse: Path, staging: Path, run: dict, dq_results: list[dict]) -> dict[str, int]:
    """The run's only write to the warehouse: one transaction, which also records the run itself.

    No task retries: while another process holds the file, the writer already waits for it
    (WAREHOUSE_LOCK_WAIT_SECONDS); retrying on top would multiply that wait.
    """
    write_rows(staging, "runs", "final", [run], RUN_TYPES)
    checked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    write_rows(staging, "dq_results", "final", [
        {"run_id": run["run_id"], "suite": r["suite"], "expectation": r["expectation"], "column_name": r.get("column"),
         "kind": r.get("kind"), "success": bool(r["success"]), "element_count": r.get("element_count"),
         "unexpected_count": r.get("unexpected_count"),
         "details": json.dumps(r.get("details"), ensure_ascii=False, default=str), "checked_at": checked_at}
        for r in dq_results
    ], DQ_RESULT_TYPES)
    written = store.load_run(warehouse, staging)
    get_run_logger().info("Loaded into %s: %s", warehouse, written)
    return written


@task(**STAGE)
def report(summary: RunSummary, per_zone: list[dict], dq_results: list[dict]) -> None:
    """Tell the user what the run did: log lines, and artifacts on the flow run in the Prefect UI."""
    logger = get_run_logger()
    logger.info(
        "Run complete: %d files seen (%d unchanged), %d documents loaded, %d files quarantined, "
        "%d figures loaded, %d figures held back by data-quality checks",
        summary.files_seen, summary.files_unchanged, summary.documents_loaded, summary.files_quarantined,
        summary.figures_loaded, summary.figures_quarantined,
    )
    for path, reason in summary.quarantined:
        logger.warning("Quarantined %s: %s", path, reason)
    create_table_artifact(key="figures-loaded", table=per_zone or [{"zone": None, "indicator": None, "figures": 0}],
                          description="Figures loaded in this run, per zone and indicator")
    lines = ["| expectation | column | kind | passed | unexpected |", "|---|---|---|---|---|"]
    lines += [f"| {r['expectation']} | {r.get('column') or ''} | {r.get('kind')} | {'yes' if r['success'] else 'NO'} "
              f"| {r.get('unexpected_count') or 0} |" for r in dq_results]
    docs = f"Data Docs: `{summary.data_docs}`" if summary.data_docs else "Data Docs: not written"
    quarantined = "\n".join(f"- `{path}`: {reason}" for path, reason in summary.quarantined) or "none"
    create_markdown_artifact(
        key="data-quality",
        markdown=f"## Data quality\n\n{summary.figures_loaded} figures loaded, {summary.figures_quarantined} held back."
                 f"\n\n{docs}\n\n" + "\n".join(lines) + f"\n\n## Quarantined files\n\n{quarantined}\n",
        description="Data-quality summary of this run",
    )


@task(**STAGE)
def read_stored_documents(warehouse: Path, doc_ids: list[str]) -> list[SourceFile]:
    """Documents as stored (raw text and file state), to process again without reading their files."""
    return [SourceFile(path, "document", size, mtime, doc_id, encoding, text)
            for doc_id, path, encoding, text, size, mtime in store.read_documents(warehouse, doc_ids)]


@flow(name="gaoxin-etl", log_prints=True)
def gaoxin_etl(
    source: Path = config.DEFAULT_SOURCE,
    warehouse: Path = config.DEFAULT_WAREHOUSE,
    batch_size: int = config.DEFAULT_BATCH_SIZE,
    workers: int = config.DEFAULT_WORKERS,
    document_budget: float = config.DOCUMENT_BUDGET_SECONDS,
) -> RunSummary:
    """Ingest every text file under `source` into the DuckDB `warehouse`; unchanged files are skipped.

    `workers` processes decode, clean and extract in parallel with the default task runner (one:
    all in this process, GX included); with a Dask task runner the Dask workers do that instead.
    A document taking more than `document_budget` seconds per started MB in a worker is quarantined.
    """
    source, warehouse = Path(source).absolute(), Path(warehouse).absolute()
    paths = discover(source)
    known = read_known_files(warehouse)
    stale = store.count_stale_documents(warehouse, EXTRACTOR_VERSION)
    if stale:
        get_run_logger().info("%d stored documents were extracted by an older version; files seen in this "
                              "run are re-extracted, `gaoxin reprocess` updates the rest", stale)
    # Prefect walks every task argument: the whole file-state map goes to one task, quoted, and each
    # read task gets only its batch's states (the map of 20,000 files cost a second per call).
    changed = find_changed_files(paths, quote(known))
    batches = (read_files(quote(batch), {p: known[p] for p in batch if p in known})
               for batch in batched(changed, batch_size))
    return _ingest(batches, str(source), warehouse, workers, document_budget, total=len(paths),
                   unchanged=len(paths) - len(changed))


@flow(name="gaoxin-reprocess", log_prints=True)
def gaoxin_reprocess(
    warehouse: Path = config.DEFAULT_WAREHOUSE,
    batch_size: int = config.DEFAULT_BATCH_SIZE,
    workers: int = config.DEFAULT_WORKERS,
    all_documents: bool = False,
    document_budget: float = config.DOCUMENT_BUDGET_SECONDS,
) -> RunSummary:
    """Clean and extract stored documents again after the rules changed, without reading any file.

    By default only documents extracted by an older EXTRACTOR_VERSION; `all_documents` redoes all.
    """
    warehouse = Path(warehouse).absolute()
    doc_ids = store.document_ids(warehouse, None if all_documents else EXTRACTOR_VERSION)
    get_run_logger().info("Reprocessing %d stored documents with extractor %s", len(doc_ids), EXTRACTOR_VERSION)
    batches = (read_stored_documents(warehouse, batch) for batch in batched(doc_ids, batch_size))
    return _ingest(batches, f"reprocess of {warehouse}", warehouse, workers, document_budget, total=len(doc_ids))


def _ingest(batches: Iterable[list[SourceFile]], source: str, warehouse: Path, workers: int, document_budget: float,
            total: int, unchanged: int = 0) -> RunSummary:
    """Stream batches through decode, clean and extract, validate all new figures, load once, report.

    `total` items are in the run, of which `unchanged` were skipped before batching.
    """
    logger = get_run_logger()
    run_id = str(flow_run.id or uuid.uuid4())
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    summary = RunSummary(run_id=run_id, source=source, warehouse=str(warehouse), files_seen=unchanged,
                         files_unchanged=unchanged)
    _remove_abandoned_staging(warehouse)
    staging = config.staging_dir(warehouse, os.getpid(), run_id)
    staging.mkdir(parents=True, exist_ok=True)
    # With the default (thread) task runner, CPU work goes to a process pool; a Dask runner's
    # tasks already run in worker processes, possibly on other machines.
    local = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
    timer = StageTimer()
    # One worker means everything in this process (tests, debugging); otherwise GX gets its own.
    isolated = workers > 1 or not local
    # Nothing new to process: a validator the CLI started is stopped now, not after the run.
    with Validator.prestarted_or_new(isolated, needed=total > unchanged) as validator:
        try:
            with WorkerPool(workers if local and workers > 1 else 0, document_budget) as pool:
                figures_found, doc_paths = _clean_and_extract(
                    batches, total - unchanged, staging, run_id, started, summary, pool if local else None,
                    validator, timer)
            if figures_found:
                outcome = validate(staging, warehouse, flow_run.name or run_id, validator)
                # GX's memory goes before the load's: the two together would pass 1 GB (measured).
                validator.close()
            else:  # nothing new: GX is not even imported
                outcome = StagedValidation.nothing()
            timer.add("validate", outcome.seconds)
            if outcome.failed.height:
                stage_held_back(staging, run_id, quote(outcome.failed), quote(doc_paths))
            summary.files_quarantined = len(summary.quarantined)
            summary.figures_loaded = outcome.passed
            summary.figures_quarantined = outcome.failed.height
            summary.dq_success = outcome.failed.height == 0
            summary.data_docs = str(outcome.data_docs_index) if outcome.data_docs_index else None
            load(warehouse, staging, _run_row(summary, started, flow_run.name, timer), quote(outcome.results))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    report(summary, quote(outcome.passed_per_zone), quote(outcome.results))
    logger.info("Finished in %.1f s", (dt.datetime.now(dt.UTC).replace(tzinfo=None) - started).total_seconds())
    return summary


def _run_row(summary: RunSummary, started: dt.datetime, flow_run_name: str | None, timer: StageTimer) -> dict:
    """The `runs` record of a completed run, written by its own load (whose seconds it cannot hold)."""
    return {
        "run_id": summary.run_id, "flow_run_name": flow_run_name, "source": summary.source, "started_at": started,
        "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "files_seen": summary.files_seen, "files_unchanged": summary.files_unchanged,
        "documents_loaded": summary.documents_loaded, "files_quarantined": summary.files_quarantined,
        "figures_loaded": summary.figures_loaded, "figures_quarantined": summary.figures_quarantined,
        "dq_success": summary.dq_success, "status": "completed", "extractor_version": EXTRACTOR_VERSION,
        "data_docs": summary.data_docs, "stage_seconds": json.dumps(timer.rounded()),
    }


class StageTimer:
    """Seconds per stage of one run, summed over batches: the flow's own steps are timed here, the
    workers' steps (decode, clean, extract, rows) are added from each batch's result."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def rounded(self) -> dict[str, float]:
        return {name: round(value, 3) for name, value in self.seconds.items()}


def progress_line(done: int, total: int, elapsed: float, width: int = 20) -> str:
    """`[#####---------------]  25%  500/2000 files  41 files/s  ETA 37 s`: a bar that reads the same
    in a terminal, in journald and in the Prefect UI's log view."""
    share = done / total if total else 1.0
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = f"ETA {(total - done) / rate:.0f} s" if rate and done < total else "done" if done >= total else "ETA ?"
    filled = round(share * width)
    return f"[{'#' * filled}{'-' * (width - filled)}] {share:4.0%}  {done}/{total} files  {rate:.0f} files/s  {eta}"


def _remove_abandoned_staging(warehouse: Path) -> None:
    """Staging folders of runs whose process is gone (killed before their cleanup) are removed."""
    for folder in warehouse.parent.glob(f".staging-{warehouse.stem}-*"):
        pid = folder.name.removeprefix(f".staging-{warehouse.stem}-").split("-", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_and_extract(batches: Iterable[list[SourceFile]], total: int, staging: Path, run_id: str,
                       started_at: dt.datetime, summary: RunSummary, pool: WorkerPool | None,
                       validator: Validator, timer: StageTimer) -> tuple[int, dict[str, str]]:
    """Submit each batch to the workers, keeping a few in flight; stage each as it finishes.

    Returns how many figures were staged for validation and the file each document was read from.
    `total` is the number of files the batches hold, for the progress bar. Task arguments are
    quoted: Prefect would otherwise walk every file and row of them looking for futures.
    """
    logger = get_run_logger()
    figures_found, batches_done = 0, 0
    shipped: dict[str, str] = {}  # doc_id -> the file whose bytes were sent to be processed
    failed_docs: dict[str, str] = {}  # doc_id -> why its processing failed
    processed = 0
    in_flight: deque = deque()
    started = time.perf_counter()

    def finish() -> None:
        nonlocal processed, figures_found, batches_done
        part, files, result_of = in_flight.popleft()
        result: BatchResult = result_of()
        for step, seconds in result.seconds.items():
            timer.add(step, seconds)
        with timer("stage"):
            quarantined = stage_batch(staging, part, run_id, quote(files), quote(result), quote(shipped),
                                      quote(failed_docs), started_at)
        figures_found += result.figures_found
        batches_done += 1
        processed += len(files)
        summary.files_seen += len(files)
        summary.files_unchanged += sum(f.outcome in ("unchanged", "touched") for f in files)
        summary.documents_loaded += result.documents_staged
        summary.quarantined += quarantined
        logger.info("Batch %s: %d files, %d new or changed documents, %d figures  %s",
                    int(part), len(files), result.documents_staged, result.figures_found,
                    progress_line(processed, total, time.perf_counter() - started))

    batches = iter(batches)
    while True:
        with timer("read"):
            files = next(batches, None)
        if files is None:
            break
        part = f"{batches_done + len(in_flight):06d}"
        documents = []
        for file in files:
            if file.outcome == "document" and file.doc_id not in shipped:
                shipped[file.doc_id] = file.path
                documents.append(file)
        if documents:
            if pool is not None:
                pool.start()  # spawn the workers now, while this process reads the next batches
            validator.start()  # figures will follow: GX's import overlaps the batches
            # Workers on this machine stage their documents themselves; a Dask cluster's send them back.
            future = decode_clean_extract.submit(Shipment(documents), pool, run_id, started_at,
                                                 staging if pool is not None else None, part)
            in_flight.append((part, files, future.result))
        else:  # only quarantined, unchanged, touched or repeated files: nothing for the workers
            in_flight.append((part, files, BatchResult.empty))
        if len(in_flight) >= config.BATCHES_IN_FLIGHT:
            finish()
    while in_flight:
        finish()
    return figures_found, shipped
