"""A read-only copy of the warehouse for BI tools, replaced atomically after each successful load.

DuckDB lets one process write a file, and a BI tool holding a connection to it blocks the nightly
writer. Tools that keep connections open (Metabase, Superset pools) point at the published copy
instead: each publish writes a new DuckDB file (tables and views) and a Parquet file per BI view
beside it, then renames each over the old one. A connection open on the old copy keeps reading it
undisturbed; a new connection sees the new data.
"""

from __future__ import annotations

import os
from pathlib import Path

from warehouse import store
from warehouse.export import write_views

PUBLISHED_NAME = "gaoxin.duckdb"


def publish(warehouse: Path, out_dir: Path, wait_seconds: float = 0.0) -> list[Path]:
    """Write out_dir/gaoxin.duckdb and out_dir/<view>.parquet from warehouse; return the files replaced."""
    out_dir.mkdir(parents=True, exist_ok=True)
    aside = out_dir / f".publishing-{os.getpid()}"
    aside.mkdir(exist_ok=True)
    try:
        copy = aside / PUBLISHED_NAME
        con = store.connect(warehouse, read_only=True, wait_seconds=wait_seconds)
        try:  # one read of one state of the warehouse: the copy and the Parquet files agree
            con.execute(f"ATTACH {store.sql_string(str(copy))} AS published (READ_WRITE)")
            con.execute(f"COPY FROM DATABASE {_catalog(con)} TO published")
            con.execute("DETACH published")
            files = [copy, *write_views(con, warehouse, aside, "parquet")]
        finally:
            con.close()
        published = []
        for file in files:
            target = out_dir / file.name
            os.replace(file, target)  # atomic on one file system: readers see the old or the new file
            published.append(target)
        return published
    finally:
        for leftover in aside.glob("*"):
            leftover.unlink()
        aside.rmdir()


def _catalog(con) -> str:
    """The attached name of the connection's own database (the file's stem, quoted)."""
    name = con.execute("SELECT current_database()").fetchone()[0]
    return '"' + name.replace('"', '""') + '"'
