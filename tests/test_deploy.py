"""deploy/systemd: the unit files start the venv's gaoxin with options gaoxin accepts, in the right order.

The command lines are expanded the way systemd does with the units' own defaults (no
/etc/gaoxin/gaoxin.env) and then parsed by gaoxin's own argument parser, so a renamed option fails
here rather than at 02:00. `systemd-analyze verify` checks the rest where it is installed.
"""
from __future__ import annotations

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


def _expand(command: str, env: dict[str, str]) -> list[str]:
    """ExecStart= as systemd runs it: ${VAR} is one argument, a lone $VAR word is split at spaces."""
    argv = []
    for word in shlex.split(command):
        lone = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if lone:
            argv.extend(env[lone.group(1)].split())
        else:
            argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env[m.group(1)], word))
    return argv


def _variables(command: str) -> set[str]:
    return set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", command))


@pytest.fixture(scope="module")
def server_unit():
    return _parse_unit(SERVER_UNIT)


@pytest.fixture(scope="module")
def serve_unit():
    return _parse_unit(SERVE_UNIT)


@pytest.mark.parametrize("path, command", [(SERVER_UNIT, "server"), (SERVE_UNIT, "serve")],
                         ids=["server", "serve"])
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


@pytest.mark.parametrize("path", [SERVER_UNIT, SERVE_UNIT], ids=["server", "serve"])
def test_every_variable_on_the_command_line_has_a_default(path):
    """The environment file is optional ("-"): without it ExecStart must still be complete."""
    unit = _parse_unit(path)
    command = _one(unit, "Service", "ExecStart")
    assert _variables(command) <= set(_environment(unit))


def test_server_command_is_accepted_by_gaoxin_and_binds_loopback(server_unit):
    argv = _expand(_one(server_unit, "Service", "ExecStart"), _environment(server_unit))
    args = _parser().parse_args(argv[1:])
    assert (args.command, args.host, args.port) == ("server", config.SERVER_HOST, config.SERVER_PORT)


def test_serve_command_is_accepted_by_gaoxin(serve_unit):
    argv = _expand(_one(serve_unit, "Service", "ExecStart"), _environment(serve_unit))
    args = _parser().parse_args(argv[1:])
    assert args.command == "serve"
    assert (args.source, args.warehouse) == (Path("/data/gaoxin/incoming"), Path("/data/gaoxin/gaoxin.duckdb"))
    assert (args.cron, args.timezone, args.name) == (config.DEFAULT_CRON, config.DEFAULT_TIMEZONE,
                                                     config.DEFAULT_DEPLOYMENT_NAME)


def test_extra_serve_options_are_split_into_arguments(serve_unit):
    env = {**_environment(serve_unit), "GAOXIN_SERVE_OPTIONS": "--workers 4 --batch-size 200"}
    args = _parser().parse_args(_expand(_one(serve_unit, "Service", "ExecStart"), env)[1:])
    assert (args.workers, args.batch_size) == (4, 200)


def test_serve_starts_after_the_server_and_reports_to_it(server_unit, serve_unit):
    assert "gaoxin-server.service" in _one(serve_unit, "Unit", "After").split()
    assert "gaoxin-server.service" in _one(serve_unit, "Unit", "Wants").split()
    server_env, serve_env = _environment(server_unit), _environment(serve_unit)
    assert serve_env["PREFECT_API_URL"] == f"http://{server_env['GAOXIN_HOST']}:{server_env['GAOXIN_PORT']}/api"
    assert serve_env["PREFECT_HOME"] == server_env["PREFECT_HOME"]


def test_example_environment_file_names_only_settings_the_units_read(server_unit, serve_unit):
    known = set(_environment(server_unit)) | set(_environment(serve_unit))
    keys = {m.group(1) for m in re.finditer(r"^#?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M)}
    assert keys and keys <= known, keys - known


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
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", "--generators=no", *copies],
                            capture_output=True, text=True, timeout=60)
    # Unknown keys and unparsable values are only warnings (exit status 0): fail on any line about our units.
    ours = [line for line in (result.stdout + result.stderr).splitlines()
            if "gaoxin-server.service" in line or "gaoxin-serve.service" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr
