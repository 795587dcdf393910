"""The warehouse writer on its own: migrations and the one-writer lock."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from warehouse import store


def test_migrations_apply_once_and_record_their_version(tmp_path: Path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert store.apply_migrations(con) == [v for v, _ in store.migrations()]
    assert store.apply_migrations(con) == []
    versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert versions == [v for v, _ in store.migrations()]
    columns = {r[0] for r in con.execute("DESCRIBE indicators").fetchall()}
    contract = {
        "zone",
        "subject",
        "indicator",
        "value",
        "unit",
        "period_year",
        "period",
        "status",
        "qualifier",
        "doc_id",
        "source_path",
        "published_date",
        "evidence",
        "span_start",
        "span_end",
    }
    assert contract <= columns


def test_file_state_of_a_missing_warehouse_is_empty(tmp_path: Path):
    assert store.read_file_state(tmp_path / "none.duckdb") == {}
    assert not (tmp_path / "none.duckdb").exists()


def test_second_writer_gets_a_clear_message(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(warehouse)!r}); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(store.WarehouseBusyError, match="in use by another process"):
            store.connect(warehouse)
    finally:
        holder.kill()
        holder.wait()


LOCK_TEST_TIMEOUT = 60


def test_a_writer_waits_for_the_lock_instead_of_failing(tmp_path: Path):
    """What lets a nightly run outlast a concurrent run's load or a BI tool holding the file."""
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(warehouse)!r}); print('ready', flush=True); "
            "sys.stdin.readline(); c.close()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    waiter: dict[str, object] = {}
    thread = threading.Thread(
        target=lambda: waiter.update(con=store.connect(warehouse, wait_seconds=LOCK_TEST_TIMEOUT))
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        thread.start()
        with pytest.raises(store.WarehouseBusyError, match="in use by another process"):
            store.connect(warehouse, wait_seconds=0.2)
        assert thread.is_alive()  # still waiting: the lock is held
        holder.communicate("release\n", timeout=LOCK_TEST_TIMEOUT)
        thread.join(timeout=LOCK_TEST_TIMEOUT)
        assert not thread.is_alive() and "con" in waiter
        waiter["con"].execute("CREATE TABLE written_after_wait AS SELECT 1 AS ok")
    finally:
        holder.kill()
        holder.wait(timeout=LOCK_TEST_TIMEOUT)
        thread.join(timeout=LOCK_TEST_TIMEOUT)
        if "con" in waiter:
            waiter["con"].close()
