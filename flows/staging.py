"""The per-run staging folder: Parquet files the load applies in one transaction.

Written by the flow process and, for documents and articles, by the worker that produced them
(their text never travels back to the flow process); `warehouse.store.load_run` reads them all.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl


def write_rows(staging: Path, table: str, part: str, rows: list[dict], types: dict) -> None:
    """Stage rows as <table>-<part>.parquet; columns not named in `types` are strings."""
    if rows:
        write_frame(staging, table, part, pl.DataFrame(rows, schema={key: types.get(key, pl.String) for key in rows[0]}))


def write_frame(staging: Path, table: str, part: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    path = staging / f"{table}-{part}.parquet"
    try:
        # Staging lives for one run: the fastest codec, not the smallest file.
        frame.write_parquet(path, compression="lz4", statistics=False)
    except Exception as exc:  # polars reports a full disk as a thrift transport error
        free = shutil.disk_usage(staging).free
        raise OSError(f"could not stage {table} rows to {path} ({free / 2**20:.1f} MiB free on that disk): "
                      f"{exc}") from exc
