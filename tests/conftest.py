"""Shared fixtures: one Prefect test harness per session, the sample corpus, fresh warehouses."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.config import SAMPLE_SOURCE

# The labelled corpora and the scorer, beside the checkout (../shared); every test finds them through this.
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for real flow runs; started once because it takes seconds."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the sample corpus that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(SAMPLE_SOURCE, target)
    return target


def table_rows(warehouse: Path, table: str, order_by: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY {order_by}").fetchall()
    finally:
        con.close()
