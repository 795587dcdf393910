"""The per-run staging folder: Parquet files the load applies in one transaction.

Written by the flow process and, for documents and articles, by the worker that produced them
(their text never travels back to the flow process); `warehouse.store.load_run` reads them all.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from expectations.figures import FIGURE_SCHEMA, validate_figures

# Figures as extracted, before validation; `figures` are the ones that passed, which the load reads.
CANDIDATES = "candidates"
ROW_GROUP_ROWS = 256
DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "source_path": pl.String(), "encoding": pl.String(), "title": pl.String(),
    "published_date": pl.Date(), "source": pl.String(), "raw_text": pl.String(), "clean_text": pl.String(),
    "repairs": pl.String(), "ingested_at": pl.Datetime(), "extractor_version": pl.String(), "run_id": pl.String(),
}
ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "article_no": pl.Int32(), "title": pl.String(), "span_start": pl.Int32(),
    "span_end": pl.Int32(),
}


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
        return cls(pl.DataFrame(schema=DOCUMENT_SCHEMA), pl.DataFrame(schema=ARTICLE_SCHEMA),
                   pl.DataFrame(schema=FIGURE_SCHEMA))


def write_rows(staging: Path, table: str, part: str, rows: list[dict], types: dict) -> None:
    """Stage rows as <table>-<part>.parquet; columns not named in `types` are strings."""
    if rows:
        write_frame(staging, table, part, pl.DataFrame(rows, schema={key: types.get(key, pl.String) for key in rows[0]}))


def write_frame(staging: Path, table: str, part: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    path = staging / f"{table}-{part}.parquet"
    try:
        # Staging lives for one run: the fastest codec, not the smallest file. Small row groups keep
        # what DuckDB's load holds at once bounded whatever the batch size (one row group of 20,000
        # documents does not fit in LOAD_MEMORY_LIMIT).
        frame.write_parquet(path, compression="lz4", statistics=False, row_group_size=ROW_GROUP_ROWS)
    except Exception as exc:  # polars reports a full disk as a thrift transport error
        free = shutil.disk_usage(staging).free
        raise OSError(f"could not stage {table} rows to {path} ({free / 2**20:.1f} MiB free on that disk): "
                      f"{exc}") from exc


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
        return cls(pl.DataFrame(schema={**FIGURE_SCHEMA, "failed_expectations": pl.String}), table_success=True)


def validate_staged(staging: Path, indicator_codes: list[str], data_docs_dir: Path, run_name: str) -> StagedValidation:
    """Validate the figures the batches staged as `candidates` and stage those that pass as `figures`.

    Runs in the validation process: the figures go from disk to GX without passing through the flow.
    """
    started = time.perf_counter()
    parts = sorted(staging.glob(f"{CANDIDATES}-*.parquet"))
    figures = pl.concat([pl.read_parquet(part) for part in parts]) if parts else pl.DataFrame(schema=FIGURE_SCHEMA)
    outcome = validate_figures(figures, indicator_codes, data_docs_dir, run_name)
    if outcome.table_success:
        write_frame(staging, "figures", "all", outcome.passed)
    per_zone = (outcome.passed.group_by("zone", "indicator").agg(pl.len().alias("figures"))
                .sort("zone", "indicator", nulls_last=True).to_dicts())
    return StagedValidation(outcome.failed, outcome.table_success, outcome.results, outcome.data_docs_index,
                            outcome.passed.height, per_zone, time.perf_counter() - started)
