"""Running every night with nobody watching: alerts, settings from the environment, the CLI's answers to
mistakes, and the read-only copy BI tools read while the nightly run writes.

Alerts go to a real HTTP receiver on 127.0.0.1 through a real Apprise URL (json://); runs are real flow
runs into real DuckDB files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import duckdb
import pytest

from flows import config
from flows.etl import gaoxin_etl

pytestmark = pytest.mark.usefixtures("prefect_harness")

HELD_BACK_PAGE = "成都高新区新闻\n2021年,成都高新区R&D经费支出占GDP比重达到150%。\n"  # a ratio over 100%: held back


class Receiver:
    """A webhook on a free loopback port that keeps every JSON body posted to it."""

    def __init__(self):
        messages = self.messages = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                messages.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    hook = Receiver()
    yield hook
    hook.close()


def test_a_clean_run_sends_no_alert(corpus: Path, tmp_path: Path, receiver: Receiver):
    summary = gaoxin_etl(source=corpus, warehouse=tmp_path / "w.duckdb", workers=1, notify_url=receiver.url)
    assert summary.figures_quarantined == 0
    assert receiver.messages == []


def test_a_failed_run_sends_one_alert(corpus: Path, tmp_path: Path, receiver: Receiver):
    (tmp_path / "file").write_text("not a folder")
    state = gaoxin_etl(
        source=corpus, warehouse=tmp_path / "file" / "w.duckdb", workers=1, notify_url=receiver.url, return_state=True
    )
    assert state.is_failed()
    assert len(receiver.messages) == 1
    message = receiver.messages[0]
    assert "failed" in message["title"].lower()
    assert "left as it was" in message["message"] and "gaoxin-etl" in message["message"]


def test_a_run_whose_source_is_gone_fails_fast_and_alerts(tmp_path: Path, receiver: Receiver, monkeypatch):
    monkeypatch.setenv("GAOXIN_NOTIFY_URL", receiver.url)  # as a served deployment's environment would say
    state = gaoxin_etl(source=tmp_path / "gone", warehouse=tmp_path / "w.duckdb", workers=1, return_state=True)
    assert state.is_failed() and "source folder not found" in state.message
    assert len(receiver.messages) == 1 and "gone" in receiver.messages[0]["message"]


def test_a_run_with_figures_held_back_sends_one_alert(corpus: Path, tmp_path: Path, receiver: Receiver):
    (corpus / "held.txt").write_text(HELD_BACK_PAGE, encoding="utf-8")
    summary = gaoxin_etl(source=corpus, warehouse=tmp_path / "w.duckdb", workers=1, notify_url=receiver.url)
    assert summary.figures_quarantined == 1
    assert len(receiver.messages) == 1
    assert "held back 1 figures" in receiver.messages[0]["title"]
    assert "quarantine" in receiver.messages[0]["message"]


def test_settings_come_from_the_environment(corpus: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GAOXIN_SOURCE", str(corpus))
    monkeypatch.setenv("GAOXIN_WAREHOUSE", str(tmp_path / "from-env.duckdb"))
    monkeypatch.setenv("GAOXIN_BATCH_SIZE", "2")
    monkeypatch.setenv("GAOXIN_WORKERS", "1")
    summary = gaoxin_etl()
    assert summary.source == str(corpus) and summary.documents_loaded == 5
    assert (tmp_path / "from-env.duckdb").is_file()


@pytest.mark.parametrize(("cores", "workers"), [(1, 2), (2, 2), (8, 8), (None, 2)])
def test_by_default_the_work_is_in_worker_processes_so_the_time_budget_applies(cores, workers, monkeypatch):
    """A one-core machine still gets worker processes: in-process work (--workers 1) has no time budget."""
    monkeypatch.delenv("GAOXIN_WORKERS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert config.Settings().workers == workers


# --- the CLI's answers to mistakes: one line, exit status 2, nothing started --------------------------


def gaoxin(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.parametrize(
    "args, env, says",
    [
        (["run", "--batch-size", "0"], None, "--batch-size: must be at least 1"),
        (["run", "--workers", "-1"], None, "--workers: must be at least 1"),
        (["run", "--source", "/no/such/folder"], None, "not an existing folder"),
        (["serve", "--source", "/no/such/folder"], None, "not an existing folder"),
        (["run"], {"GAOXIN_WORKERS": "many"}, "GAOXIN_WORKERS"),
        (["export", "/proc/no/such/dir"], None, "gaoxin export failed"),
    ],
)
def test_mistakes_get_one_line_and_exit_status_2(args, env, says, tmp_path: Path):
    if args[0] == "export":  # a warehouse to export from, into a folder that cannot be made
        gaoxin_etl(warehouse=tmp_path / "w.duckdb", workers=1)
        args = ["export", "--warehouse", str(tmp_path / "w.duckdb"), *args[1:]]
    result = gaoxin(*args, env=env)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr, result.stderr


def test_version():
    result = gaoxin("--version")
    assert result.returncode == 0 and result.stdout.startswith("gaoxin ") and "extractor" in result.stdout


def test_every_option_says_its_default():
    from flows.cli import _parser
    from flows.config import settings

    commands = next(a for a in _parser(settings())._actions if a.dest == "command").choices
    for name, command in commands.items():
        for action in command._actions:
            if action.option_strings and action.dest != "help":
                assert "(default:" in action.help, f"gaoxin {name} {action.option_strings[0]}"


# --- the published copy ---------------------------------------------------------------------------


def test_published_copy_is_replaced_while_a_bi_connection_holds_the_old_one(corpus: Path, tmp_path: Path):
    published = tmp_path / "bi"
    warehouse = tmp_path / "w.duckdb"
    first = gaoxin_etl(source=corpus, warehouse=warehouse, workers=1, publish_dir=published)
    bi = duckdb.connect(str(published / "gaoxin.duckdb"), read_only=True)  # a BI tool's pooled connection
    before = bi.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert before == first.figures_loaded > 0
    assert (published / "indicators.parquet").is_file()

    (corpus / "more.txt").write_text("成都高新区新闻\n2021年,成都高新区实现工业总产值1234亿元。\n", encoding="utf-8")
    second = gaoxin_etl(source=corpus, warehouse=warehouse, workers=1, publish_dir=published)

    assert second.figures_loaded == 1
    assert bi.execute("SELECT count(*) FROM indicators").fetchone()[0] == before  # undisturbed
    bi.close()
    fresh = subprocess.run(  # a new connection (another process: DuckDB caches open files per process)
        [
            sys.executable,
            "-c",
            "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True)"
            ".execute('SELECT count(*) FROM indicators').fetchone()[0])",
            str(published / "gaoxin.duckdb"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert int(fresh.stdout) == before + 1
    parquet = duckdb.sql(f"SELECT count(*) FROM '{published / 'indicators.parquet'}'").fetchone()[0]
    assert parquet == before + 1
    assert not list(published.glob(".publishing-*"))
