"""Copy the warehouse's analyst-facing views to Parquet or CSV, for tools that cannot open this DuckDB file.

Read-only: an export never changes the warehouse, and it fails with a clear message while a run
is writing (DuckDB allows one writer, and no readers in other processes while it writes).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse import store

# name -> query; documents leave out raw_text (the undecoded duplicate of clean_text, the largest column).
EXPORTS = {
    "indicators": "SELECT * FROM indicators",
    "latest_indicators": "SELECT * FROM latest_indicators",
    "zone_year": "SELECT * FROM zone_year",
    "zone_panel": "SELECT * FROM zone_panel",
    "conflicts": "SELECT * FROM conflicts",
    "documents": "SELECT * EXCLUDE (raw_text) REPLACE (CAST(repairs AS VARCHAR) AS repairs) FROM documents",
}
FORMATS = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)"}
# The views exported here exist from this schema version on.
VIEWS_SCHEMA_VERSION = 2


def export_views(warehouse: Path, out_dir: Path, fmt: str) -> list[Path]:
    """Write each of EXPORTS to out_dir/<name>.<fmt> (replacing older copies); return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}; run `gaoxin run --warehouse {warehouse}` first")
    con = store.connect(warehouse, read_only=True)
    try:
        return write_views(con, warehouse, out_dir, fmt)
    finally:
        con.close()


def write_views(con: duckdb.DuckDBPyConnection, warehouse: Path, out_dir: Path, fmt: str) -> list[Path]:
    """export_views over a connection the caller holds open on warehouse."""
    _require_views(con, warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, query in EXPORTS.items():
        target = out_dir / f"{name}.{fmt}"
        con.execute(f"COPY ({query}) TO {store.sql_string(str(target))} {FORMATS[fmt]}")
        written.append(target)
    return written


def _require_views(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """A warehouse last written before the views existed gets them on its next run, not from a read-only export."""
    has_versions = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0] if has_versions else None
    if version is None or version < VIEWS_SCHEMA_VERSION:
        raise RuntimeError(
            f"{warehouse} is at schema version {version or 0}, before the BI views; "
            f"run `gaoxin run --warehouse {warehouse}` once to migrate it, then export"
        )
