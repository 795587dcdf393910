"""A temporary local Prefect API for one CLI run, started before the run's heavy imports.

Without PREFECT_API_URL, Prefect imports its whole server module in the client process (~6 s) and
only then starts a server subprocess that imports it again (~6 s). Starting that subprocess first,
as Prefect itself would, lets the two imports overlap on two cores: every `gaoxin run` pays this.

The command and environment are Prefect's own (SubprocessASGIServer._run_uvicorn_command), checked
against the installed Prefect by tests/test_local_api.py. With a Prefect release other than the one
checked, no temporary API is started here and Prefect starts its own, slower but always right.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

STARTUP_TIMEOUT_SECONDS = 120
# The Prefect release whose server command and environment SERVER_ENV and uvicorn_args repeat.
CHECKED_PREFECT = "3.8."
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


def matches_installed_prefect() -> bool:
    return importlib.metadata.version("prefect").startswith(CHECKED_PREFECT)


def uvicorn_args(port: int) -> list[str]:
    """The arguments Prefect passes to `python -m uvicorn` for its temporary server."""
    prefect_dir = Path(importlib.util.find_spec("prefect").submodule_search_locations[0])
    return [
        "--app-dir",
        str(prefect_dir.parent),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_api(api_url: str, server: subprocess.Popen, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
    """Block until the Prefect API at `api_url` answers its health check; fail if `server` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the Prefect API process exited with code {server.returncode} during start-up")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the Prefect API at {api_url} did not answer within {timeout:g} s")


class TemporaryPrefectAPI:
    """Run a loopback-only Prefect API (no UI) in a child process for the duration of a `with` block.

    The caller points the run at `url` (prefect.settings.temporary_settings); the child is in the
    same process group, so stopping the run's group stops it too.
    """

    def __enter__(self) -> TemporaryPrefectAPI:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/api"
        # Prefect's command, run through this module so that the server exits with this process even when
        # it is killed outright.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.local_api", str(os.getpid()), *uvicorn_args(port)],
            env={**os.environ, **SERVER_ENV},
        )
        return self

    def wait_until_ready(self) -> None:
        wait_for_api(self.url, self.process)

    def __exit__(self, exc_type, *exc) -> None:
        # A run being stopped (SIGTERM, Ctrl-C) must end within seconds: its last reports may be lost.
        stopping = exc_type is not None and not issubclass(exc_type, Exception)
        _drain_prefect_reports(timeout=1 if stopping else 10)
        self.process.terminate()
        try:
            self.process.wait(timeout=2 if stopping else 10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _drain_prefect_reports(timeout: float) -> None:
    """Send the run's queued logs and events while the API is still up (as prefect_test_harness does);
    otherwise Prefect retries them against a stopped server at exit, for a minute or more."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=timeout)
    EventsWorker.drain_all(timeout=timeout)


def _serve(parent_pid: int, uvicorn_args: list[str]) -> None:
    """The API process: uvicorn with the given arguments, ended when its parent is gone."""
    from flows.processes import exit_with_parent

    exit_with_parent(parent_pid)
    from uvicorn.main import main

    main(uvicorn_args)


if __name__ == "__main__":
    _serve(int(sys.argv[1]), sys.argv[2:])
