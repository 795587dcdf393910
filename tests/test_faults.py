"""Faults a nightly run meets: bad files, kill -9 at any stage, unwritable or full warehouse locations.

Flow runs are real (in-process through the Prefect harness, or `gaoxin run` as a subprocess reporting
to it); warehouses are real DuckDB files.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bench.generate import render_document
from flows.etl import gaoxin_etl
from tests.test_pipeline import DATA_TABLES

pytestmark = pytest.mark.usefixtures("prefect_harness")

# Columns that say which run wrote a row, or when: they differ between runs over the same input.
RUN_COLUMNS = ("run_id", "ingested_at", "quarantined_at")
MARKER_TIMEOUT_SECONDS = 240
CLI_TIMEOUT_SECONDS = 300
SQL_NAME = "a'; DROP TABLE documents;--.txt"


def contents(warehouse: Path) -> dict[str, list[tuple]]:
    """Every data table, ordered, without the columns naming the run that wrote the row."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        snapshot = {}
        for table, order in DATA_TABLES.items():
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            excluded = [c for c in columns if c in RUN_COLUMNS]
            select = f"* EXCLUDE ({', '.join(excluded)})" if excluded else "*"
            snapshot[table] = con.execute(f"SELECT {select} FROM {table} ORDER BY {order}").fetchall()
        return snapshot
    finally:
        con.close()


def add_generated(folder: Path, docs: int) -> None:
    """Generated news pages and bulletins (bench/generate.py) beside the sample corpus."""
    for index in range(docs):
        doc = render_document(seed=7, index=index)
        (folder / doc.name).write_bytes(doc.data)


def cli_env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


def cli_run(source: Path, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--source", str(source), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=CLI_TIMEOUT_SECONDS,
    )


# --- bad files ------------------------------------------------------------------------------------


def test_every_kind_of_bad_file_is_quarantined_with_its_reason_and_the_rest_loads(corpus: Path, tmp_path: Path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with (corpus / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: quarantined by its size, never read
    text = next(corpus.glob("004_*.txt")).read_text(encoding="utf-8")
    (corpus / "nul.txt").write_bytes(text.encode("utf-8").replace("。".encode(), b"\x00", 3))
    data = text.encode("utf-8")
    cut = len(text[:3000].encode("utf-8")) + 1  # one byte into a three-byte character
    (corpus / "truncated.txt").write_bytes(data[:cut])
    (corpus / SQL_NAME).write_bytes(render_document(seed=7, index=1).data)
    os.symlink("loop.txt", corpus / "loop.txt")
    os.symlink("no-such-file", corpus / "dangling.txt")

    summary = gaoxin_etl(source=corpus, warehouse=tmp_path / "w.duckdb", batch_size=4)

    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    reasons = dict(
        con.execute(
            "SELECT regexp_extract(source_path, '[^/]+$'), reason FROM quarantine WHERE level = 'file'"
        ).fetchall()
    )
    loaded = dict(con.execute("SELECT regexp_extract(source_path, '[^/]+$'), raw_text FROM documents").fetchall())
    con.close()
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt", "nul.txt", "loop.txt", "dangling.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["huge.txt"] and "50.0 MiB" in reasons["huge.txt"]
    assert "NUL" in reasons["nul.txt"]
    assert "symbolic links" in reasons["loop.txt"]
    assert "No such file" in reasons["dangling.txt"]
    assert summary.files_quarantined == 6 and summary.documents_loaded == 7
    assert loaded["truncated.txt"] == text[:3000]  # the cut character dropped, nothing else lost
    assert SQL_NAME in loaded and "DROP TABLE" not in loaded[SQL_NAME]


def test_unreadable_file_is_quarantined(corpus: Path, tmp_path: Path):
    locked = corpus / "locked.txt"
    locked.write_text("高新区", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        pytest.skip("running as root: chmod 000 does not stop reading (the dangling symlink covers open errors)")
    gaoxin_etl(source=corpus, warehouse=tmp_path / "w.duckdb", batch_size=4)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    reason = con.execute("SELECT reason FROM quarantine WHERE source_path = ?", [str(locked)]).fetchone()
    con.close()
    assert reason and "Permission denied" in reason[0]


# --- kill -9 --------------------------------------------------------------------------------------

# Log lines of `gaoxin run` at which the run is killed; None: half a second after start (start-up).
KILL_POINTS = (None, "Found ", "Batch 1:", "Data quality:", "Loaded into")


def run_and_kill(source: Path, warehouse: Path, marker: str | None, log: Path) -> None:
    """Start `gaoxin run` in its own process group and SIGKILL the whole group at `marker`."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "run",
                "--source",
                str(source),
                "--warehouse",
                str(warehouse),
                "--batch-size",
                "20",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=cli_env(),
            start_new_session=True,
        )
        try:
            wait_for_line(log, marker, process)
            assert process.poll() is None, f"run ended before the kill point {marker!r}"
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def wait_for_line(log: Path, marker: str | None, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + (0.5 if marker is None else MARKER_TIMEOUT_SECONDS)
    while time.monotonic() < deadline:
        if marker is not None and marker in log.read_text(encoding="utf-8", errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.02)
    if marker is not None:
        raise AssertionError(f"{marker!r} never logged:\n{log.read_text(errors='replace')[-3000:]}")


def test_kill_9_at_any_stage_leaves_the_old_or_the_new_state_and_the_next_run_completes(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=4)
    before = contents(warehouse)
    add_generated(corpus, 100)

    after_kill = {}
    for number, marker in enumerate(KILL_POINTS):
        run_and_kill(corpus, warehouse, marker, tmp_path / f"killed-{number}.log")
        after_kill[marker] = contents(warehouse)  # opens: neither corrupt nor locked

    result = cli_run(corpus, warehouse)
    assert result.returncode == 0, result.stderr[-3000:]
    after = contents(warehouse)
    assert len(after["documents"]) == 105
    for marker, state in after_kill.items():
        assert state in (before, after), f"killed at {marker!r}: neither the old nor the new state"
    assert after_kill["Found "] == before
    assert after_kill["Loaded into"] == after


# --- determinism ----------------------------------------------------------------------------------


def test_three_runs_on_the_same_input_give_identical_tables(corpus: Path, tmp_path: Path):
    add_generated(corpus, 30)
    (corpus / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=8)
    first = contents(warehouse)
    gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=8)
    assert contents(warehouse) == first
    gaoxin_etl(source=corpus, warehouse=tmp_path / "fresh.duckdb", batch_size=8)
    assert contents(tmp_path / "fresh.duckdb") == first
    assert len(first["documents"]) == 35 and first["figures"] and first["quarantine"]


# --- unwritable warehouse locations ---------------------------------------------------------------


def test_warehouse_under_a_regular_file_fails_clearly_and_writes_nothing(corpus: Path, tmp_path: Path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli_run(corpus, blocker / "w.duckdb")
    assert result.returncode != 0
    assert "Not a directory" in result.stderr and "gaoxin run failed" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "file.txt"]


def mount_small_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True, timeout=30
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")


@pytest.fixture
def full_folder(tmp_path: Path, request):
    """A tiny tmpfs of request.param bytes.

    64k: staging fails; 6m: the Data Docs (~4.3 MB) fit, the DuckDB load does not.
    """
    folder = tmp_path / "full"
    mount_small_tmpfs(folder, request.param)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, timeout=30)


@pytest.mark.parametrize("full_folder", ["64k"], indirect=True)
def test_full_warehouse_location_fails_and_leaves_no_partial_file(corpus: Path, full_folder: Path):
    result = cli_run(corpus, full_folder / "w.duckdb")
    assert result.returncode != 0
    assert "gaoxin run failed" in result.stderr
    assert list(full_folder.iterdir()) == []


@pytest.mark.parametrize("full_folder", ["4600k"], indirect=True)
def test_disk_full_during_load_leaves_a_consistent_warehouse(corpus: Path, full_folder: Path, tmp_path: Path):
    """Data Docs fit, the warehouse barely: DuckDB's CHECKPOINT then fails quietly and the committed
    run lives in the WAL. Either outcome is acceptable, nothing in between: a clean failure with no
    file left, or a warehouse that opens (WAL replayed) with the complete new state."""
    result = cli_run(corpus, full_folder / "w.duckdb")
    if result.returncode != 0:
        assert "gaoxin run failed" in result.stderr
        assert not (full_folder / "w.duckdb").exists() and not (full_folder / "w.duckdb.wal").exists()
        return
    copy = tmp_path / "copy"  # open it where there is room to replay the WAL
    copy.mkdir()
    for part in full_folder.glob("w.duckdb*"):
        shutil.copy(part, copy / part.name)
    con = duckdb.connect(str(copy / "w.duckdb"), read_only=False)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
        assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
    finally:
        con.close()
