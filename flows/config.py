"""Configuration in one place: defaults for every entry point (CLI, flow, tests, benchmarks)."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DEFAULT_SOURCE = PROJECT_ROOT / "data" / "sample"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "gaoxin.duckdb"

# Which files a run picks up below the source folder (recursively; hidden files and folders skipped).
SOURCE_SUFFIXES = (".txt",)
# A larger file is quarantined rather than read: news pages and bulletins are far smaller.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Documents per batch: one Prefect task run per stage per batch, the unit a worker processes (and
# counts repeated lines over), and the unit of staging to disk.
DEFAULT_BATCH_SIZE = 500
# Processes that decode, clean and extract in parallel (default task runner); one per core.
DEFAULT_WORKERS = os.cpu_count() or 1
# A document's time budget in the workers, per started megabyte of it: one that takes longer (across
# decode, clean and extract) is quarantined with "processing exceeded N s" and its worker replaced. A
# normal page takes well under a second; 1 MB of figure after figure, a few seconds.
DOCUMENT_BUDGET_SECONDS = 30.0
# Batches submitted to the workers before the oldest is staged: keeps every worker busy while
# bounding memory to a few batches.
BATCHES_IN_FLIGHT = 3


def data_docs_dir(warehouse: Path) -> Path:
    """Where the Great Expectations project (gx/, with its Data Docs site) is kept: beside the warehouse."""
    return warehouse.parent


def staging_dir(warehouse: Path, pid: int, run_id: str) -> Path:
    """Per-run staging beside the warehouse (same file system), removed after the load.

    The name carries the run's process id, so a later run can tell a folder left by a killed run.
    """
    return warehouse.parent / f".staging-{warehouse.stem}-{pid}-{run_id}"


# Production: `gaoxin server` binds to loopback unless told otherwise; `gaoxin serve` runs nightly in China time.
SERVER_HOST = "127.0.0.1"
SERVER_PORT = 4200
DEFAULT_DEPLOYMENT_NAME = "nightly"
DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Asia/Shanghai"
# How long a run waits for the warehouse while another process (a concurrent run, a BI tool) holds
# DuckDB's file lock, before it fails with "in use by another process".
WAREHOUSE_LOCK_WAIT_SECONDS = 600.0
# DuckDB's memory for the load transaction: bounded so a large run's peak memory stays under 1 GB
# (a 60,000-document load fits in it; 64 MB does not fit 20,000).
LOAD_MEMORY_LIMIT = "128MB"
