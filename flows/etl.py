"""The flows: the nightly ETL (discover -> read -> decode, clean, extract -> validate -> load -> report)
and the reprocessing of stored documents, which shares every stage after reading.

Each stage is a small Prefect task over a batch of documents (flows/stages.py); the logic lives in transforms/,
expectations/ and warehouse/. This process reads and hashes the files; a worker process decodes,
cleans and extracts a whole batch and stages its rows to Parquet (a few batches in flight), so
neither the text nor the figures come back here and memory stays bounded; GX validates the staged
figures in a process of its own; the warehouse changes only in the final load task, in one
transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows import config, stages
from flows.alerts import alert_held_back, alert_on_failure
from flows.batch_scheduler import InFlightBatches, batched
from flows.progress import StageTimer
from flows.run_report import RunSummary, run_record, utc_now
from flows.run_workspace import RunWorkspace
from flows.sources import SourceFile
from flows.staging import StagedValidation
from flows.workers import Shipment, WorkerPool
from transforms import EXTRACTOR_VERSION
from warehouse import store


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
    options = config.run_options(
        source=source,
        warehouse=warehouse,
        batch_size=batch_size,
        workers=workers,
        time_budget=time_budget,
        notify_url=notify_url,
        publish_dir=publish_dir,
    )
    if options.source is None:
        raise ValueError("no source folder: pass source (gaoxin run --source DIR) or set GAOXIN_SOURCE")
    source, warehouse = Path(options.source).absolute(), Path(options.warehouse).absolute()
    paths = stages.discover(source)
    known = stages.read_known_files(warehouse, options.lock_wait_seconds)
    stale = store.count_stale_documents(warehouse, EXTRACTOR_VERSION, options.lock_wait_seconds)
    if stale:
        get_run_logger().info(
            "%d stored documents were extracted by an older version; files seen in this "
            "run are re-extracted, `gaoxin reprocess` updates the rest",
            stale,
        )
    # Prefect walks every task argument: the whole file-state map goes to one task, quoted, and each
    # read task gets only its batch's states (the map of 20,000 files cost a second per call).
    changed = stages.find_changed_files(paths, quote(known))
    batches = (
        stages.read_files(quote(batch), {p: known[p] for p in batch if p in known})
        for batch in batched(changed, options.batch_size)
    )
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
    options = config.run_options(
        warehouse=warehouse,
        batch_size=batch_size,
        workers=workers,
        time_budget=time_budget,
        notify_url=notify_url,
        publish_dir=publish_dir,
    )
    warehouse = Path(options.warehouse).absolute()
    doc_ids = store.document_ids(warehouse, None if all_documents else EXTRACTOR_VERSION, options.lock_wait_seconds)
    get_run_logger().info("Reprocessing %d stored documents with extractor %s", len(doc_ids), EXTRACTOR_VERSION)
    batches = (
        stages.read_stored_documents(warehouse, batch, options.lock_wait_seconds)
        for batch in batched(doc_ids, options.batch_size)
    )
    return _ingest(batches, f"reprocess of {warehouse}", warehouse, options, total=len(doc_ids))


def _ingest(
    batches: Iterable[list[SourceFile]],
    source: str,
    warehouse: Path,
    options: config.Settings,
    total: int,
    unchanged: int = 0,
) -> RunSummary:
    """Stream batches through decode, clean and extract, validate all new figures, load once, report.

    `total` items are in the run, of which `unchanged` were skipped before batching.
    """
    run_id, started = str(flow_run.id or uuid.uuid4()), utc_now()
    summary = RunSummary(
        run_id=run_id, source=source, warehouse=str(warehouse), files_seen=unchanged, files_unchanged=unchanged
    )
    timer = StageTimer()
    with RunWorkspace(warehouse, run_id, options, needed=total > unchanged) as run:
        with run.workers() as pool:
            figures_found, doc_paths = _clean_and_extract(
                batches, total - unchanged, run, pool, started, summary, timer
            )
        if figures_found:
            outcome = stages.validate(run.staging, warehouse, flow_run.name or run_id, run.validator)
        else:  # nothing new: GX is not even imported
            outcome = StagedValidation.nothing()
        run.validator.close()  # GX's memory goes before the load's: the two together would pass 1 GB (measured)
        timer.add("validate", outcome.seconds)
        if outcome.failed.height:
            stages.stage_held_back(run.staging, run_id, quote(outcome.failed), quote(doc_paths))
        summary.record_validation(outcome.passed, outcome.failed.height, outcome.data_docs_index)
        stages.load(
            warehouse,
            run.staging,
            run_record(summary, started, flow_run.name, timer.rounded(), EXTRACTOR_VERSION),
            quote(outcome.results),
            quote(options),
        )
    if options.publish_dir:
        stages.publish_copy(warehouse, Path(options.publish_dir).absolute(), options.lock_wait_seconds)
    stages.report(summary, quote(outcome.passed_per_zone), quote(outcome.results))
    alert_held_back(options.notify_url, flow_run.name or run_id, flow_run.id, summary)
    get_run_logger().info("Finished in %.1f s", (utc_now() - started).total_seconds())
    return summary


def _clean_and_extract(
    batches: Iterable[list[SourceFile]],
    total: int,
    run: RunWorkspace,
    pool: WorkerPool | None,
    started_at: dt.datetime,
    summary: RunSummary,
    timer: StageTimer,
) -> tuple[int, dict[str, str]]:
    """Each batch through decode_clean_extract and stage_batch, a few in flight (flows/batch_scheduler.py).

    Returns how many figures were staged for validation and the file each document was read from.
    Task arguments are quoted: Prefect would otherwise walk every file and row of them looking for futures.
    """

    def process(documents: list[SourceFile], part: str):
        if pool is not None:
            pool.start()  # spawn the workers now, while this process reads the next batches
        run.validator.start()  # figures will follow: GX's import overlaps the batches
        # Workers on this machine stage their documents themselves; a Dask cluster's send them back.
        return stages.decode_clean_extract.submit(
            Shipment(documents), pool, run.run_id, started_at, run.staging if pool is not None else None, part
        ).result

    def stage(part, files, result, failed_docs):
        return stages.stage_batch(
            run.staging, part, run.run_id, quote(files), quote(result), quote(failed_docs), started_at
        )

    in_flight = InFlightBatches(total, config.BATCHES_IN_FLIGHT, process, stage, summary, timer, get_run_logger())
    in_flight.run(batches)
    return in_flight.figures_found, in_flight.shipped
