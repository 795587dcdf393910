"""The pipeline's stages as Prefect tasks: each a short call into flows/, transforms/, expectations/ or warehouse/.

The flows in flows/etl.py call them in order. Tasks pass in-memory batches; hashing them for a cache
key or persisting them would only cost time, so no task caches or persists its result.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows import config
from flows.run_report import RunSummary, data_quality_markdown, utc_now
from flows.sources import SourceFile, discover_files, is_unchanged, read_source_file
from flows.staging import (
    BatchResult,
    StagedValidation,
    dq_result_rows,
    held_back_rows,
    stage_files,
    validate_staged,
    write_rows,
)
from flows.validator import Validator
from flows.workers import Shipment, WorkerPool, process_within_budget, run_batch
from transforms import EXTRACTOR_VERSION
from transforms.extract import indicator_codes
from warehouse import store
from warehouse.publish import publish

STAGE = dict(cache_policy=NO_CACHE, persist_result=False)


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
def decode_clean_extract(
    shipment: Shipment, pool: WorkerPool | None, run_id: str, ingested_at: dt.datetime, staging: Path | None, part: str
) -> BatchResult:
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
def stage_batch(
    staging: Path,
    part: str,
    run_id: str,
    files: list[SourceFile],
    result: BatchResult,
    failed_docs: dict[str, str],
    staged_at: dt.datetime,
) -> list[tuple[str, str]]:
    """Stage the batch's file states and file quarantine (flows/staging.py); return the files quarantined."""
    return stage_files(staging, part, run_id, EXTRACTOR_VERSION, files, result, failed_docs, staged_at)


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
    write_rows(staging, "quarantine", "figures", held_back_rows(failed, doc_paths, run_id, utc_now()))


@task(**STAGE)
def load(warehouse: Path, staging: Path, run: dict, dq_results: list[dict], options: config.Settings) -> dict[str, int]:
    """The run's only write to the warehouse: one transaction, which also records the run itself.

    No task retries: while another process holds the file, the writer already waits for it
    (GAOXIN_LOCK_WAIT_SECONDS); retrying on top would multiply that wait.
    """
    write_rows(staging, "runs", "final", [run])
    write_rows(staging, "dq_results", "final", dq_result_rows(run["run_id"], dq_results, utc_now()))
    written = store.load_run(warehouse, staging, options.load_memory_limit, options.lock_wait_seconds)
    get_run_logger().info("Loaded into %s: %s", warehouse, written)
    return written


@task(**STAGE)
def report(summary: RunSummary, per_zone: list[dict], dq_results: list[dict]) -> None:
    """Tell the user what the run did: log lines, and artifacts on the flow run in the Prefect UI."""
    logger = get_run_logger()
    logger.info(summary.log_line())
    for path, reason in summary.quarantined:
        logger.warning("Quarantined %s: %s", path, reason)
    create_table_artifact(
        key="figures-loaded",
        table=per_zone or [{"zone": None, "indicator": None, "figures": 0}],
        description="Figures loaded in this run, per zone and indicator",
    )
    create_markdown_artifact(
        key="data-quality",
        markdown=data_quality_markdown(summary, dq_results),
        description="Data-quality summary of this run",
    )


@task(**STAGE, retries=2, retry_delay_seconds=5)
def publish_copy(warehouse: Path, publish_dir: Path, wait_seconds: float) -> None:
    """The read-only copy for BI tools (warehouse/publish.py), replaced file by file, atomically."""
    published = publish(warehouse, publish_dir, wait_seconds)
    get_run_logger().info("Published a read-only copy for BI tools: %s", ", ".join(p.name for p in published))


@task(**STAGE)
def read_stored_documents(warehouse: Path, doc_ids: list[str], wait_seconds: float) -> list[SourceFile]:
    """Documents as stored (raw text and file state), to process again without reading their files."""
    return [
        SourceFile(path, "document", size, mtime, doc_id, encoding, text)
        for doc_id, path, encoding, text, size, mtime in store.read_documents(warehouse, doc_ids, wait_seconds)
    ]
