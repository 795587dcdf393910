"""flows/local_api.py starts Prefect's temporary server itself (for speed): it must start exactly what
Prefect would. This fails loudly when a Prefect upgrade changes the command or its environment."""

from __future__ import annotations

import importlib.metadata
import sys

import prefect.server.api.server as prefect_server

from flows.local_api import CHECKED_PREFECT, SERVER_ENV, matches_installed_prefect, uvicorn_args


def test_the_installed_prefect_is_the_checked_release():
    assert matches_installed_prefect(), (
        f"Prefect {importlib.metadata.version('prefect')} is installed, flows/local_api.py was checked against "
        f"{CHECKED_PREFECT}x: compare SubprocessASGIServer._run_uvicorn_command with it, then update CHECKED_PREFECT"
    )


def test_command_and_environment_are_prefects_own(monkeypatch):
    started = {}

    def record(args, env):
        started.update(args=args, env=env)

    monkeypatch.setattr(prefect_server.subprocess, "Popen", record)
    server = prefect_server.SubprocessASGIServer(port=4321)
    server._run_uvicorn_command()

    assert started["args"] == [sys.executable, "-m", "uvicorn", *uvicorn_args(4321)]
    assert {name: started["env"][name] for name in SERVER_ENV} == SERVER_ENV
