"""Run gaoxin like production: a local Prefect server, and the flow served on a cron schedule.

`gaoxin server` hands over to `prefect server start` (UI + API, database under PREFECT_HOME);
`gaoxin serve` registers the `gaoxin-etl/<name>` deployment with a cron schedule and runs its
scheduled and manually triggered runs in this process until it is stopped.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prefect import Flow

# Addresses that mean "every interface": a server can bind them, a browser cannot connect to them.
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::"})


def reachable_host(host: str) -> str:
    """The host part of a URL for a server bound to `host`: the machine's name for a wildcard address
    (a guess: PREFECT_UI_API_URL overrides it), brackets around an IPv6 address."""
    if host in WILDCARD_HOSTS:
        return socket.gethostname() or "127.0.0.1"
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]"
    except ValueError:
        pass  # a host name
    return host


def server_urls(host: str, port: int) -> tuple[str, str]:
    """The UI address and the API address that runs must be pointed at."""
    ui = f"http://{reachable_host(host)}:{port}"
    return ui, f"{ui}/api"


def _explicit_ui_settings() -> tuple[str | None, str | None]:
    """(PREFECT_UI_API_URL, PREFECT_UI_URL) as the operator set them (environment, Prefect profile, .env,
    prefect.toml), or None where Prefect would derive them; never a value derived from PREFECT_API_URL."""
    from prefect.settings import Settings

    settings = Settings()  # read now, from this process's environment: not a cached settings context
    ui_api_url = settings.server.ui.api_url if "api_url" in settings.server.ui.model_fields_set else None
    ui_url = settings.ui_url if "ui_url" in settings.model_fields_set else None
    return ui_api_url, ui_url


def ui_environment(host: str, port: int) -> dict[str, str]:
    """PREFECT_UI_API_URL and PREFECT_UI_URL for a server on host:port, unless the operator set them.

    Left alone, Prefect tells the UI's pages to call PREFECT_API_URL (whatever server that names) or
    else port 4200, whatever port the server is on: every page of a UI on another port fails.
    """
    ui, api = server_urls(host, port)
    ui_api_url, ui_url = _explicit_ui_settings()
    ui_api_url = ui_api_url or api
    if not ui_url:  # the UI's own address (links in notifications): its API's, without the /api
        base = ui_api_url.rstrip("/")
        ui_url = base.removesuffix("/api") if base.endswith("/api") else ui
    return {"PREFECT_UI_API_URL": ui_api_url, "PREFECT_UI_URL": ui_url}


def start_server(host: str, port: int) -> None:
    """Replace this process with `prefect server start` from the same venv (never returns)."""
    ui_env = ui_environment(host, port)
    os.environ.update(ui_env)
    print(f"Prefect UI:  {ui_env['PREFECT_UI_URL']}")
    print(f"The UI's pages call the API at {ui_env['PREFECT_UI_API_URL']}")
    local_host = host
    if host in WILDCARD_HOSTS:
        if ui_env["PREFECT_UI_API_URL"] == server_urls(host, port)[1]:
            print(
                f"Listening on every interface: the UI assumes browsers reach this machine as "
                f"{reachable_host(host)}. If they do not, stop the server and start it again after\n"
                f"  export PREFECT_UI_API_URL=http://<address browsers reach>:{port}/api"
            )
        local_host = "::1" if ":" in host else "127.0.0.1"  # runs on this machine reach it there for sure
    print(f"Point runs and `gaoxin serve` at it:  export PREFECT_API_URL={server_urls(local_host, port)[1]}")
    print(f"Prefect database under {os.environ['PREFECT_HOME']}", flush=True)
    prefect = str(Path(sys.executable).parent / "prefect")
    os.execv(prefect, [prefect, "server", "start", "--host", host, "--port", str(port)])


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile, if any."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def serve_etl(
    etl_flow: Flow,
    source: Path,
    warehouse: Path,
    cron: str,
    timezone: str,
    name: str,
    parameters: dict[str, Any] | None = None,
) -> None:
    """Register `etl_flow` (gaoxin_etl) on a cron schedule and run it until SIGTERM/Ctrl-C.

    `parameters` are the flow's other parameters (batch size, workers, ...), given to every run.
    Prefect pauses a served deployment's schedule on shutdown by default; a restart (systemd,
    reboot) must not silently stop the nightly runs, so the schedule is left active.
    """
    from prefect import serve
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    deployment = etl_flow.to_deployment(
        name=name,
        schedule=Cron(cron, timezone=timezone),
        parameters={"source": str(source.absolute()), "warehouse": str(warehouse.absolute()), **(parameters or {})},
        entrypoint_type=EntrypointType.MODULE_PATH,  # importable from the installed package, whatever the cwd
    )
    serve(deployment, pause_on_shutdown=False)
