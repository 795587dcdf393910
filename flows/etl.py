"""The nightly ETL flow: discover -> read -> decode, clean, extract -> validate -> load -> report.

Each stage is a small Prefect task over a batch of documents; the logic lives in transforms/,
expectations/ and warehouse/. This process reads and hashes the files; a worker process decodes,
cleans and extracts a whole batch and stages its rows to Parquet (a few batches in flight), so
neither the text nor the figures come back here and memory stays bounded; GX validates the staged
figures in a process of its own; the warehouse changes only in the final load task, in one
transaction.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
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
from flows.alerts import alert_held_back, alert_on_failure
from flows.batch_scheduler import InFlightBatches
from flows.progress import StageTimer
from flows.run_report import RunSummary, data_quality_markdown, run_record
from flows.sources import SourceFile, discover_files, is_unchanged, read_source_file
from flows.staging import (BatchResult, StagedValidation, dq_result_rows, file_quarantine_rows, file_rows,
                           held_back_rows, remove_abandoned_staging, validate_staged, write_frame, write_rows)
from flows.validator import Validator
from flows.workers import Shipment, WorkerPool, process_within_budget, run_batch
from transforms import EXTRACTOR_VERSION
from transforms.extract import indicator_codes
from warehouse import store
from warehouse.publish import publish
from warehouse.tables import CANDIDATES

# Tasks pass in-memory batches; hashing them for a cache key or persisting them would only cost time.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@task(**STAGE)
def discover(source: Path) -> list[str]:
    paths = discover_files(source)
    get_run_logger().info("Found %d candidate files under %s", len(paths), source)
    return paths


@task(**STAGE)
def read_known_files(warehouse: Path, wait_seconds: float) -> dict[str, store.FileState]:
    """The warehouse's record of each file, so unchanged files are skipped without reading them.

    Waits for the warehouse while another process writes it (no task retries on top of that wait).
    """
    return store.read_file_state(warehouse, wait_seconds)


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
    reasons = {f.path: f.reason if f.outcome == "quarantined" else failed.get(f.path) or (
        failed_docs.get(f.doc_id) if f.outcome == "document" else None) for f in files}
    write_rows(staging, "source_files", part, file_rows(files, reasons, run_id, EXTRACTOR_VERSION))
    quarantined = file_quarantine_rows(files, reasons, run_id, staged_at)
    write_rows(staging, "quarantine", part, quarantined)
    return [(row["source_path"], row["reason"]) for row in quarantined]


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
    write_rows(staging, "quarantine", "figures", held_back_rows(failed, doc_paths, run_id, now))


@task(**STAGE)
def load(warehouse: Path, staging: Path, run: dict, dq_results: list[dict], options: config.Settings) -> dict[str, int]:
    """The run's only write to the warehouse: one transaction, which also records the run itself.

    No task retries: while another process holds the file, the writer already waits for it
    (GAOXIN_LOCK_WAIT_SECONDS); retrying on top would multiply that wait.
    """
    write_rows(staging, "runs", "final", [run])
    checked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    write_rows(staging, "dq_results", "final", dq_result_rows(run["run_id"], dq_results, checked_at))
    written = store.load_run(warehouse, staging, options.load_memory_limit, options.lock_wait_seconds)
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
    create_markdown_artifact(key="data-quality", markdown=data_quality_markdown(summary, dq_results),
                             description="Data-quality summary of this run")


@task(**STAGE, retries=2, retry_delay_seconds=5)
def publish_copy(warehouse: Path, publish_dir: Path, wait_seconds: float) -> None:
    """The read-only copy for BI tools (warehouse/publish.py), replaced file by file, atomically."""
    published = publish(warehouse, publish_dir, wait_seconds)
    get_run_logger().info("Published a read-only copy for BI tools: %s", ", ".join(p.name for p in published))


@task(**STAGE)
def read_stored_documents(warehouse: Path, doc_ids: list[str], wait_seconds: float) -> list[SourceFile]:
    """Documents as stored (raw text and file state), to process again without reading their files."""
    return [SourceFile(path, "document", size, mtime, doc_id, encoding, text)
            for doc_id, path, encoding, text, size, mtime in store.read_documents(warehouse, doc_ids, wait_seconds)]


def run_options(**given) -> config.Settings:
    """The settings (GAOXIN_* environment), with what a flow run was given explicitly (not None) on top."""
    defaults = config.settings()
    return defaults.model_copy(update={name: value for name, value in given.items() if value is not None})


@flow(name="gaoxin-etl", on_failure=[alert_on_failure], on_crashed=[alert_on_failure])
def gaoxin_etl(
    source: Path | None = None,
    warehouse: Path | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    time_budget: float | None = None,
    notify_url: str | None = None,
    publish_dir: Path | None = None,
) -> RunSummary:
    """Ingest every text file under `source` into the DuckDB `warehouse`; unchanged files are skipped.

    `workers` processes decode, clean and extract in parallel with the default task runner (one:
    all in this process, GX included); with a Dask task runner the Dask workers do that instead.
    A parameter left out (None) comes from the settings: GAOXIN_<NAME>, else flows/config.py.
    """
    options = run_options(source=source, warehouse=warehouse, batch_size=batch_size, workers=workers,
                          time_budget=time_budget, notify_url=notify_url, publish_dir=publish_dir)
    if options.source is None:
        raise ValueError("no source folder: pass source (gaoxin run --source DIR) or set GAOXIN_SOURCE")
    source, warehouse = Path(options.source).absolute(), Path(options.warehouse).absolute()
    paths = discover(source)
    known = read_known_files(warehouse, options.lock_wait_seconds)
    stale = store.count_stale_documents(warehouse, EXTRACTOR_VERSION, options.lock_wait_seconds)
    if stale:
        get_run_logger().info("%d stored documents were extracted by an older version; files seen in this "
                              "run are re-extracted, `gaoxin reprocess` updates the rest", stale)
    # Prefect walks every task argument: the whole file-state map goes to one task, quoted, and each
    # read task gets only its batch's states (the map of 20,000 files cost a second per call).
    changed = find_changed_files(paths, quote(known))
    batches = (read_files(quote(batch), {p: known[p] for p in batch if p in known})
               for batch in batched(changed, options.batch_size))
    return _ingest(batches, str(source), warehouse, options, total=len(paths), unchanged=len(paths) - len(changed))


@flow(name="gaoxin-reprocess", on_failure=[alert_on_failure], on_crashed=[alert_on_failure])
def gaoxin_reprocess(
    warehouse: Path | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    all_documents: bool = False,
    time_budget: float | None = None,
    notify_url: str | None = None,
    publish_dir: Path | None = None,
) -> RunSummary:
    """Clean and extract stored documents again after the rules changed, without reading any file.

    By default only documents extracted by an older EXTRACTOR_VERSION; `all_documents` redoes all.
    """
    options = run_options(warehouse=warehouse, batch_size=batch_size, workers=workers, time_budget=time_budget,
                          notify_url=notify_url, publish_dir=publish_dir)
    warehouse = Path(options.warehouse).absolute()
    doc_ids = store.document_ids(warehouse, None if all_documents else EXTRACTOR_VERSION, options.lock_wait_seconds)
    get_run_logger().info("Reprocessing %d stored documents with extractor %s", len(doc_ids), EXTRACTOR_VERSION)
    batches = (read_stored_documents(warehouse, batch, options.lock_wait_seconds)
               for batch in batched(doc_ids, options.batch_size))
    return _ingest(batches, f"reprocess of {warehouse}", warehouse, options, total=len(doc_ids))


def _ingest(batches: Iterable[list[SourceFile]], source: str, warehouse: Path, options: config.Settings,
            total: int, unchanged: int = 0) -> RunSummary:
    """Stream batches through decode, clean and extract, validate all new figures, load once, report.

    `total` items are in the run, of which `unchanged` were skipped before batching.
    """
    logger = get_run_logger()
    run_id = str(flow_run.id or uuid.uuid4())
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    summary = RunSummary(run_id=run_id, source=source, warehouse=str(warehouse), files_seen=unchanged,
                         files_unchanged=unchanged)
    remove_abandoned_staging(warehouse)
    staging = config.staging_dir(warehouse, os.getpid(), run_id)
    staging.mkdir(parents=True, exist_ok=True)
    # With the default (thread) task runner, CPU work goes to a process pool; a Dask runner's
    # tasks already run in worker processes, possibly on other machines.
    local = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
    timer = StageTimer()
    # One worker means everything in this process (tests, debugging); otherwise GX gets its own.
    isolated = options.workers > 1 or not local
    # Nothing new to process: a validator the CLI started is stopped now, not after the run.
    with Validator.prestarted_or_new(isolated, needed=total > unchanged) as validator:
        try:
            with WorkerPool(options.workers if local and options.workers > 1 else 0, options.time_budget) as pool:
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
            load(warehouse, staging, run_record(summary, started, flow_run.name, timer.rounded(), EXTRACTOR_VERSION),
                 quote(outcome.results), quote(options))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    if options.publish_dir:
        publish_copy(warehouse, Path(options.publish_dir).absolute(), options.lock_wait_seconds)
    report(summary, quote(outcome.passed_per_zone), quote(outcome.results))
    alert_held_back(options.notify_url, flow_run.name or run_id, flow_run.id, summary)
    logger.info("Finished in %.1f s", (dt.datetime.now(dt.UTC).replace(tzinfo=None) - started).total_seconds())
    return summary


def _clean_and_extract(batches: Iterable[list[SourceFile]], total: int, staging: Path, run_id: str,
                       started_at: dt.datetime, summary: RunSummary, pool: WorkerPool | None,
                       validator: Validator, timer: StageTimer) -> tuple[int, dict[str, str]]:
    """Each batch through decode_clean_extract and stage_batch, a few in flight (flows/batch_scheduler.py).

    Returns how many figures were staged for validation and the file each document was read from.
    Task arguments are quoted: Prefect would otherwise walk every file and row of them looking for futures.
    """
    def process(documents: list[SourceFile], part: str):
        if pool is not None:
            pool.start()  # spawn the workers now, while this process reads the next batches
        validator.start()  # figures will follow: GX's import overlaps the batches
        # Workers on this machine stage their documents themselves; a Dask cluster's send them back.
        return decode_clean_extract.submit(Shipment(documents), pool, run_id, started_at,
                                           staging if pool is not None else None, part).result

    def stage(part, files, result, shipped, failed_docs):
        return stage_batch(staging, part, run_id, quote(files), quote(result), quote(shipped), quote(failed_docs),
                           started_at)

    in_flight = InFlightBatches(total, config.BATCHES_IN_FLIGHT, process, stage, summary, timer, get_run_logger())
    batches = iter(batches)
    while True:
        with timer("read"):
            files = next(batches, None)
        if files is None:
            break
        in_flight.add(files)
    in_flight.drain()
    return in_flight.figures_found, in_flight.shipped
