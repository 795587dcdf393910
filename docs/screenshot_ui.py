"""Make docs/prefect-run.png, the README's picture of a finished run in the Prefect UI.

Starts a throwaway local Prefect server (`gaoxin server --port 4321`: not Prefect's default port, and
without PREFECT_API_URL, as an operator would; its own PREFECT_HOME in a temp dir), checks that the UI's
pages will call the API on that port, runs the flow once on the sample corpus against it, and has headless
Chromium screenshot the flow-run page. Needs Chromium (`apt-get install chromium`) and port 4321 free
(or another: --port N). Not part of the test suite:

    .venv/bin/python docs/screenshot_ui.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import duckdb

from flows.local_api import wait_for_api

PROJECT = Path(__file__).resolve().parents[1]
GAOXIN = str(Path(sys.executable).parent / "gaoxin")
OUTPUT = PROJECT / "docs" / "prefect-run.png"
PORT = 4321
SERVER_START_TIMEOUT = 120
RUN_TIMEOUT = 300
BROWSER_TIMEOUT = 120
# Virtual time Chromium gives the UI's JavaScript to fetch the run and render it before the shot.
UI_RENDER_MS = 20000


def run_flow_once(env: dict[str, str], work: Path) -> str:
    """Run the ETL on a copy of the sample corpus; return its flow-run id, as the warehouse recorded it."""
    corpus, warehouse = work / "corpus", work / "w.duckdb"
    shutil.copytree(PROJECT / "data" / "sample", corpus)
    done = subprocess.run(
        [GAOXIN, "run", "--source", str(corpus), "--warehouse", str(warehouse)],
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    if done.returncode != 0:
        sys.exit(f"gaoxin run failed:\n{done.stdout}\n{done.stderr}")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT run_id FROM runs").fetchone()[0]
    finally:
        con.close()


def screenshot(url: str, work: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.exit("Chromium not found: apt-get install -y chromium")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={work / 'chromium'}",
            f"--screenshot={OUTPUT}",
            "--window-size=1400,1000",
            f"--virtual-time-budget={UI_RENDER_MS}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=BROWSER_TIMEOUT,
    )


def check_ui_calls(ui: str) -> None:
    """The UI's pages must call the API of this server, not Prefect's default port."""
    with urllib.request.urlopen(f"{ui}/ui-settings", timeout=10) as response:
        api_url = json.load(response)["api_url"]
    if api_url != f"{ui}/api":
        sys.exit(f"the UI at {ui} would call the API at {api_url}: its pages would fail")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=PORT, help=f"port of the throwaway server (default: {PORT})")
    port = parser.parse_args().port
    with tempfile.TemporaryDirectory(prefix="gaoxin-ui-") as tmp:
        work = Path(tmp)
        ui = f"http://127.0.0.1:{port}"
        env = {key: value for key, value in os.environ.items() if not key.startswith(("PREFECT_", "GAOXIN_"))}
        env.update(PREFECT_HOME=str(work / "prefect"))
        server = subprocess.Popen(
            [GAOXIN, "server", "--port", str(port)],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_api(f"{ui}/api", server, SERVER_START_TIMEOUT)
            check_ui_calls(ui)
            run_id = run_flow_once({**env, "PREFECT_API_URL": f"{ui}/api"}, work)
            screenshot(f"{ui}/runs/flow-run/{run_id}", work)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
