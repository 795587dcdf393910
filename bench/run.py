"""End-to-end benchmark of `gaoxin run` on a generated corpus: time, memory and recall.

    python -m bench.run [--docs 2000] [--seed 7] [--out bench/out/latest.json]

Generates (or reuses) bench/out/corpus-N, then runs the real CLI as whole processes: a cold run
into a new warehouse, a no-op re-run, a run after 1% of the files changed, and a run on an empty
folder (the fixed start-up cost of the CLI and Prefect). It does so twice:

* scheduled (the top-level figures): against a running `gaoxin server`, as the nightly runs of a
  production set-up report to one (README, Scheduling); the server is started once, before the
  runs, and is not part of their process tree (its own RSS is reported as server_rss_mb);
* standalone: without PREFECT_API_URL, so every run starts its own temporary Prefect API, as a
  first `make run` does; that API is part of the run's process tree.

Each run's wall time and the peak RSS of its whole process tree (summed over /proc every 50 ms)
are measured; recall comes from the shared scorer on the cold warehouse against the generator's
truth; per-stage seconds are the cold run's own record (runs.stage_seconds); ftfy_only_s is
ftfy.fix_text alone over the same decoded texts, for scale. Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import ftfy

from bench.generate import generate, render_document
from flows.local_api import free_port, wait_for_api
from transforms.decode import decode_bytes

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
GAOXIN = ROOT / ".venv" / "bin" / "gaoxin"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PREFECT_HOME = OUT / "prefect-home"  # the benchmark's own Prefect database, not the project's
PREFECT_ENV = {
    "PREFECT_HOME": str(PREFECT_HOME),
    # Creating Prefect's database on the first run can take longer than the default 20 s on a busy 2-core box.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
}
CHANGED_EVERY = 100  # every 100th file is rewritten for the "1% changed" run
POLL_SECONDS = 0.05
RUN_TIMEOUT_SECONDS = 3 * 3600
SCORE_LINE = re.compile(r"precision=([\d.]+) recall=([\d.]+) F1=([\d.]+)")


@dataclass(frozen=True)
class Corpus:
    folder: Path
    truth: Path
    docs: int
    seed: int


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float


@dataclass
class Server:
    """A `gaoxin server` for the scheduled runs, with the peak RSS it reached while they ran."""

    process: subprocess.Popen
    api_url: str
    peak_kb: int = 0


def prepare_corpus(docs: int, seed: int) -> Corpus:
    """bench/out/corpus-N: reused when it was generated with the same N, seed and generator."""
    base = OUT / f"corpus-{docs}"
    corpus = Corpus(base / "docs", base / "truth.csv", docs, seed)
    manifest = {"docs": docs, "seed": seed, "generator": _generator_digest()}
    manifest_path = base / "manifest.json"
    if manifest_path.exists() and json.loads(manifest_path.read_text()) == manifest:
        rewrite_changed(corpus, revision=0)  # undo a benchmark that stopped half-way
        return corpus
    shutil.rmtree(base, ignore_errors=True)
    generate(docs, corpus.folder, seed, corpus.truth)
    manifest_path.write_text(json.dumps(manifest))
    return corpus


def _generator_digest() -> str:
    return hashlib.sha256((ROOT / "bench" / "generate.py").read_bytes()).hexdigest()[:16]


def rewrite_changed(corpus: Corpus, revision: int) -> int:
    """Rewrite every CHANGED_EVERY-th file as `revision` (0 = as generated); returns how many."""
    indices = range(0, corpus.docs, CHANGED_EVERY)
    for index in indices:
        doc = render_document(corpus.seed, index, revision)
        (corpus.folder / doc.name).write_bytes(doc.data)
    return len(indices)


def session_rss_kb(session: int) -> int:
    """Sum of VmRSS over every live process of a session (the run, its Prefect server, their children)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != session:  # state ppid pgrp session ...
                continue
            with open(f"/proc/{entry.name}/status", "rb") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith(b"VmRSS:")), 0)
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    return total


def measure(name: str, source: Path, warehouse: Path, logs: Path, server: Server | None) -> Measured:
    """One `gaoxin run` as a whole process in its own session; wall time and peak tree RSS.

    With `server`, the run reports to it (and the server's own peak RSS is tracked on the side).
    """
    log = logs / f"{name}.log"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | PREFECT_ENV
    if server is not None:
        env["PREFECT_API_URL"] = server.api_url
    command = [str(GAOXIN), "run", "--source", str(source), "--warehouse", str(warehouse)]
    peak_kb, done = [0], threading.Event()
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=ROOT
        )

        def sample() -> None:
            while not done.wait(POLL_SECONDS):
                peak_kb[0] = max(peak_kb[0], session_rss_kb(process.pid))
                if server is not None:
                    server.peak_kb = max(server.peak_kb, session_rss_kb(server.process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            returncode = process.wait(timeout=RUN_TIMEOUT_SECONDS)
        finally:
            seconds = time.perf_counter() - started
            done.set()
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
            sampler.join(timeout=5)
    if returncode != 0:
        raise RuntimeError(f"{name} run exited {returncode}; see {log}")
    return Measured(seconds, peak_kb[0] / 1024)


def stage_seconds(warehouse: Path) -> dict[str, float] | None:
    """Seconds per stage of the warehouse's latest run, summed over batches, as the run recorded them."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = con.execute("SELECT stage_seconds FROM runs ORDER BY finished_at DESC LIMIT 1").fetchone()
    finally:
        con.close()
    return json.loads(row[0]) if row and row[0] else None


@contextlib.contextmanager
def prefect_server() -> Iterator[Server]:
    """`gaoxin server` on a free loopback port with the benchmark's Prefect home, until the block ends."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | PREFECT_ENV
    with (OUT / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [str(GAOXIN), "server", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            cwd=ROOT,
        )
    try:
        wait_for_api(f"http://127.0.0.1:{port}/api", process, timeout=300)
        yield Server(process, f"http://127.0.0.1:{port}/api")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def score(warehouse: Path, truth: Path, mode: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(SCORER), str(warehouse), str(truth), "--mode", mode],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    precision, recall, f1 = map(float, SCORE_LINE.search(result.stdout).groups())
    return {"precision": precision, "recall": recall, "f1": f1}


def ftfy_only_seconds(folder: Path) -> float:
    """ftfy.fix_text alone over every decodable file of the corpus, in this process."""
    seconds = 0.0
    for path in sorted(folder.glob("*.txt")):
        text = decode_bytes(path.read_bytes()).text
        if text is None:
            continue
        started = time.perf_counter()
        ftfy.fix_text(text)
        seconds += time.perf_counter() - started
    return seconds


def run_modes(
    corpus: Corpus, work: Path, server: Server | None, inspect_cold: bool
) -> tuple[dict[str, Measured], dict]:
    """Cold, no-op, 1% changed and empty runs; returns them and, with `inspect_cold`, what the cold
    warehouse held (scores against the truth, the run's stage seconds), read before the later runs
    change it."""
    work.mkdir(parents=True)
    (work / "empty").mkdir()
    warehouse = work / "bench.duckdb"
    measure("warm-up", work / "empty", work / "warm-up.duckdb", work, server)  # creates Prefect's database
    try:
        cold = measure("cold", corpus.folder, warehouse, work, server)
        after_cold = (
            {
                "strict": score(warehouse, corpus.truth, "strict"),
                "lenient": score(warehouse, corpus.truth, "lenient"),
                "stage_seconds": stage_seconds(warehouse),
            }
            if inspect_cold
            else {}
        )
        noop = measure("noop", corpus.folder, warehouse, work, server)
        rewrite_changed(corpus, revision=1)
        changed = measure("changed", corpus.folder, warehouse, work, server)
    finally:
        rewrite_changed(corpus, revision=0)
    empty = measure("empty", work / "empty", work / "empty.duckdb", work, server)
    return {"cold": cold, "noop": noop, "changed": changed, "empty": empty}, after_cold


def summarise(runs: dict[str, Measured], ftfy_s: float) -> dict:
    cold, noop, changed, empty = (runs[name] for name in ("cold", "noop", "changed", "empty"))
    return {
        **{f"{name}_s": round(m.seconds, 2) for name, m in runs.items()},
        "peak_rss_mb": round(max(m.peak_rss_mb for m in runs.values()), 1),
        "peak_rss_mb_by_run": {name: round(m.peak_rss_mb, 1) for name, m in runs.items()},
        "ratios": {
            "ftfy_only_over_cold": round(ftfy_s / cold.seconds, 3),
            "noop_minus_empty_s": round(noop.seconds - empty.seconds, 2),
            "changed_over_cold": round(changed.seconds / cold.seconds, 3),
        },
    }


def benchmark(docs: int, seed: int) -> dict:
    corpus = prepare_corpus(docs, seed)
    work = OUT / f"work-{docs}"
    shutil.rmtree(work, ignore_errors=True)
    with prefect_server() as server:
        scheduled, cold = run_modes(corpus, work / "scheduled", server, inspect_cold=True)
    standalone, _ = run_modes(corpus, work / "standalone", None, inspect_cold=False)
    strict, lenient = cold["strict"], cold["lenient"]
    ftfy_s = ftfy_only_seconds(corpus.folder)
    size = sum(p.stat().st_size for p in corpus.folder.glob("*.txt"))
    return {
        "docs": docs,
        "seed": seed,
        "mb": round(size / 1e6, 1),
        "changed_files": len(range(0, docs, CHANGED_EVERY)),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "mode": "scheduled: runs report to a running gaoxin server (see 'standalone' for runs without one)",
        **summarise(scheduled, ftfy_s),
        "server_rss_mb": round(server.peak_kb / 1024, 1),
        "recall": {"strict": strict["recall"], "lenient": lenient["recall"]},
        "precision": {"strict": strict["precision"], "lenient": lenient["precision"]},
        "stage_seconds": cold["stage_seconds"],
        "ftfy_only_s": round(ftfy_s, 2),
        "standalone": summarise(standalone, ftfy_s),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }


def print_table(figures: dict) -> None:
    def runs(mode: dict, label: str) -> list[tuple[str, str]]:
        return [
            (f"{label}: cold run", f"{mode['cold_s']} s  ({figures['docs'] / mode['cold_s']:.0f} docs/s)"),
            (f"{label}: no-op re-run", f"{mode['noop_s']} s"),
            (f"{label}: {figures['changed_files']} files changed", f"{mode['changed_s']} s"),
            (f"{label}: empty folder", f"{mode['empty_s']} s"),
            (f"{label}: peak RSS (process tree)", f"{mode['peak_rss_mb']} MB  {mode['peak_rss_mb_by_run']}"),
            *((f"{label}: ratio {k}", str(v)) for k, v in mode["ratios"].items()),
        ]

    rows = [
        ("documents", f"{figures['docs']} ({figures['mb']} MB)"),
        *runs(figures, "scheduled"),
        ("scheduled: server RSS (not in the tree)", f"{figures['server_rss_mb']} MB"),
        *runs(figures["standalone"], "standalone"),
        ("recall strict / lenient", f"{figures['recall']['strict']} / {figures['recall']['lenient']}"),
        ("precision strict / lenient", f"{figures['precision']['strict']} / {figures['precision']['lenient']}"),
        ("ftfy.fix_text only", f"{figures['ftfy_only_s']} s"),
        *((f"stage {k}", f"{v} s") for k, v in (figures["stage_seconds"] or {}).items()),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT / "latest.json")
    args = parser.parse_args(argv)
    figures = benchmark(args.docs, args.seed)
    print_table(figures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
