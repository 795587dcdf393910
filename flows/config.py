"""Configuration in one place: the settings of every entry point (CLI, flows, served deployment), and the
fixed constants of the pipeline."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# From a checkout, runs default to the bundled sample corpus and a warehouse inside the project; an
# installed package has neither, so there the source must be given and the warehouse is ./gaoxin.duckdb.
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "data" / "sample").is_dir()
SAMPLE_SOURCE = PROJECT_ROOT / "data" / "sample"

# Which files a run picks up below the source folder (recursively; hidden files and folders skipped).
SOURCE_SUFFIXES = (".txt",)
# A larger file is quarantined rather than read: news pages and bulletins are far smaller.
MAX_FILE_BYTES = 20 * 1024 * 1024
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


class Settings(BaseSettings):
    """Every option of the CLI and the flows, read from GAOXIN_<NAME> environment variables (a flag wins).

    The descriptions are the CLI's help texts.
    """

    model_config = SettingsConfigDict(env_prefix="GAOXIN_", extra="ignore", validate_default=True)

    source: Path | None = Field(
        SAMPLE_SOURCE if IN_CHECKOUT else None,
        description="folder searched recursively for *.txt files (from a checkout: the bundled sample corpus)",
    )
    warehouse: Path = Field(
        PROJECT_ROOT / "warehouse" / "gaoxin.duckdb" if IN_CHECKOUT else Path("gaoxin.duckdb"),
        description="DuckDB file to create or update",
    )
    batch_size: int = Field(
        500,
        ge=1,
        description="documents per batch: one Prefect task run per stage per batch, the unit a worker "
        "processes and stages",
    )
    workers: int = Field(
        # At least two even on one core: only a worker process can be stopped when a document passes its time
        # budget, so an unattended run must never default to doing the work in its own process.
        default_factory=lambda: max(2, os.cpu_count() or 1),
        ge=1,
        description="processes that decode, clean and extract in parallel, each document within the time budget "
        "(default: one per core, at least 2; 1: all in this process, with no time budget)",
    )
    time_budget: float = Field(
        30.0,
        gt=0,
        description="seconds per started MB a document may take in a worker before it is quarantined "
        "('processing exceeded N s') and the worker replaced",
    )
    notify_url: str | None = Field(
        None,
        description="Apprise URL told once about a failed or crashed run, or one that held figures back "
        "(e.g. json://host:port/path, mailtos://…, dingtalk://…)",
    )
    publish_dir: Path | None = Field(
        None,
        description="after each successful load, write a read-only copy for BI tools here (gaoxin.duckdb "
        "and a Parquet file per view)",
    )
    lock_wait_seconds: float = Field(
        600.0, ge=0, description="how long a run waits while another process holds the warehouse's file lock"
    )
    load_memory_limit: str = Field(
        "128MB", description="DuckDB's memory for the load transaction (bounds a large run's peak memory)"
    )
    host: str = Field("127.0.0.1", description="address `gaoxin server` binds (default: loopback only)")
    port: int = Field(4200, ge=1, le=65535, description="port of `gaoxin server`")
    cron: str = Field("0 2 * * *", description="when `gaoxin serve` runs the flow (cron; default 02:00 daily)")
    timezone: str = Field("Asia/Shanghai", description="time zone of the cron schedule (an IANA name)")
    deployment: str = Field("nightly", description="deployment name: runs show as gaoxin-etl/NAME")


def settings() -> Settings:
    """The settings as the environment says now (not cached: a test or a served run may change it)."""
    return Settings()


def run_options(**given) -> Settings:
    """The settings, with what a flow run was given explicitly (not None) on top."""
    return settings().model_copy(update={name: value for name, value in given.items() if value is not None})
