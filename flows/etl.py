"""The nightly ETL flow: discover -> read & decode -> clean -> extract -> validate -> load -> report.

Each stage is a small Prefect task over a batch of documents; the logic lives in transforms/,
expectations/ and warehouse/. Batches stream through clean and extract (submitted to the task
runner, a few in flight), documents are staged to Parquet per batch so memory stays bounded, and
the warehouse changes only in the final load task, in one transaction.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from expectations.figures import FIGURE_SCHEMA, ValidationOutcome, import_gx_in_background, validate_figures
from flows import config
from flows.sources import SourceFile, discover_files, is_unchanged, read_source_file
from flows.workers import DocumentPool, clean_one, extract_one
from transforms import EXTRACTOR_VERSION
from transforms.cleaning.repeated import find_repeated_lines
from transforms.extract import indicator_codes
from transforms.model import CleanedDocument
from warehouse import store

# Tasks pass in-memory batches; hashing them for a cache key or persisting them would only cost time.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)


@dataclass
class CleanedBatch:
    documents: list[tuple[SourceFile, CleanedDocument]] = field(default_factory=list)
    failed: list[tuple[SourceFile, str]] = field(default_factory=list)


@dataclass
class ExtractedBatch:
    cleaned: CleanedBatch
    figures: pl.DataFrame
    failed: list[tuple[SourceFile, str]]  # documents that tripped cleaning or extraction


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
def read_and_decode(paths: list[str], known: dict[str, store.FileState]) -> list[SourceFile]:
    return [read_source_file(path, known.get(path), EXTRACTOR_VERSION) for path in paths]


@task(**STAGE)
def clean(files: list[SourceFile], pool: DocumentPool | None) -> CleanedBatch:
    """Clean each document; one that trips the cleaner is quarantined, the batch goes on.

    Lines repeated across many of the batch's documents (a site's own chrome) are removed too.
    """
    batch = CleanedBatch()
    texts = [f.text for f in files]
    clean_with_corpus = partial(clean_one, repeated_lines=find_repeated_lines(texts))
    results = pool.map(clean_with_corpus, texts) if pool else [clean_with_corpus(text) for text in texts]
    for file, (doc, error) in zip(files, results):
        if error:
            batch.failed.append((file, error))
        else:
            batch.documents.append((file, doc))
    return batch


@task(**STAGE)
def extract(cleaned: CleanedBatch, pool: DocumentPool | None) -> ExtractedBatch:
    """Figures of every document in the batch, numbered per document, with evidence spans."""
    docs = [doc for _, doc in cleaned.documents]
    results = pool.map(extract_one, docs) if pool else [extract_one(doc) for doc in docs]
    rows, failed = [], list(cleaned.failed)
    for (file, _), (figures, error) in zip(cleaned.documents, results):
        if error:
            failed.append((file, error))
            continue
        rows.extend({"doc_id": file.doc_id, "figure_no": n, **asdict(f)} for n, f in enumerate(figures))
    return ExtractedBatch(cleaned, pl.DataFrame(rows, schema=FIGURE_SCHEMA), failed)


@task(**STAGE)
def stage_batch(staging: Path, part: str, run_id: str, files: list[SourceFile], extracted: ExtractedBatch,
                seen_docs: set[str]) -> int:
    """Write the batch's documents, articles, file states and file quarantine to Parquet.

    Returns the number of documents staged (a second file with the same bytes adds none).
    """
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    failed_paths = {file.path: reason for file, reason in extracted.failed}
    quarantined = [(f, f.reason) for f in files if f.outcome == "quarantined"] + extracted.failed
    documents, articles = [], []
    for file, doc in extracted.cleaned.documents:
        if file.path in failed_paths or file.doc_id in seen_docs:
            continue
        seen_docs.add(file.doc_id)
        documents.append({
            "doc_id": file.doc_id, "source_path": file.path, "encoding": file.encoding, "title": doc.title,
            "published_date": doc.published_date, "source": doc.source, "raw_text": file.text,
            "clean_text": doc.clean_text,
            "repairs": json.dumps(file.decode_repairs + doc.repairs, ensure_ascii=False, default=str),
            "ingested_at": now, "extractor_version": EXTRACTOR_VERSION, "run_id": run_id,
        })
        articles.extend({"doc_id": file.doc_id, **asdict(a)} for a in doc.articles)
    file_rows = [
        {"source_path": f.path, "doc_id": f.doc_id, "size_bytes": f.size_bytes, "mtime_ns": f.mtime_ns,
         "status": "quarantined" if f.outcome == "quarantined" or f.path in failed_paths else "loaded",
         "extractor_version": EXTRACTOR_VERSION, "run_id": run_id}
        for f in files if f.outcome != "unchanged"
    ]
    quarantine_rows = [
        {"source_path": f.path, "doc_id": f.doc_id, "level": "file", "reason": reason, "detail": None,
         "run_id": run_id, "quarantined_at": now}
        for f, reason in quarantined
    ]
    _write(staging, "documents", part, documents, {"published_date": pl.Date, "ingested_at": pl.Datetime})
    _write(staging, "articles", part, articles, {"article_no": pl.Int32, "span_start": pl.Int32, "span_end": pl.Int32})
    _write(staging, "source_files", part, file_rows, {"size_bytes": pl.Int64, "mtime_ns": pl.Int64})
    _write(staging, "quarantine", part, quarantine_rows, QUARANTINE_TYPES)
    return len(documents)


QUARANTINE_TYPES = {"detail": pl.String, "quarantined_at": pl.Datetime}


def _write(staging: Path, table: str, part: str, rows: list[dict], types: dict) -> None:
    """Stage rows as <table>-<part>.parquet; columns not named in `types` are strings."""
    if not rows:
        return
    schema = {key: types.get(key, pl.String) for key in rows[0]}
    path = staging / f"{table}-{part}.parquet"
    try:
        pl.DataFrame(rows, schema=schema).write_parquet(path)
    except Exception as exc:  # polars reports a full disk as a thrift transport error
        free = shutil.disk_usage(staging).free
        raise OSError(f"could not stage {table} rows to {path} ({free / 2**20:.1f} MiB free on that disk): "
                      f"{exc}") from exc


@task(**STAGE)
def validate(figures: pl.DataFrame, warehouse: Path, run_name: str) -> ValidationOutcome:
    """Check the figures with the Great Expectations suite; row failures are held back, not loaded.

    A run with no new figures (nothing changed) skips GX entirely: its import alone takes seconds.
    """
    if figures.is_empty():
        return ValidationOutcome(passed=figures, failed=figures.with_columns(failed_expectations=pl.lit("")),
                                 table_success=True)
    outcome = validate_figures(figures, indicator_codes(), config.data_docs_dir(warehouse), run_name)
    logger = get_run_logger()
    logger.info("Data quality: %d figures passed, %d held back", outcome.passed.height, outcome.failed.height)
    if not outcome.table_success:
        failed = [r["expectation"] for r in outcome.results if r["kind"] == "table" and not r["success"]]
        raise RuntimeError(f"table-level data-quality check failed: {', '.join(failed)}; nothing was loaded")
    return outcome


@task(**STAGE)
def stage_figures(staging: Path, run_id: str, outcome: ValidationOutcome, doc_paths: dict[str, str]) -> None:
    if outcome.passed.height:
        outcome.passed.write_parquet(staging / "figures-all.parquet")
    if outcome.failed.height:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        held_back = outcome.failed.drop("failed_expectations")
        rows = [
            {"source_path": doc_paths[row["doc_id"]], "doc_id": row["doc_id"], "level": "figure",
             "reason": reason, "detail": json.dumps(row, ensure_ascii=False, default=str),
             "run_id": run_id, "quarantined_at": now}
            for row, reason in zip(held_back.to_dicts(), outcome.failed["failed_expectations"].to_list())
        ]
        _write(staging, "quarantine", "figures", rows, QUARANTINE_TYPES)


@task(**STAGE)
def load(warehouse: Path, staging: Path, run: dict, dq_results: list[dict]) -> dict[str, int]:
    """The run's only write to the warehouse: one transaction.

    No task retries: while another process holds the file, the writer already waits for it
    (WAREHOUSE_LOCK_WAIT_SECONDS); retrying on top would multiply that wait.
    """
    written = store.load_run(warehouse, staging, run, dq_results)
    get_run_logger().info("Loaded into %s: %s", warehouse, written)
    return written


@task(**STAGE)
def report(summary: RunSummary, loaded_figures: pl.DataFrame, dq_results: list[dict]) -> None:
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
    per_zone = (
        loaded_figures.group_by("zone", "indicator").agg(pl.len().alias("figures"))
        .sort("zone", "indicator", nulls_last=True).to_dicts()
    )
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
) -> RunSummary:
    """Ingest every text file under `source` into the DuckDB `warehouse`; unchanged files are skipped.

    `workers` processes clean and extract in parallel with the default task runner; with a Dask task
    runner the Dask workers do that instead.
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
    batches = (read_and_decode(batch, {p: known[p] for p in batch if p in known})
               for batch in batched(changed, batch_size))
    return _ingest(batches, str(source), warehouse, workers, total=len(paths), unchanged=len(paths) - len(changed))


@flow(name="gaoxin-reprocess", log_prints=True)
def gaoxin_reprocess(
    warehouse: Path = config.DEFAULT_WAREHOUSE,
    batch_size: int = config.DEFAULT_BATCH_SIZE,
    workers: int = config.DEFAULT_WORKERS,
    all_documents: bool = False,
) -> RunSummary:
    """Clean and extract stored documents again after the rules changed, without reading any file.

    By default only documents extracted by an older EXTRACTOR_VERSION; `all_documents` redoes all.
    """
    warehouse = Path(warehouse).absolute()
    doc_ids = store.document_ids(warehouse, None if all_documents else EXTRACTOR_VERSION)
    get_run_logger().info("Reprocessing %d stored documents with extractor %s", len(doc_ids), EXTRACTOR_VERSION)
    batches = (read_stored_documents(warehouse, batch) for batch in batched(doc_ids, batch_size))
    return _ingest(batches, f"reprocess of {warehouse}", warehouse, workers, total=len(doc_ids))


def _ingest(batches: Iterable[list[SourceFile]], source: str, warehouse: Path, workers: int, total: int,
            unchanged: int = 0) -> RunSummary:
    """Stream batches through clean and extract, validate all new figures, load once, report.

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
    try:
        with DocumentPool(workers if local else 1) as pool:
            figures, doc_paths = _clean_and_extract(batches, total - unchanged, staging, run_id, summary,
                                                    pool if local else None)
        outcome = validate(figures, warehouse, flow_run.name or run_id)
        stage_figures(staging, run_id, outcome, doc_paths)
        summary.files_quarantined = len(summary.quarantined)
        summary.figures_loaded = outcome.passed.height
        summary.figures_quarantined = outcome.failed.height
        summary.dq_success = outcome.failed.height == 0
        summary.data_docs = str(outcome.data_docs_index) if outcome.data_docs_index else None
        run_row = {
            "run_id": run_id, "flow_run_name": flow_run.name, "source": source, "started_at": started,
            "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "files_seen": summary.files_seen, "files_unchanged": summary.files_unchanged,
            "documents_loaded": summary.documents_loaded, "files_quarantined": summary.files_quarantined,
            "figures_loaded": summary.figures_loaded, "figures_quarantined": summary.figures_quarantined,
            "dq_success": summary.dq_success, "status": "completed", "extractor_version": EXTRACTOR_VERSION,
            "data_docs": summary.data_docs,
        }
        load(warehouse, staging, run_row, outcome.results)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report(summary, outcome.passed, outcome.results)
    logger.info("Finished in %.1f s", (dt.datetime.now(dt.UTC).replace(tzinfo=None) - started).total_seconds())
    return summary


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
                       summary: RunSummary, pool: DocumentPool | None) -> tuple[pl.DataFrame, dict[str, str]]:
    """Submit clean + extract per batch, keeping a few batches in flight; stage each as it finishes.

    `total` is the number of files the batches hold, for the progress bar.
    """
    logger = get_run_logger()
    figure_batches, doc_paths, seen_docs = [], {}, set()
    processed = 0
    in_flight: deque = deque()
    started = time.perf_counter()
    gx_import = None

    def finish() -> None:
        nonlocal processed
        batch_no, files, extracted_result = in_flight.popleft()
        extracted = extracted_result()
        staged = stage_batch(staging, f"{batch_no:06d}", run_id, files, extracted, quote(seen_docs))
        figure_batches.append(extracted.figures)
        doc_paths.update((f.doc_id, f.path) for f, _ in extracted.cleaned.documents)
        processed += len(files)
        summary.files_seen += len(files)
        summary.files_unchanged += sum(f.outcome in ("unchanged", "touched") for f in files)
        summary.documents_loaded += staged
        summary.quarantined += [(f.path, f.reason) for f in files if f.outcome == "quarantined"]
        summary.quarantined += [(f.path, reason) for f, reason in extracted.failed]
        logger.info("Batch %d: %d files, %d new or changed documents, %d figures  %s",
                    batch_no, len(files), staged, extracted.figures.height,
                    progress_line(processed, total, time.perf_counter() - started))

    for batch_no, files in enumerate(batches):
        documents = [f for f in files if f.outcome == "document"]
        if documents and gx_import is None:
            gx_import = import_gx_in_background()  # figures to validate will follow: overlap GX's slow import
        if documents:
            future = extract.submit(clean.submit(documents, pool), pool)
            in_flight.append((batch_no, files, future.result))
        else:  # only quarantined or touched files: nothing for the workers
            nothing = ExtractedBatch(CleanedBatch(), pl.DataFrame(schema=FIGURE_SCHEMA), [])
            in_flight.append((batch_no, files, lambda nothing=nothing: nothing))
        if len(in_flight) >= config.BATCHES_IN_FLIGHT:
            finish()
    while in_flight:
        finish()
    figures = pl.concat(figure_batches) if figure_batches else pl.DataFrame(schema=FIGURE_SCHEMA)
    return figures, doc_paths
