"""What stops a run's work: a document's time budget, SIGTERM, and the end of the process that started it.

The slow input is real (megabytes of indicator words and amounts glued together, which take seconds to
extract, see bench/scaling.py); runs are real flow runs, and `gaoxin run` as a subprocess with its own
temporary Prefect API.
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

from bench.scaling import SHAPES, alias_soup
from flows.config import SAMPLE_SOURCE
from flows.etl import gaoxin_etl
from tests.test_faults import wait_for_line

pytestmark = pytest.mark.usefixtures("prefect_harness")

SLOW_MB = 6  # alias soup: ~3 s per MB to extract here; a machine 3x faster still takes 6 s
STOP_SECONDS = 10  # a stopped run must be gone in this (it takes ~2 s)


def slow_document(folder: Path, name: str, megabytes: int = SLOW_MB) -> Path:
    path = folder / name
    path.write_text(alias_soup(megabytes * 1_000_000), encoding="utf-8")
    return path


def test_a_document_over_its_budget_is_quarantined_and_the_rest_of_its_batch_loads(corpus: Path, tmp_path: Path):
    slow = slow_document(corpus, "000_slow.txt")  # sorted first: in one batch with two sample pages
    warehouse = tmp_path / "w.duckdb"

    summary = gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=3, workers=2, time_budget=0.5)

    assert summary.quarantined == [(str(slow), f"processing exceeded {0.5 * SLOW_MB:g} s")]
    con = duckdb.connect(str(warehouse), read_only=True)
    loaded = {row[0] for row in con.execute("SELECT source_path FROM documents").fetchall()}
    status = dict(con.execute("SELECT source_path, status FROM source_files").fetchall())
    con.close()
    assert loaded == {str(corpus / p.name) for p in SAMPLE_SOURCE.glob("*.txt")}  # its batch was sent again
    assert status[str(slow)] == "quarantined"


def test_a_folder_of_adversarial_files_completes_each_loaded_or_quarantined(tmp_path: Path):
    """~2 MB each of a digit line, alias soup, short figure lines, a text table and bracketed notes (the
    default budget: linear work finishes them all well within it)."""
    folder = tmp_path / "adversarial"
    folder.mkdir()
    names = [name for name in SHAPES if name != "prose"]
    for name in names:
        (folder / f"{name}.txt").write_text(SHAPES[name](2_000_000), encoding="utf-8")

    summary = gaoxin_etl(source=folder, warehouse=tmp_path / "w.duckdb", batch_size=1, workers=2)

    assert summary.files_seen == len(names)
    assert summary.documents_loaded + summary.files_quarantined == len(names)
    assert all(reason for _, reason in summary.quarantined)


def live_processes() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, process group) of every live process (zombies left out), from /proc."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            found[int(stat.parent.name)] = (int(fields[1]), int(fields[2]))
    return found


def described(pids) -> list[str]:
    """'pid command' of each process, for an assertion's message."""
    found = []
    for pid in pids:
        try:
            found.append(f"{pid} {Path(f'/proc/{pid}/cmdline').read_bytes()[:120]!r}")
        except OSError:  # gone meanwhile
            found.append(str(pid))
    return found


def group_processes(pgid: int) -> list[str]:
    """Live processes (not zombies) of a process group: 'pid command'."""
    return described(pid for pid, (_, group) in live_processes().items() if group == pgid)


def start_busy_run(source: Path, warehouse: Path, log: Path, prefect_home: Path) -> subprocess.Popen:
    """`gaoxin run` with its own temporary Prefect API, in its own process group, once its workers are busy."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(prefect_home)
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
                "1",
                "--workers",
                "2",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    wait_for_line(log, "new or changed since", process)
    time.sleep(3)  # the workers are spawned and on their first slow document
    assert process.poll() is None, log.read_text(errors="replace")[-3000:]
    return process


@pytest.fixture
def slow_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "slow"
    folder.mkdir()
    first = slow_document(folder, "slow-0.txt")
    for number in range(1, 4):  # copies, each a distinct document
        shutil.copyfile(first, folder / f"slow-{number}.txt")
        with (folder / f"slow-{number}.txt").open("a", encoding="utf-8") as handle:
            handle.write(f"\n{number}")
    return folder


def test_sigterm_stops_a_run_within_seconds_and_leaves_no_process_behind(slow_corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    process = start_busy_run(slow_corpus, warehouse, tmp_path / "run.log", tmp_path / "prefect")
    children = group_processes(process.pid)
    assert len(children) >= 4, children  # the run, its API, its validator and workers

    stopped = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = process.wait(timeout=60)
    seconds = time.monotonic() - stopped
    time.sleep(1)
    log = (tmp_path / "run.log").read_text(errors="replace")

    assert seconds < STOP_SECONDS, log[-3000:]
    assert code == 128 + signal.SIGTERM
    assert group_processes(process.pid) == []
    assert not warehouse.exists() or duckdb.connect(str(warehouse), read_only=True).execute(
        "SELECT count(*) FROM documents"
    ).fetchone() == (0,)


def test_children_of_a_killed_run_exit_on_their_own(slow_corpus: Path, tmp_path: Path):
    """SIGKILL runs no clean-up: the workers, the validator and the temporary API notice their parent is gone."""
    process = start_busy_run(slow_corpus, tmp_path / "w.duckdb", tmp_path / "run.log", tmp_path / "prefect")
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + STOP_SECONDS
    while group_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_processes(process.pid) == []
