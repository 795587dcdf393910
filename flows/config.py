"""Configuration in one place: defaults for every entry point (CLI, flow, tests, benchmarks)."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DEFAULT_SOURCE = PROJECT_ROOT / "data" / "sample"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "gaoxin.duckdb"

# Which files a run picks up below the source folder (recursively; hidden files and folders skipped).
SOURCE_SUFFIXES = (".txt",)
# A larger file is quarantined rather than read: news pages and bulletins are far smaller.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Documents per batch: one Prefect task run per stage per batch, and the unit of staging to disk.
DEFAULT_BATCH_SIZE = 500


def data_docs_dir(warehouse: Path) -> Path:
    """Where the Great Expectations project (gx/, with its Data Docs site) is kept: beside the warehouse."""
    return warehouse.parent


def staging_dir(warehouse: Path, run_id: str) -> Path:
    """Per-run staging beside the warehouse (same file system), removed after the load."""
    return warehouse.parent / f".staging-{warehouse.stem}-{run_id}"
