"""Production mode against a real local Prefect server: the served schedule, a run's artifacts, concurrent runs.

The server is started by `gaoxin server` (as an operator would) on a free loopback port with its own
PREFECT_HOME, and every run or `gaoxin serve` is a separate process pointed at it with PREFECT_API_URL.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterId,
    TaskRunFilter,
    TaskRunFilterState,
    TaskRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.local_api import free_port, wait_for_api


GAOXIN = str(Path(sys.executable).parent / "gaoxin")
SERVER_START_TIMEOUT = 120
SERVE_REGISTER_TIMEOUT = 120
RUN_TIMEOUT = 300
STOP_TIMEOUT = 30
POLL_SECONDS = 0.5


def _env(api_url: str, prefect_home: Path) -> dict[str, str]:
    """This test's server only: no Prefect setting of the developer's shell or the session harness leaks in."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_API_URL=api_url, PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal the process group, and kill it if it does not stop in time."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(API URL, PREFECT_HOME) of a Prefect server started with `gaoxin server`, stopped at teardown."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log = home / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([GAOXIN, "server", "--host", "127.0.0.1", "--port", str(port)],
                                   env=_env(api_url, home), stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        wait_for_api(api_url, process, SERVER_START_TIMEOUT)
        assert f"export PREFECT_API_URL={api_url}" in log.read_text()
        yield api_url, home
    finally:
        _stop(process)


@contextmanager
def client(api_url: str):
    """A Prefect client of the test server, whatever API the rest of the session uses."""
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as prefect_client:
        yield prefect_client


def _gaoxin(args: list[str], server: tuple[str, Path], log: Path) -> subprocess.Popen:
    api_url, home = server
    with log.open("w") as out:
        return subprocess.Popen([GAOXIN, *args], env=_env(api_url, home), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, text=True)


def _finish(process: subprocess.Popen) -> int:
    try:
        return process.wait(timeout=RUN_TIMEOUT)
    finally:
        _stop(process, signal.SIGKILL)


def _wait_until_served(api_url: str, name: str, serve: subprocess.Popen):
    """The deployment once its runner has polled for work (registered, and shutdown handling in place)."""
    deadline = time.monotonic() + SERVE_REGISTER_TIMEOUT
    with client(api_url) as prefect_client:
        while time.monotonic() < deadline:
            assert serve.poll() is None, "gaoxin serve exited before serving its deployment"
            try:
                deployment = prefect_client.read_deployment_by_name(name)
                if deployment.last_polled is not None:
                    return deployment
            except ObjectNotFound:
                pass
            time.sleep(POLL_SECONDS)
    pytest.fail(f"deployment {name} not served within {SERVE_REGISTER_TIMEOUT} s")


def test_serve_registers_a_cron_schedule_that_stays_active_after_stop(server, corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    serve = _gaoxin(["serve", "--source", str(corpus), "--warehouse", str(warehouse), "--cron", "0 2 * * *",
                     "--timezone", "Asia/Shanghai", "--name", "test-nightly", "--workers", "1"], server,
                    tmp_path / "serve.log")
    try:
        deployment = _wait_until_served(server[0], "gaoxin-etl/test-nightly", serve)
        [schedule] = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")
        assert schedule.active and not deployment.paused
        assert deployment.parameters == {"source": str(corpus), "warehouse": str(warehouse), "batch_size": 500,
                                         "workers": 1}
    finally:
        _stop(serve)  # SIGTERM, as systemd stops the service
    assert serve.returncode == 0, (tmp_path / "serve.log").read_text()

    with client(server[0]) as prefect_client:
        after_stop = prefect_client.read_deployment_by_name("gaoxin-etl/test-nightly")
    assert not after_stop.paused
    assert [s.active for s in after_stop.schedules] == [True]


def _recorded_runs(warehouse: Path) -> list[tuple[str, int]]:
    """(Prefect flow-run id, figures loaded) of every run the warehouse recorded."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT run_id, figures_loaded FROM runs ORDER BY run_id").fetchall()
    finally:
        con.close()


def test_a_run_reports_its_artifacts_to_the_server(server, corpus: Path, tmp_path: Path):
    log, warehouse = tmp_path / "run.log", tmp_path / "w.duckdb"
    run = _gaoxin(["run", "--source", str(corpus), "--warehouse", str(warehouse)], server, log)
    assert _finish(run) == 0, log.read_text()
    [(run_id, _)] = _recorded_runs(warehouse)

    with client(server[0]) as prefect_client:
        flow_run = prefect_client.read_flow_run(run_id)
        artifacts = prefect_client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])))
    assert flow_run.state.is_completed()
    by_key = {artifact.key: artifact for artifact in artifacts}
    assert set(by_key) == {"figures-loaded", "data-quality"}
    table = json.loads(by_key["figures-loaded"].data)
    assert any(row["zone"] == "无锡高新区" and row["figures"] > 0 for row in table)
    assert "## Data quality" in by_key["data-quality"].data


def _hold_warehouse_lock(warehouse: Path) -> subprocess.Popen:
    """Another process that creates the warehouse and keeps it open for writing until it reads a line."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; from warehouse import store; "
                               f"c = duckdb.connect({str(warehouse)!r}); store.apply_migrations(c); "
                               "print('ready', flush=True); sys.stdin.readline(); c.close()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1],
    )
    assert holder.stdout.readline().strip() == "ready"
    return holder


def _wait_until_runs_wait_for_the_lock(api_url: str, runs: list[subprocess.Popen]) -> None:
    """Both runs are inside `read_known_files`, which cannot open the locked warehouse."""
    running = TaskRunFilter(state=TaskRunFilterState(type=TaskRunFilterStateType(any_=[StateType.RUNNING])))
    deadline = time.monotonic() + RUN_TIMEOUT
    with client(api_url) as prefect_client:
        while time.monotonic() < deadline:
            assert all(run.poll() is None for run in runs), "a run ended while the warehouse was locked"
            names = [t.name for t in prefect_client.read_task_runs(task_run_filter=running)]
            if sum(name.startswith("read_known_files") for name in names) == len(runs):
                return
            time.sleep(POLL_SECONDS)
    pytest.fail(f"runs not waiting for the warehouse within {RUN_TIMEOUT} s")


def test_concurrent_runs_on_one_warehouse_leave_it_consistent(server, corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    logs = [tmp_path / f"run-{n}.log" for n in range(2)]
    holder, runs = _hold_warehouse_lock(warehouse), []
    try:
        runs = [_gaoxin(["run", "--source", str(corpus), "--warehouse", str(warehouse)], server, log) for log in logs]
        _wait_until_runs_wait_for_the_lock(server[0], runs)
        holder.communicate("release\n", timeout=STOP_TIMEOUT)  # both now go on together over the same files
        codes = [_finish(run) for run in runs]
    finally:
        holder.kill()
        holder.wait(timeout=STOP_TIMEOUT)
        for run in runs:
            _stop(run, signal.SIGKILL)

    for code, log in zip(codes, logs):
        assert code == 0 or "in use by another process" in log.read_text(), log.read_text()
    assert 0 in codes
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        figures, distinct = con.execute("SELECT count(*), count(DISTINCT (doc_id, figure_no)) FROM figures").fetchone()
    finally:
        con.close()
    recorded = _recorded_runs(warehouse)
    assert len(recorded) == codes.count(0)
    assert documents == 5
    # Whichever run loaded last processed every file (or found them unchanged): one run's worth, no duplicates.
    assert figures == distinct == max(figures_loaded for _, figures_loaded in recorded) > 0
