"""Run gaoxin like production: a local Prefect server, and the flow served on a cron schedule.

`gaoxin server` hands over to `prefect server start` (UI + API, database under PREFECT_HOME);
`gaoxin serve` registers the `gaoxin-etl/<name>` deployment with a cron schedule and runs its
scheduled and manually triggered runs in this process until it is stopped.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from flows import config

if TYPE_CHECKING:
    from prefect import Flow


def server_urls(host: str, port: int) -> tuple[str, str]:
    """The UI address and the API address that runs must be pointed at."""
    ui = f"http://{host}:{port}"
    return ui, f"{ui}/api"


def start_server(host: str, port: int) -> None:
    """Replace this process with `prefect server start` from the same venv (never returns)."""
    ui, api = server_urls(host, port)
    print(f"Prefect UI:  {ui}")
    print(f"Point runs and `gaoxin serve` at it:  export PREFECT_API_URL={api}")
    print(f"Prefect database under {os.environ['PREFECT_HOME']}", flush=True)
    prefect = str(Path(sys.executable).parent / "prefect")
    os.execv(prefect, [prefect, "server", "start", "--host", host, "--port", str(port)])


def configured_api_url() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile, if any."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


def serve_etl(etl_flow: Flow, source: Path, warehouse: Path, cron: str, timezone: str, name: str,
              batch_size: int = config.DEFAULT_BATCH_SIZE, workers: int = config.DEFAULT_WORKERS) -> None:
    """Register `etl_flow` (gaoxin_etl) on a cron schedule and run it until SIGTERM/Ctrl-C.

    Prefect pauses a served deployment's schedule on shutdown by default; a restart (systemd,
    reboot) must not silently stop the nightly runs, so the schedule is left active.
    """
    from prefect import serve
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    deployment = etl_flow.to_deployment(
        name=name,
        schedule=Cron(cron, timezone=timezone),
        parameters={"source": str(source.absolute()), "warehouse": str(warehouse.absolute()),
                    "batch_size": batch_size, "workers": workers},
        entrypoint_type=EntrypointType.MODULE_PATH,  # importable from the installed package, whatever the cwd
    )
    serve(deployment, pause_on_shutdown=False)
