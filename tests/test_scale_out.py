"""Parallel runners load exactly what the in-process run loads; reprocess follows a rules change."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from prefect_dask import DaskTaskRunner

from flows import etl, stages
from flows.etl import gaoxin_etl, gaoxin_reprocess

pytestmark = pytest.mark.usefixtures("prefect_harness")

FIGURE_COLUMNS = (
    "doc_id, figure_no, article_no, zone, subject, indicator, value, unit, period_year, period, "
    "status, qualifier, evidence, span_start, span_end"
)


def loaded(warehouse: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {
            "figures": con.execute(f"SELECT {FIGURE_COLUMNS} FROM figures ORDER BY doc_id, figure_no").fetchall(),
            "documents": con.execute("SELECT doc_id, clean_text, repairs FROM documents ORDER BY doc_id").fetchall(),
            "articles": con.execute("SELECT * FROM articles ORDER BY doc_id, article_no").fetchall(),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def in_process(tmp_path_factory) -> dict[str, list[tuple]]:
    warehouse = tmp_path_factory.mktemp("serial") / "w.duckdb"
    gaoxin_etl(warehouse=warehouse, batch_size=2, workers=1)
    return loaded(warehouse)


def test_process_pool_loads_the_same_figures(in_process, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    gaoxin_etl(warehouse=warehouse, batch_size=2, workers=2)
    assert loaded(warehouse) == in_process


def test_dask_local_cluster_loads_the_same_figures(in_process, tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "dashboard_address": None})
    gaoxin_etl.with_options(task_runner=runner)(warehouse=warehouse, batch_size=2)
    assert loaded(warehouse) == in_process


def test_reprocess_after_version_bump_updates_every_version_stamp(in_process, tmp_path: Path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    gaoxin_etl(warehouse=warehouse, batch_size=2, workers=1)
    for module in (etl, stages):  # a new release: every module that stamps the version sees it
        monkeypatch.setattr(module, "EXTRACTOR_VERSION", "9.9.9-test")
    summary = gaoxin_reprocess(warehouse=warehouse, batch_size=2, workers=1)
    assert summary.documents_loaded == 5

    con = duckdb.connect(str(warehouse), read_only=True)
    versions = {
        table: {r[0] for r in con.execute(f"SELECT DISTINCT extractor_version FROM {table}").fetchall()}
        for table in ("documents", "source_files")
    }
    last_run = con.execute("SELECT extractor_version FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()[0]
    con.close()
    assert versions == {"documents": {"9.9.9-test"}, "source_files": {"9.9.9-test"}}
    assert last_run == "9.9.9-test"
    assert loaded(warehouse) == in_process
    # Nothing is stale any more: a second reprocess has nothing to do.
    assert gaoxin_reprocess(warehouse=warehouse, batch_size=2, workers=1).documents_loaded == 0
