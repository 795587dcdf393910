"""The table contract: every table a run stages and the warehouse stores, its columns and their types.

The one place a table's columns are written down (the migrations aside, which `tests/test_tables.py` checks
against this module): the workers build their frames from it, staging writes rows with it, Great Expectations
checks the figures against it, and the load reads the staged files it names.

Imported by worker processes and by the validation process: the standard library and polars only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True, eq=False)
class Table:
    """A stored table: its columns in the table's order, as the polars types rows are staged with."""

    name: str
    columns: dict[str, pl.DataType]
    json: frozenset[str] = frozenset()  # staged as strings holding JSON, stored as DuckDB JSON
    stored_only: frozenset[str] = frozenset()  # never staged: the load sets them

    @property
    def staged(self) -> dict[str, pl.DataType]:
        """The columns of the table's staged Parquet files, in order."""
        return {name: dtype for name, dtype in self.columns.items() if name not in self.stored_only}

    def empty(self) -> pl.DataFrame:
        """Zero staged rows, with the staged columns and types."""
        return pl.DataFrame(schema=self.staged)


SOURCE_FILES = Table(
    "source_files",
    {
        "source_path": pl.String(),
        "doc_id": pl.String(),
        "size_bytes": pl.Int64(),
        "mtime_ns": pl.Int64(),
        "status": pl.String(),
        "extractor_version": pl.String(),
        "run_id": pl.String(),
    },
)
DOCUMENTS = Table(
    "documents",
    {
        "doc_id": pl.String(),
        "source_path": pl.String(),
        "encoding": pl.String(),
        "title": pl.String(),
        "published_date": pl.Date(),
        "source": pl.String(),
        "raw_text": pl.String(),
        "clean_text": pl.String(),
        "repairs": pl.String(),
        "ingested_at": pl.Datetime(),
        "extractor_version": pl.String(),
        "run_id": pl.String(),
        # MinHash signature of clean_text, for near-duplicates (transforms/cleaning/near_duplicates.py); NULL if short
        "minhash": pl.List(pl.UInt32()),
        # the first copy this document nearly duplicates, found by the load over all stored documents
        "duplicate_of": pl.String(),
    },
    json=frozenset({"repairs"}),
    stored_only=frozenset({"duplicate_of"}),
)
ARTICLES = Table(
    "articles",
    {
        "doc_id": pl.String(),
        "article_no": pl.Int32(),
        "title": pl.String(),
        "span_start": pl.Int32(),
        "span_end": pl.Int32(),
    },
)
FIGURES = Table(
    "figures",
    {
        "doc_id": pl.String(),
        "figure_no": pl.Int32(),
        "article_no": pl.Int32(),
        "zone": pl.String(),
        "subject": pl.String(),
        "indicator": pl.String(),
        "value": pl.Float64(),
        "unit": pl.String(),
        "period_year": pl.Int32(),
        "period": pl.String(),
        "status": pl.String(),
        "qualifier": pl.String(),
        "evidence": pl.String(),
        "span_start": pl.Int32(),
        "span_end": pl.Int32(),
        "zone_basis": pl.String(),
        "period_basis": pl.String(),
    },
)
QUARANTINE = Table(
    "quarantine",
    {
        "source_path": pl.String(),
        "doc_id": pl.String(),
        "level": pl.String(),
        "reason": pl.String(),
        "detail": pl.String(),
        "run_id": pl.String(),
        "quarantined_at": pl.Datetime(),
    },
    json=frozenset({"detail"}),
)
DQ_RESULTS = Table(
    "dq_results",
    {
        "run_id": pl.String(),
        "suite": pl.String(),
        "expectation": pl.String(),
        "column_name": pl.String(),
        "kind": pl.String(),
        "success": pl.Boolean(),
        "element_count": pl.Int64(),
        "unexpected_count": pl.Int64(),
        "details": pl.String(),
        "checked_at": pl.Datetime(),
    },
    json=frozenset({"details"}),
)
RUNS = Table(
    "runs",
    {
        "run_id": pl.String(),
        "flow_run_name": pl.String(),
        "source": pl.String(),
        "started_at": pl.Datetime(),
        "finished_at": pl.Datetime(),
        "files_seen": pl.Int64(),
        "files_unchanged": pl.Int64(),
        "documents_loaded": pl.Int64(),
        "files_quarantined": pl.Int64(),
        "figures_loaded": pl.Int64(),
        "figures_quarantined": pl.Int64(),
        "dq_success": pl.Boolean(),
        "status": pl.String(),
        "extractor_version": pl.String(),
        "data_docs": pl.String(),
        "stage_seconds": pl.String(),
    },
    json=frozenset({"stage_seconds"}),
)

TABLES: dict[str, Table] = {
    table.name: table for table in (SOURCE_FILES, DOCUMENTS, ARTICLES, FIGURES, QUARANTINE, DQ_RESULTS, RUNS)
}

# The figures as extracted, staged under this name with the columns of FIGURES; those that pass validation
# are staged again as `figures`, which the load reads.
CANDIDATES = "candidates"


def staged_file(table: str, part: str) -> str:
    """The file name of one part of a table's staged rows (a batch, or the run's own record)."""
    return f"{table}-{part}.parquet"


def staged_glob(table: str) -> str:
    """The glob matching every staged part of a table: what the load, or the validation, reads."""
    return staged_file(table, "*")
