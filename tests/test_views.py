"""The BI views (migration 0002) and `gaoxin export`, on a warehouse loaded once by the real flow.

Besides the sample corpus, two crafted pages report 无锡高新区's GDP again, so the choice between
sources and statuses and the conflict check run on figures the extractor really produced:
  older page (2022-03-01): 2021 actual 2400亿 (contradicts the sample's 2271亿 of 2022-10-18),
                           2022 estimate 2600亿
  newer page (2022-12-01): 2021 estimate 2350亿, 2022 target 2700亿, 荣昌高新区 2020 full-year 工业总产值 600亿
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows import cli
from flows.config import SAMPLE_SOURCE
from flows.etl import gaoxin_etl
from warehouse import store
from warehouse.export import EXPORTS, export_views

OLDER_PAGE = (
    "无锡高新区经济运行简报\n日期:2022-03-01\n\n"
    "无锡高新区2021年地区生产总值2400亿元。预计2022年无锡高新区地区生产总值2600亿元。\n"
)
NEWER_PAGE = (
    "无锡高新区发展展望\n日期:2022-12-01\n\n"
    "预计2021年无锡高新区地区生产总值2350亿元。到2022年,无锡高新区地区生产总值力争达到2700亿元。\n\n"
    "荣昌高新区2020年工业总产值600亿元。\n"
)
SAMPLE_WUXI_PAGE = "004_bf43a98f9e2cd42d.txt"


def _create_at_schema_version_1(warehouse: Path) -> None:
    """A warehouse as written before the views existed: only migration 0001 applied."""
    first = store.migrations()[:1]
    con = duckdb.connect(str(warehouse))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(store, "migrations", lambda: first)
            assert store.apply_migrations(con) == [1]
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(prefect_harness, tmp_path_factory) -> tuple[Path, Path]:
    """(warehouse, corpus): a version-1 warehouse, then one flow run over the sample plus the crafted pages."""
    root = tmp_path_factory.mktemp("views")
    corpus = root / "corpus"
    shutil.copytree(SAMPLE_SOURCE, corpus)
    (corpus / "crafted").mkdir()
    (corpus / "crafted" / "wuxi_older.txt").write_text(OLDER_PAGE, encoding="utf-8")
    (corpus / "crafted" / "wuxi_newer.txt").write_text(NEWER_PAGE, encoding="utf-8")
    warehouse = root / "w.duckdb"
    _create_at_schema_version_1(warehouse)
    gaoxin_etl(source=corpus, warehouse=warehouse, batch_size=10)
    return warehouse, corpus


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_a_version_1_warehouse_gets_the_views_on_its_next_run(loaded):
    warehouse, _ = loaded
    assert query(warehouse, "SELECT version FROM schema_version ORDER BY version") == [(1,), (2,), (3,), (4,), (5,)]
    views = {r[0] for r in query(warehouse, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert {"indicators", "latest_indicators", "zone_year", "zone_panel", "conflicts"} <= views


def test_every_figure_says_where_its_zone_and_period_came_from(loaded):
    warehouse, _ = loaded
    bases = {"clause", "sentence", "paragraph", "article", "document", "published_date", "none"}
    rows = query(warehouse, "SELECT zone, zone_basis, period_year, period_basis FROM indicators")
    assert rows and all(z_basis in bases and p_basis in bases for _, z_basis, _, p_basis in rows)
    assert all((zone is None) == (z_basis == "none") for zone, z_basis, _, _ in rows)
    assert all((year is None) == (p_basis == "none") for _, _, year, p_basis in rows)
    # the crafted pages state zone and year in each figure's own clause
    assert query(
        warehouse, "SELECT DISTINCT zone_basis, period_basis FROM indicators WHERE source_path LIKE '%wuxi_older.txt'"
    ) == [("clause", "clause")]
    assert {c[0] for c in query(warehouse, "DESCRIBE zone_year")} >= {"zone_basis", "period_basis"}


def test_zone_panel_caveats_name_values_whose_zone_or_year_is_only_implied(loaded):
    warehouse, _ = loaded
    weak = query(
        warehouse,
        "SELECT zone, period_year, indicator, zone_basis, period_basis FROM zone_year "
        "WHERE zone_basis NOT IN ('clause', 'sentence') OR period_basis NOT IN ('clause', 'sentence')",
    )
    assert weak, "the sample corpus has figures whose zone or year comes from the page, not the sentence"
    for zone, year, indicator, zone_basis, period_basis in weak:
        if indicator.endswith("_yoy"):
            continue
        caveats = query(warehouse, "SELECT caveats FROM zone_panel WHERE zone = ? AND period_year = ?", [zone, year])
        expected = (
            f"zone from {zone_basis}" if zone_basis not in ("clause", "sentence") else f"year from {period_basis}"
        )
        assert expected in caveats[0][0], (indicator, caveats)


def test_latest_indicators_takes_the_newest_published_source_per_key(loaded):
    warehouse, corpus = loaded
    rows = query(
        warehouse,
        "SELECT value, published_date::VARCHAR, source_path, n_sources FROM latest_indicators "
        "WHERE zone = '无锡高新区' AND indicator = 'gdp' AND period = '2021' AND status = 'actual'",
    )
    assert rows == [(227100000000.0, "2022-10-18", str(corpus / SAMPLE_WUXI_PAGE), 2)]
    keys = query(
        warehouse, "SELECT count(*), count(DISTINCT (zone, subject, indicator, period, status)) FROM latest_indicators"
    )
    assert keys[0][0] == keys[0][1] > 0


def test_zone_year_prefers_actual_even_over_a_newer_estimate(loaded):
    warehouse, corpus = loaded
    rows = query(
        warehouse,
        "SELECT value, status, period, source_path, n_sources FROM zone_year "
        "WHERE zone = '无锡高新区' AND indicator = 'gdp' AND period_year = 2021",
    )
    # three competitors: sample actual 2271亿 (2022-10-18), older actual 2400亿, newer estimate 2350亿
    assert rows == [(227100000000.0, "actual", "2021", str(corpus / SAMPLE_WUXI_PAGE), 3)]


def test_zone_year_prefers_an_older_estimate_over_a_newer_target(loaded):
    warehouse, corpus = loaded
    rows = query(
        warehouse,
        "SELECT value, status, source_path, n_sources FROM zone_year "
        "WHERE zone = '无锡高新区' AND indicator = 'gdp' AND period_year = 2022",
    )
    assert rows == [(260000000000.0, "estimate", str(corpus / "crafted" / "wuxi_older.txt"), 2)]


def test_zone_year_prefers_the_full_year_over_a_half_year(loaded):
    warehouse, _ = loaded
    rows = query(
        warehouse,
        "SELECT value, period, n_sources FROM zone_year "
        "WHERE zone = '荣昌高新区' AND indicator = 'industrial_output' AND period_year = 2020",
    )
    assert rows == [(60000000000.0, "2020", 2)]


def test_zone_year_leaves_out_parks_and_industries(loaded):
    warehouse, _ = loaded
    # 物联网产业营业收入超2300亿 is about an industry of 无锡高新区, not the zone
    assert query(warehouse, "SELECT count(*) FROM indicators WHERE zone = '无锡高新区' AND indicator = 'revenue'") != [
        (0,)
    ]
    assert query(warehouse, "SELECT count(*) FROM zone_year WHERE zone = '无锡高新区' AND indicator = 'revenue'") == [
        (0,)
    ]


def test_zone_panel_has_one_row_per_zone_year_with_the_preferred_values(loaded):
    warehouse, _ = loaded
    wuxi = query(
        warehouse,
        "SELECT gdp, high_tech_enterprises, tech_smes, rd_intensity, revenue, caveats "
        "FROM zone_panel WHERE zone = '无锡高新区' AND period_year = 2021",
    )
    assert wuxi == [(227100000000.0, 1042.0, 1540.0, 4.6, None, "tech_smes (zone from paragraph)")]
    rongchang = query(
        warehouse,
        "SELECT industrial_output, rd_intensity, caveats FROM zone_panel "
        "WHERE zone = '荣昌高新区' AND period_year = 2020",
    )
    assert rongchang == [
        (
            60000000000.0,
            4.1,
            "above_scale_industrial_output 2020H1 (zone from article, year from "
            "published_date); rd_intensity 2020H1 estimate (zone from article, year "
            "from published_date); rd_platforms (zone from article, year from "
            "published_date)",
        )
    ]
    counts = query(warehouse, "SELECT count(*), count(DISTINCT (zone, period_year)) FROM zone_panel")
    assert counts[0][0] == counts[0][1]


def test_conflicts_lists_the_contradicting_pair_once_with_both_sources(loaded):
    warehouse, corpus = loaded
    rows = query(
        warehouse,
        "SELECT zone, indicator, period, status, value_a, value_b, relative_difference_pct, "
        "source_path_a, source_path_b, published_date_a::VARCHAR, published_date_b::VARCHAR, "
        "evidence_a FROM conflicts",
    )
    # the estimate and the target differ from the actuals too, but a different status is no contradiction
    assert rows == [
        (
            "无锡高新区",
            "gdp",
            "2021",
            "actual",
            240000000000.0,
            227100000000.0,
            5.38,
            str(corpus / "crafted" / "wuxi_older.txt"),
            str(corpus / SAMPLE_WUXI_PAGE),
            "2022-03-01",
            "2022-10-18",
            "无锡高新区2021年地区生产总值2400亿元。",
        )
    ]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_view_readable_with_all_rows(loaded, tmp_path: Path, fmt: str):
    warehouse, _ = loaded
    written = export_views(warehouse, tmp_path / "out", fmt)
    assert written == [tmp_path / "out" / f"{name}.{fmt}" for name in EXPORTS]
    read = pl.read_parquet if fmt == "parquet" else pl.read_csv
    for name, path in zip(EXPORTS, written, strict=True):
        expected = query(warehouse, f"SELECT count(*) FROM {name}")[0][0]
        assert read(path).height == expected, name
    assert "raw_text" not in read(tmp_path / "out" / f"documents.{fmt}").columns


def test_export_command_writes_files_and_reports_a_missing_warehouse(loaded, tmp_path: Path, capsys):
    warehouse, _ = loaded
    assert cli.main(["export", "--warehouse", str(warehouse), "--format", "csv", str(tmp_path / "out")]) == 0
    zone_year = duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'out' / 'zone_year.csv'}')").fetchone()[0]
    assert zone_year == query(warehouse, "SELECT count(*) FROM zone_year")[0][0]

    missing = tmp_path / "missing.duckdb"
    assert cli.main(["export", "--warehouse", str(missing), str(tmp_path / "out2")]) == 2
    assert f"no warehouse at {missing}" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "out2").exists()


def test_export_asks_for_a_run_on_a_warehouse_without_the_views(tmp_path: Path):
    warehouse = tmp_path / "old.duckdb"
    _create_at_schema_version_1(warehouse)
    with pytest.raises(RuntimeError, match="schema version 1.*run `gaoxin run"):
        export_views(warehouse, tmp_path / "out", "parquet")
