"""The whole pipe with real parts: a Prefect flow run, GX validation and a DuckDB file on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows import batch
from flows.etl import gaoxin_etl
from tests.conftest import SHARED, table_rows
from transforms.clean import clean_document
from warehouse import store

pytestmark = pytest.mark.usefixtures("prefect_harness")

# Tables whose contents depend only on the input files (runs and dq_results log every run).
DATA_TABLES = {
    "documents": "doc_id",
    "articles": "doc_id, article_no",
    "figures": "doc_id, figure_no",
    "source_files": "source_path",
    "quarantine": "source_path, level, reason",
}


def run(source: Path, warehouse: Path):
    """One flow run in small batches, in-process (tests/test_scale_out.py covers parallel runners)."""
    return gaoxin_etl(source=source, warehouse=warehouse, batch_size=2, workers=1)


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Data tables without the columns that name the run that wrote them."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {
            table: con.execute(f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY {order}").fetchall()
            if "run_id" in [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
            else con.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
            for table, order in DATA_TABLES.items()
        }
    finally:
        con.close()


def full_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    tables = {**DATA_TABLES, "runs": "run_id", "dq_results": "run_id, expectation", "schema_version": "version"}
    return {table: table_rows(warehouse, table, order) for table, order in tables.items()}


def test_sample_corpus_lands_in_every_table(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    summary = run(corpus, warehouse)

    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    assert summary.documents_loaded == 5 and summary.files_quarantined == 0
    encodings = {r[0] for r in con.execute("SELECT DISTINCT encoding FROM documents").fetchall()}
    assert encodings == {"utf-8"}
    n_figures = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert n_figures == summary.figures_loaded > 0
    wuxi_gdp = con.execute(
        "SELECT value, period_year FROM indicators WHERE zone = '无锡高新区' AND indicator = 'gdp' ORDER BY period_year"
    ).fetchall()
    assert (119500000000.0, 2012) in wuxi_gdp and (227100000000.0, 2021) in wuxi_gdp
    assert con.execute("SELECT count(*) FROM dq_results WHERE run_id = ?", [summary.run_id]).fetchone()[0] > 0
    run_row = con.execute("SELECT status, documents_loaded, figures_loaded FROM runs").fetchall()
    assert run_row == [("completed", 5, n_figures)]
    con.close()


def test_every_figure_is_traceable_to_its_sentence(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    run(corpus, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "SELECT i.evidence, i.span_start, i.span_end, d.clean_text FROM indicators i JOIN documents d USING (doc_id)"
    ).fetchall()
    con.close()
    assert rows
    for evidence, start, end, clean_text in rows:
        matched = clean_text[start:end]
        assert matched and matched in evidence, (matched, evidence)
        assert evidence in clean_text


def test_second_run_on_same_files_changes_nothing(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    run(corpus, warehouse)
    first = snapshot(warehouse)
    summary = run(corpus, warehouse)
    assert summary.files_unchanged == 5 and summary.documents_loaded == 0
    assert snapshot(warehouse) == first
    assert len(table_rows(warehouse, "runs", "started_at")) == 2


def test_edited_file_replaces_its_old_rows(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    run(corpus, warehouse)
    target = next(corpus.glob("004_*.txt"))
    old = target.read_text(encoding="utf-8")
    target.write_text(old.replace("2271亿元", "2300亿元"), encoding="utf-8")
    summary = run(corpus, warehouse)
    assert summary.documents_loaded == 1
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    values = {r[0] for r in con.execute("SELECT value FROM indicators WHERE indicator = 'gdp'").fetchall()}
    assert 230000000000.0 in values and 227100000000.0 not in values
    con.close()


def test_files_with_the_same_bytes_share_one_document(corpus: Path, tmp_path: Path):
    original = next(corpus.glob("000_*.txt"))
    shutil.copy(original, corpus / "000a_same_batch.txt")  # batches of 2: beside the original
    shutil.copy(original, corpus / "zzz_later_batch.txt")
    warehouse = tmp_path / "w.duckdb"
    summary = run(corpus, warehouse)
    assert summary.documents_loaded == 5 and summary.figures_quarantined == 0
    con = duckdb.connect(str(warehouse), read_only=True)
    holders = con.execute(
        "SELECT count(DISTINCT doc_id), count(*) FROM source_files WHERE status = 'loaded' "
        "AND regexp_extract(source_path, '[^/]+$') IN (?, ?, ?)",
        [original.name, "000a_same_batch.txt", "zzz_later_batch.txt"],
    ).fetchone()
    assert holders == (1, 3)
    once = con.execute("SELECT count(*) FROM figures GROUP BY doc_id, figure_no HAVING count(*) > 1").fetchall()
    assert once == [] and con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    con.close()


def test_a_copy_of_a_document_that_fails_is_quarantined_too(corpus: Path, tmp_path: Path, monkeypatch):
    def clean_or_fail(text, repeated_lines=frozenset()):
        if "这一页让清洗出错" in text:
            raise ValueError("simulated cleaning bug")
        return clean_document(text, repeated_lines)

    monkeypatch.setattr(batch, "clean_document", clean_or_fail)
    (corpus / "001a_fails.txt").write_text("标题\n这一页让清洗出错。\n", encoding="utf-8")
    shutil.copy(corpus / "001a_fails.txt", corpus / "zzz_copy_fails.txt")
    warehouse = tmp_path / "w.duckdb"
    summary = run(corpus, warehouse)
    assert summary.documents_loaded == 5 and summary.files_quarantined == 2
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "SELECT regexp_extract(q.source_path, '[^/]+$'), q.reason, f.status FROM quarantine q "
        "JOIN source_files f USING (source_path) ORDER BY 1"
    ).fetchall()
    con.close()
    assert [(name, status) for name, _, status in rows] == [
        ("001a_fails.txt", "quarantined"),
        ("zzz_copy_fails.txt", "quarantined"),
    ]
    assert all("simulated cleaning bug" in reason for _, reason, _ in rows)


def test_bad_files_are_quarantined_and_the_rest_loads(corpus: Path, tmp_path: Path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "a'; DROP TABLE documents;--.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    summary = run(corpus, warehouse)
    assert summary.documents_loaded == 5
    con = duckdb.connect(str(warehouse), read_only=True)
    reasons = dict(
        con.execute(
            "SELECT regexp_extract(source_path, '[^/]+$'), reason FROM quarantine WHERE level = 'file'"
        ).fetchall()
    )
    assert set(reasons) == {"empty.txt", "binary.txt", "a'; DROP TABLE documents;--.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    con.close()


def test_failed_run_leaves_warehouse_as_it_was(corpus: Path, tmp_path: Path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    run(corpus, warehouse)
    before = full_snapshot(warehouse)

    # A real change to load, then a failure after the staged rows were applied inside the transaction.
    target = next(corpus.glob("002_*.txt"))
    target.write_text(target.read_text(encoding="utf-8") + "\n补记。", encoding="utf-8")

    def fail_after_rows_applied(con, run):
        raise RuntimeError("simulated crash after the rows were written")

    monkeypatch.setattr(store, "_insert_run", fail_after_rows_applied)
    state = gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=2, workers=1, return_state=True)
    assert state.is_failed()
    assert full_snapshot(warehouse) == before
    assert not list(tmp_path.glob(".staging-*"))


def test_staging_left_by_a_killed_run_is_removed(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f".staging-w-{finished.stdout.strip()}-some-run"  # its process is gone
    abandoned.mkdir()
    (abandoned / "documents-000000.parquet").write_bytes(b"partial")
    run(corpus, warehouse)
    assert not abandoned.exists()
    assert not list(tmp_path.glob(".staging-*"))


def test_failed_first_run_leaves_no_warehouse_file(corpus: Path, tmp_path: Path, monkeypatch):
    warehouse = tmp_path / "new.duckdb"

    def fail_after_rows_applied(con, run):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(store, "_insert_run", fail_after_rows_applied)
    state = gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=2, workers=1, return_state=True)
    assert state.is_failed()
    assert not warehouse.exists() and not Path(f"{warehouse}.wal").exists()


def test_missing_source_folder_fails_without_touching_warehouse(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    state = gaoxin_etl(source=tmp_path / "nope", warehouse=warehouse, return_state=True)
    assert state.is_failed() and not warehouse.exists()


def test_seeds_score_at_least_095_strict_f1(tmp_path: Path):
    """The shared scorer on the seed documents; the figures must be right in zone, year and status."""
    scorer, gold = SHARED / "eval" / "score.py", SHARED / "gold" / "seeds.csv"
    if not scorer.exists():
        pytest.skip(f"shared scorer not found at {scorer}")
    warehouse = tmp_path / "w.duckdb"
    run(SHARED / "corpus" / "seeds", warehouse)
    result = subprocess.run(
        [sys.executable, str(scorer), str(warehouse), str(gold), "--min-f1", "0.95"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def cli(*args: str) -> subprocess.CompletedProcess:
    """`gaoxin` as a user runs it, reporting to the test session's Prefect API."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_run_exits_zero_and_prints_summary(corpus: Path, tmp_path: Path):
    (corpus / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    result = cli("run", "--source", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "documents loaded     5" in result.stdout
    assert "empty.txt: empty file" in result.stdout
    assert warehouse.exists()


def test_cli_run_exits_1_when_the_flow_fails(corpus: Path, tmp_path: Path):
    (tmp_path / "file").write_text("not a folder")
    warehouse = tmp_path / "file" / "w.duckdb"
    result = cli("run", "--source", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    assert result.returncode == 1
    assert "left as it was before the run" in result.stderr
    assert not warehouse.exists()


def test_cli_run_with_a_missing_source_exits_2_before_anything_starts(tmp_path: Path):
    result = cli("run", "--source", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not an existing folder" in result.stderr
    assert result.stdout == "" and not (tmp_path / "w.duckdb").exists()


def test_cli_without_a_server_starts_and_stops_its_own(corpus: Path, tmp_path: Path):
    """The default path of `make run`: no PREFECT_API_URL, a temporary local API for the run."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    warehouse = tmp_path / "w.duckdb"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "run",
            "--source",
            str(corpus),
            "--warehouse",
            str(warehouse),
            "--workers",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-2000:]
    assert "documents loaded     5" in out
    # The temporary API was a child in the run's process group: nothing of it is left running.
    leftovers = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert leftovers == []


def test_progress_line_shows_share_rate_and_time_left():
    from flows.progress import progress_line

    assert progress_line(500, 2000, 10.0) == "[#####---------------]  25%  500/2000 files  50 files/s  ETA 30 s"
    assert progress_line(2000, 2000, 40.0).endswith("100%  2000/2000 files  50 files/s  done")
