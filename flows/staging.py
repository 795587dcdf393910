"""The per-run staging folder: Parquet files the load applies in one transaction.

Written by the flow process and, for documents and articles, by the worker that produced them
(their text never travels back to the flow process); `warehouse.store.load_run` reads them all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from expectations.figures import validate_figures
from warehouse.tables import ARTICLES, CANDIDATES, DOCUMENTS, FIGURES, TABLES, staged_file, staged_glob

ROW_GROUP_ROWS = 256


@dataclass
class BatchResult:
    """What a batch's documents become: rows of documents, articles and figures, plus the failures."""

    documents: pl.DataFrame
    articles: pl.DataFrame
    figures: pl.DataFrame
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): quarantined files
    documents_staged: int = 0  # documents written to staging (by the worker, or by the flow from `documents`)
    figures_found: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # seconds per step, for the run record

    @classmethod
    def empty(cls) -> BatchResult:
        return cls(DOCUMENTS.empty(), ARTICLES.empty(), FIGURES.empty())


def write_rows(staging: Path, table: str, part: str, rows: list[dict]) -> None:
    """Stage rows of a table of the contract (`warehouse.tables`) with its types; the rows hold exactly its
    staged columns (polars would drop a column the contract lacks and fill one the rows lack with NULL)."""
    if not rows:
        return
    schema = TABLES[table].staged
    if rows[0].keys() != schema.keys():
        raise ValueError(f"{table} rows have the columns {list(rows[0])}, not those of the contract {list(schema)}")
    write_frame(staging, table, part, pl.DataFrame(rows, schema=schema))


def write_batch_rows(staging: Path, part: str, result: BatchResult) -> None:
    """A batch's documents, articles and figures (as `candidates`, to be validated); empty frames write nothing."""
    write_frame(staging, DOCUMENTS.name, part, result.documents)
    write_frame(staging, ARTICLES.name, part, result.articles)
    write_frame(staging, CANDIDATES, part, result.figures)


def write_frame(staging: Path, table: str, part: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    path = staging / staged_file(table, part)
    try:
        # Staging lives for one run: the fastest codec, not the smallest file. Small row groups keep
        # what DuckDB's load holds at once bounded whatever the batch size (one row group of 20,000
        # documents does not fit in GAOXIN_LOAD_MEMORY_LIMIT).
        frame.write_parquet(path, compression="lz4", statistics=False, row_group_size=ROW_GROUP_ROWS)
    except Exception as exc:  # polars reports a full disk as a thrift transport error
        free = shutil.disk_usage(staging).free
        raise OSError(
            f"could not stage {table} rows to {path} ({free / 2**20:.1f} MiB free on that disk): {exc}"
        ) from exc


@dataclass
class StagedValidation:
    """What validating a run's staged figures found; the passed rows are staged as `figures`."""

    failed: pl.DataFrame  # held-back rows + "failed_expectations" (comma-joined rule names)
    table_success: bool
    results: list[dict] = field(default_factory=list)  # one per expectation
    data_docs_index: Path | None = None
    passed: int = 0
    passed_per_zone: list[dict] = field(default_factory=list)  # zone, indicator, figures
    seconds: float = 0.0  # spent validating, in the validation process

    @classmethod
    def nothing(cls) -> StagedValidation:
        """The outcome of a run with no new figures: GX is not even imported."""
        return cls(pl.DataFrame(schema={**FIGURES.staged, "failed_expectations": pl.String}), table_success=True)


def validate_staged(staging: Path, indicator_codes: list[str], data_docs_dir: Path, run_name: str) -> StagedValidation:
    """Validate the figures the batches staged as `candidates` and stage those that pass as `figures`.

    Runs in the validation process: the figures go from disk to GX without passing through the flow.
    """
    started = time.perf_counter()
    parts = sorted(staging.glob(staged_glob(CANDIDATES)))
    figures = pl.concat([pl.read_parquet(part) for part in parts]) if parts else FIGURES.empty()
    outcome = validate_figures(figures, indicator_codes, data_docs_dir, run_name)
    if outcome.table_success:
        write_frame(staging, FIGURES.name, "all", outcome.passed)
    per_zone = (
        outcome.passed.group_by("zone", "indicator")
        .agg(pl.len().alias("figures"))
        .sort("zone", "indicator", nulls_last=True)
        .to_dicts()
    )
    return StagedValidation(
        outcome.failed,
        outcome.table_success,
        outcome.results,
        outcome.data_docs_index,
        outcome.passed.height,
        per_zone,
        time.perf_counter() - started,
    )


def file_rows(files: list, reasons: dict[str, str | None], run_id: str, extractor_version: str) -> list[dict]:
    """`source_files` rows of a batch's files that were read (unchanged ones keep their row)."""
    return [
        {
            "source_path": f.path,
            "doc_id": f.doc_id,
            "size_bytes": f.size_bytes,
            "mtime_ns": f.mtime_ns,
            "status": "quarantined" if reasons[f.path] else "loaded",
            "extractor_version": extractor_version,
            "run_id": run_id,
        }
        for f in files
        if f.outcome != "unchanged"
    ]


def file_quarantine_rows(files: list, reasons: dict[str, str | None], run_id: str, at: dt.datetime) -> list[dict]:
    return [
        {
            "source_path": f.path,
            "doc_id": f.doc_id,
            "level": "file",
            "reason": reasons[f.path],
            "detail": None,
            "run_id": run_id,
            "quarantined_at": at,
        }
        for f in files
        if reasons[f.path]
    ]


def held_back_rows(failed: pl.DataFrame, doc_paths: dict[str, str], run_id: str, at: dt.datetime) -> list[dict]:
    """`quarantine` rows of figures that failed a row-level expectation, each with the rules it broke."""
    held_back = failed.drop("failed_expectations")
    return [
        {
            "source_path": doc_paths[row["doc_id"]],
            "doc_id": row["doc_id"],
            "level": "figure",
            "reason": reason,
            "detail": json.dumps(row, ensure_ascii=False, default=str),
            "run_id": run_id,
            "quarantined_at": at,
        }
        for row, reason in zip(held_back.to_dicts(), failed["failed_expectations"].to_list(), strict=True)
    ]


def dq_result_rows(run_id: str, dq_results: list[dict], at: dt.datetime) -> list[dict]:
    return [
        {
            "run_id": run_id,
            "suite": r["suite"],
            "expectation": r["expectation"],
            "column_name": r.get("column"),
            "kind": r.get("kind"),
            "success": bool(r["success"]),
            "element_count": r.get("element_count"),
            "unexpected_count": r.get("unexpected_count"),
            "details": json.dumps(r.get("details"), ensure_ascii=False, default=str),
            "checked_at": at,
        }
        for r in dq_results
    ]


def stage_files(
    staging: Path,
    part: str,
    run_id: str,
    extractor_version: str,
    files: list,
    result: BatchResult,
    failed_docs: dict[str, str],
    staged_at: dt.datetime,
) -> list[tuple[str, str]]:
    """Stage a batch's file states and file quarantine (and documents, articles and figures, when the
    worker did not); return the (path, reason) of the files quarantined.

    A file whose bytes another file of this run already holds was not processed again: it shares that
    document, or its quarantine (`failed_docs`, doc_id -> reason, updated with this batch's failures).
    """
    write_batch_rows(staging, part, result)
    failed = dict(result.failed)
    failed_docs.update((f.doc_id, failed[f.path]) for f in files if f.path in failed)
    reasons = {
        f.path: f.reason
        if f.outcome == "quarantined"
        else failed.get(f.path) or (failed_docs.get(f.doc_id) if f.outcome == "document" else None)
        for f in files
    }
    write_rows(staging, "source_files", part, file_rows(files, reasons, run_id, extractor_version))
    quarantined = file_quarantine_rows(files, reasons, run_id, staged_at)
    write_rows(staging, "quarantine", part, quarantined)
    return [(row["source_path"], row["reason"]) for row in quarantined]


def remove_abandoned_staging(warehouse: Path) -> None:
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
