"""deploy/systemd: the unit files start the venv's gaoxin with settings gaoxin accepts, in the right order.

The command lines are parsed by gaoxin's own argument parser with the units' environment (gaoxin reads
GAOXIN_* itself), so a renamed option or setting fails here rather than at 02:00. `systemd-analyze
verify` checks the rest where it is installed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from flows import config
from flows.cli import _parser

SYSTEMD_DIR = Path(__file__).resolve().parents[1] / "deploy" / "systemd"
SERVER_UNIT = SYSTEMD_DIR / "gaoxin-server.service"
SERVE_UNIT = SYSTEMD_DIR / "gaoxin-serve.service"
ENV_EXAMPLE = SYSTEMD_DIR / "gaoxin.env"
VENV_GAOXIN = "/opt/gaoxin/.venv/bin/gaoxin"
ENV_FILE = "-/etc/gaoxin/gaoxin.env"  # "-": optional, the units' defaults apply without it
MAX_STOP_SECONDS = 30


def _parse_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """{section: {key: [values in order]}}: systemd keys repeat (Environment=), so no configparser."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        line = line.strip()
        while line.endswith("\\"):
            line = line[:-1] + " " + next(lines).strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{path.name}: {line!r} outside a section"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def _one(unit: dict, section: str, key: str) -> str:
    [value] = unit[section][key]
    return value


def _environment(unit: dict) -> dict[str, str]:
    """The Environment= assignments (quoted "KEY=value with spaces" as systemd reads them)."""
    env = {}
    for value in unit["Service"].get("Environment", []):
        for assignment in shlex.split(value):
            key, _, val = assignment.partition("=")
            env[key] = val
    return env


@pytest.fixture(scope="module")
def server_unit():
    return _parse_unit(SERVER_UNIT)


@pytest.fixture(scope="module")
def serve_unit():
    return _parse_unit(SERVE_UNIT)


@pytest.mark.parametrize("path, command", [(SERVER_UNIT, "server"), (SERVE_UNIT, "serve")], ids=["server", "serve"])
def test_unit_runs_the_venv_gaoxin_subcommand_as_the_gaoxin_user(path, command):
    unit = _parse_unit(path)
    argv = shlex.split(_one(unit, "Service", "ExecStart"))
    assert argv[:2] == [VENV_GAOXIN, command]
    assert _one(unit, "Service", "User") == "gaoxin"
    assert _one(unit, "Service", "WorkingDirectory") == "/opt/gaoxin"
    assert _one(unit, "Service", "EnvironmentFile") == ENV_FILE
    assert "PREFECT_HOME" in _environment(unit)
    assert _one(unit, "Install", "WantedBy") == "multi-user.target"


@pytest.mark.parametrize("path", [SERVER_UNIT, SERVE_UNIT], ids=["server", "serve"])
def test_unit_restarts_and_stops_within_seconds(path):
    service = _parse_unit(path)["Service"]
    assert service["Restart"] in (["always"], ["on-failure"])
    assert service["KillMode"][0] in ("mixed", "control-group")  # flow-run subprocesses go too
    assert 0 < int(service["TimeoutStopSec"][0]) <= MAX_STOP_SECONDS


def _parsed(unit: dict, monkeypatch) -> object:
    """ExecStart's arguments parsed by gaoxin with the unit's environment: gaoxin reads GAOXIN_* itself."""
    for name in [n for n in os.environ if n.startswith("GAOXIN_")]:
        monkeypatch.delenv(name)
    for name, value in _environment(unit).items():
        monkeypatch.setenv(name, value)
    return _parser(config.settings()).parse_args(shlex.split(_one(unit, "Service", "ExecStart"))[1:])


def test_server_command_is_accepted_by_gaoxin_and_binds_loopback(server_unit, monkeypatch):
    args = _parsed(server_unit, monkeypatch)
    assert (args.command, args.host, args.port) == ("server", "127.0.0.1", 4200)


def test_serve_command_is_accepted_by_gaoxin_with_the_production_paths(serve_unit, monkeypatch):
    args = _parsed(serve_unit, monkeypatch)
    assert args.command == "serve"
    assert (args.source, args.warehouse) == (Path("/data/gaoxin/incoming"), Path("/data/gaoxin/gaoxin.duckdb"))
    assert (args.cron, args.timezone, args.deployment) == ("0 2 * * *", "Asia/Shanghai", "nightly")


def test_settings_from_the_environment_file_reach_the_command(serve_unit, monkeypatch):
    unit = {
        **serve_unit,
        "Service": {
            **serve_unit["Service"],
            "Environment": [*serve_unit["Service"]["Environment"], "GAOXIN_WORKERS=4", "GAOXIN_BATCH_SIZE=200"],
        },
    }
    args = _parsed(unit, monkeypatch)
    assert (args.workers, args.batch_size) == (4, 200)


def test_serve_starts_after_the_server_and_reports_to_it(server_unit, serve_unit):
    assert "gaoxin-server.service" in _one(serve_unit, "Unit", "After").split()
    assert "gaoxin-server.service" in _one(serve_unit, "Unit", "Wants").split()
    server_env, serve_env = _environment(server_unit), _environment(serve_unit)
    defaults = config.Settings()
    assert serve_env["PREFECT_API_URL"] == f"http://{defaults.host}:{defaults.port}/api"
    assert serve_env["PREFECT_HOME"] == server_env["PREFECT_HOME"]


def test_example_environment_file_lists_every_setting_and_nothing_else():
    keys = {m.group(1) for m in re.finditer(r"^#?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M)}
    settings = {f"GAOXIN_{name.upper()}" for name in config.Settings.model_fields}
    assert keys == settings | {"PREFECT_API_URL", "PREFECT_HOME", "PREFECT_UI_API_URL"}


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verify(tmp_path: Path):
    """verify also checks that ExecStart's program exists: point it at a stand-in in a copy of the units."""
    gaoxin = tmp_path / "gaoxin"
    gaoxin.write_text("#!/bin/sh\nexit 0\n")
    gaoxin.chmod(0o755)
    copies = []
    for unit in (SERVER_UNIT, SERVE_UNIT):
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text(encoding="utf-8").replace(VENV_GAOXIN, str(gaoxin)), encoding="utf-8")
        copies.append(str(copy))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "--generators=no", *copies],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Unknown keys and unparsable values are only warnings (exit status 0): fail on any line about our units.
    ours = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "gaoxin-server.service" in line or "gaoxin-serve.service" in line
    ]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr
