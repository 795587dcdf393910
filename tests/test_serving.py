"""Production mode against a real local Prefect server: the UI's API address, the served schedule, a run's
artifacts, concurrent runs.

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
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
from prefect.states import Cancelling

from flows import serving
from flows.local_api import free_port, wait_for_api
from tests.test_stopping import described, live_processes, slow_document

GAOXIN = str(Path(sys.executable).parent / "gaoxin")
SERVER_START_TIMEOUT = 120
SERVE_REGISTER_TIMEOUT = 120
RUN_TIMEOUT = 300
STOP_TIMEOUT = 30
POLL_SECONDS = 0.5


def _env(api_url: str | None, prefect_home: Path) -> dict[str, str]:
    """This test's server only: no Prefect setting of the developer's shell or the session harness leaks in."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    if api_url is not None:
        env["PREFECT_API_URL"] = api_url
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


@contextmanager
def _gaoxin_server(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """`gaoxin server ARGS` in a process group of its own, stopped (killed if need be) on leaving."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [GAOXIN, "server", *args], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(API URL, PREFECT_HOME) of a Prefect server started with `gaoxin server`, stopped at teardown."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log = home / "server.log"
    with _gaoxin_server(["--host", "127.0.0.1", "--port", str(port)], _env(api_url, home), log) as process:
        wait_for_api(api_url, process, SERVER_START_TIMEOUT)
        assert f"export PREFECT_API_URL={api_url}" in log.read_text()
        yield api_url, home


def _ui_settings(port: int) -> dict:
    """What the UI's pages load first: among others, the address of the API they call."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/ui-settings", timeout=10) as response:
        return json.load(response)


# The operator's shell: no PREFECT_API_URL, or one left over from a server on the default port.
@pytest.mark.parametrize("api_url", [None, "http://127.0.0.1:4200/api"], ids=["no-api-url", "stale-api-url"])
def test_the_ui_of_a_server_on_another_port_calls_that_port(api_url: str | None, tmp_path: Path):
    port = free_port()
    log = tmp_path / "server.log"
    with _gaoxin_server(["--port", str(port)], _env(api_url, tmp_path / "prefect"), log) as process:
        wait_for_api(f"http://127.0.0.1:{port}/api", process, SERVER_START_TIMEOUT)
        assert _ui_settings(port)["api_url"] == f"http://127.0.0.1:{port}/api"
    assert f"Prefect UI:  http://127.0.0.1:{port}\n" in log.read_text()


def test_an_operator_set_ui_api_url_is_kept(tmp_path: Path):
    """Behind a reverse proxy, say: browsers reach the API at an address the server cannot know."""
    port = free_port()
    env = _env(f"http://127.0.0.1:{port}/api", tmp_path / "prefect")
    env["PREFECT_UI_API_URL"] = "https://prefect.example.cn/api"
    log = tmp_path / "server.log"
    with _gaoxin_server(["--port", str(port)], env, log) as process:
        wait_for_api(f"http://127.0.0.1:{port}/api", process, SERVER_START_TIMEOUT)
        assert _ui_settings(port)["api_url"] == "https://prefect.example.cn/api"
    assert "Prefect UI:  https://prefect.example.cn\n" in log.read_text()


@pytest.fixture
def exec_server(monkeypatch, capsys, tmp_path: Path):
    """Call serving.start_server in this process: returns (its output, the environment and arguments it
    would exec `prefect server start` with). No PREFECT_ setting of the session leaks in."""
    for name in [key for key in os.environ if key.startswith("PREFECT_")]:
        monkeypatch.delenv(name)
    for name in ("PREFECT_UI_API_URL", "PREFECT_UI_URL"):  # start_server sets them: undone after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    execs = []

    def execv(path, args):
        execs.append((dict(os.environ), args))

    monkeypatch.setattr(serving.os, "execv", execv)

    def start(host: str, port: int) -> tuple[str, dict[str, str], list[str]]:
        serving.start_server(host, port)
        [(env, args)] = execs
        return capsys.readouterr().out, env, args

    return start


def test_on_every_interface_the_ui_calls_the_machine_by_name_and_says_how_to_change_it(exec_server):
    out, env, args = exec_server("0.0.0.0", 4321)
    host = serving.socket.gethostname()
    assert args[-4:] == ["--host", "0.0.0.0", "--port", "4321"]
    assert (env["PREFECT_UI_API_URL"], env["PREFECT_UI_URL"]) == (f"http://{host}:4321/api", f"http://{host}:4321")
    assert "export PREFECT_UI_API_URL=http://<address browsers reach>:4321/api" in out
    assert "export PREFECT_API_URL=http://127.0.0.1:4321/api" in out  # runs on this machine


def test_a_ui_api_url_from_the_prefect_profile_is_kept(exec_server, tmp_path: Path):
    home = tmp_path / "prefect"
    home.mkdir()
    (home / "profiles.toml").write_text(
        'active = "gaoxin"\n[profiles.gaoxin]\nPREFECT_UI_API_URL = "http://etl.intra:4321/api"\n'
    )
    out, env, _ = exec_server("0.0.0.0", 4321)
    assert (env["PREFECT_UI_API_URL"], env["PREFECT_UI_URL"]) == ("http://etl.intra:4321/api", "http://etl.intra:4321")
    assert "<address browsers reach>" not in out


def test_an_ipv6_address_is_bracketed_in_urls(exec_server):
    _, env, args = exec_server("::1", 4321)
    assert args[-4:] == ["--host", "::1", "--port", "4321"]
    assert env["PREFECT_UI_API_URL"] == "http://[::1]:4321/api"


@contextmanager
def client(api_url: str):
    """A Prefect client of the test server, whatever API the rest of the session uses."""
    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as prefect_client:
        yield prefect_client


def _gaoxin(args: list[str], server: tuple[str, Path], log: Path) -> subprocess.Popen:
    api_url, home = server
    with log.open("w") as out:
        return subprocess.Popen(
            [GAOXIN, *args],
            env=_env(api_url, home),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
        )


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
    serve = _gaoxin(
        [
            "serve",
            "--source",
            str(corpus),
            "--warehouse",
            str(warehouse),
            "--cron",
            "0 2 * * *",
            "--timezone",
            "Asia/Shanghai",
            "--name",
            "test-nightly",
            "--workers",
            "1",
        ],
        server,
        tmp_path / "serve.log",
    )
    try:
        deployment = _wait_until_served(server[0], "gaoxin-etl/test-nightly", serve)
        [schedule] = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")
        assert schedule.active and not deployment.paused
        assert deployment.parameters == {
            "source": str(corpus),
            "warehouse": str(warehouse),
            "batch_size": 500,
            "workers": 1,
            "time_budget": 30.0,
            "notify_url": None,
            "publish_dir": None,
        }
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
    by_key = {artifact.key: artifact for artifact in artifacts if artifact.key}  # not the unkeyed progress bar
    [progress] = [artifact for artifact in artifacts if artifact.type == "progress"]
    assert progress.data == 100.0  # updated after each batch, complete at the end
    assert set(by_key) == {"figures-loaded", "data-quality"}
    table = json.loads(by_key["figures-loaded"].data)
    assert any(row["zone"] == "无锡高新区" and row["figures"] > 0 for row in table)
    assert "## Data quality" in by_key["data-quality"].data


def _hold_warehouse_lock(warehouse: Path) -> subprocess.Popen:
    """Another process that creates the warehouse and keeps it open for writing until it reads a line."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; from warehouse import store; "
            f"c = duckdb.connect({str(warehouse)!r}); store.apply_migrations(c); "
            "print('ready', flush=True); sys.stdin.readline(); c.close()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
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

    for code, log in zip(codes, logs, strict=True):
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


def _descendants(pid: int) -> list[str]:
    """Live (not zombie) descendants of a process: 'pid command'."""
    parent_of = {child: parent for child, (parent, _) in live_processes().items()}

    def descends(child: int) -> bool:
        ancestor = parent_of[child]
        while ancestor not in (0, 1, pid):
            ancestor = parent_of.get(ancestor, 0)
        return ancestor == pid

    return described(child for child in parent_of if descends(child))


def test_cancel_in_the_ui_stops_a_served_run_and_its_workers(server, tmp_path: Path):
    """Cancel (what the UI's button sets) on a served run busy with slow documents: Prefect's runner
    terminates the flow-run process, whose workers and validator go with it; the warehouse is untouched."""
    source, warehouse = tmp_path / "slow", tmp_path / "w.duckdb"
    source.mkdir()
    for number in range(3):  # distinct documents
        with slow_document(source, f"slow-{number}.txt").open("a", encoding="utf-8") as handle:
            handle.write(f"\n{number}")
    serve = _gaoxin(
        [
            "serve",
            "--source",
            str(source),
            "--warehouse",
            str(warehouse),
            "--name",
            "test-cancel",
            "--workers",
            "2",
            "--batch-size",
            "1",
        ],
        server,
        tmp_path / "serve.log",
    )
    try:
        deployment = _wait_until_served(server[0], "gaoxin-etl/test-cancel", serve)
        with client(server[0]) as prefect_client:
            run = prefect_client.create_flow_run_from_deployment(deployment.id)
            deadline = time.monotonic() + RUN_TIMEOUT
            while len(_descendants(serve.pid)) < 4 and time.monotonic() < deadline:  # run, validator, 2 workers
                time.sleep(POLL_SECONDS)
            time.sleep(3)  # the workers are on their first slow document
            assert prefect_client.read_flow_run(run.id).state.is_running(), (tmp_path / "serve.log").read_text()

            prefect_client.set_flow_run_state(run.id, Cancelling())
            cancelled = time.monotonic()
            while not prefect_client.read_flow_run(run.id).state.is_cancelled():
                assert time.monotonic() - cancelled < STOP_TIMEOUT, (tmp_path / "serve.log").read_text()[-3000:]
                time.sleep(POLL_SECONDS)
        while _descendants(serve.pid) and time.monotonic() - cancelled < STOP_TIMEOUT:
            time.sleep(POLL_SECONDS)
        print(f"cancelled and stopped in {time.monotonic() - cancelled:.1f} s")
        assert _descendants(serve.pid) == []
        assert serve.poll() is None  # still serving its schedule
    finally:
        _stop(serve)
    assert not warehouse.exists() or duckdb.connect(str(warehouse), read_only=True).execute(
        "SELECT count(*) FROM documents"
    ).fetchone() == (0,)
