"""Real Great Expectations runs (no mocks) of the figures data-quality suites."""

from __future__ import annotations

import hashlib
import json

import polars as pl
import pytest

# The one GX import of this module (seconds); every later lazy import inside
# expectations.figures hits the module cache.
pytest.importorskip("great_expectations")

from expectations.figures import DEDUP_RULE, ValidationOutcome, validate_figures  # noqa: E402
from warehouse.tables import FIGURES  # noqa: E402

BASE = [
    "industrial_output",
    "above_scale_industrial_output",
    "industrial_value_added",
    "gdp",
    "revenue",
    "rd_expenditure",
    "rd_intensity",
    "high_tech_enterprises",
    "above_scale_industrial_enterprises",
    "tech_smes",
    "settled_enterprises",
    "incubated_enterprises",
    "rd_platforms",
]
CODES = BASE + [b + "_yoy" for b in BASE]
DOC = hashlib.sha256(b"doc-1").hexdigest()

NOT_NULL_VALUE = "expect_column_values_to_not_be_null[value]"
UNIT_SET = "expect_column_values_to_be_in_set[unit]"
TAXONOMY = "expect_column_values_to_be_in_set[indicator taxonomy]"
PERCENT = "expect_column_values_to_be_between[value percent 0-100]"
YOY = "expect_column_values_to_be_between[value yoy -100-10000]"
COUNT_NONNEG = "expect_column_values_to_be_between[value count >=0]"
COUNT_WHOLE = "expect_column_values_to_match_regex[value count whole]"
CNY_POSITIVE = "expect_column_values_to_be_between[value CNY >0]"
SPAN = "expect_column_pair_values_a_to_be_greater_than_b[span_end>span_start]"
EVIDENCE = "expect_column_values_to_match_regex[evidence non-blank]"
STATUS_SET = "expect_column_values_to_be_in_set[status]"
QUALIFIER_SET = "expect_column_values_to_be_in_set[qualifier]"
ZONE_BASIS_SET = "expect_column_values_to_be_in_set[zone_basis]"
PERIOD_BASIS_NOT_NULL = "expect_column_values_to_not_be_null[period_basis]"
COLUMNS_MATCH = "expect_table_columns_to_match_set[figures contract]"
FIGURE_NO_UNIQUE = "expect_compound_columns_to_be_unique[doc_id figure_no]"


def fig(figure_no: int, **kw) -> dict:
    row = dict(
        doc_id=DOC,
        figure_no=figure_no,
        article_no=0,
        zone="高新区",
        subject=None,
        indicator="gdp",
        value=1_000_000_000.0 + figure_no,
        unit="CNY",
        period_year=2024,
        period="2024",
        status="actual",
        qualifier="=",
        evidence="实现地区生产总值10亿元",
        span_start=10,
        span_end=15,
        zone_basis="clause",
        period_basis="published_date",
    )
    row.update(kw)
    return row


def frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=FIGURES.staged)


GOOD = [
    fig(0),
    fig(1, indicator="rd_intensity", unit="percent", value=3.2, zone=None, zone_basis="none"),
    fig(2, indicator="gdp_yoy", unit="percent", value=131.4),  # big growth is fine
    fig(3, indicator="gdp_yoy", unit="percent", value=-12.5, qualifier="~"),
    fig(4, indicator="tech_smes", unit="count", value=12.0, status="target", qualifier=">="),
    fig(5, indicator="high_tech_enterprises", unit="count", value=0.0, subject="某公司"),
    fig(6, indicator="revenue", value=3.5e9, status="estimate", qualifier="<"),
]

# (figure, the rule it must break)
BAD = [
    (fig(100, value=None), NOT_NULL_VALUE),
    (fig(101, unit="USD"), UNIT_SET),
    (fig(102, indicator="rd_intensity", unit="percent", value=150.0), PERCENT),
    (fig(103, indicator="tech_smes", unit="count", value=-3.0), COUNT_NONNEG),
    (fig(104, indicator="tech_smes", unit="count", value=2.5), COUNT_WHOLE),
    (fig(105, value=0.0), CNY_POSITIVE),
    (fig(106, indicator="gdp_per_capita"), TAXONOMY),
    (fig(107, indicator="gdp_yoy", unit="percent", value=20_000.0), YOY),
    (fig(108, span_start=20, span_end=20), SPAN),
    (fig(109, evidence="   "), EVIDENCE),
    (fig(110, status="guess"), STATUS_SET),
    (fig(111, qualifier="≈"), QUALIFIER_SET),
    (fig(112, zone_basis="headline"), ZONE_BASIS_SET),
    (fig(113, period_basis=None), PERIOD_BASIS_NOT_NULL),
]


@pytest.fixture(scope="module")
def mixed() -> tuple[pl.DataFrame, ValidationOutcome]:
    rows = GOOD + [b for b, _ in BAD]
    # a duplicate of fig(0): same doc, indicator, zone, subject, period, status, value
    rows.append({**fig(0), "figure_no": 200, "evidence": "重复: 地区生产总值10亿元"})
    df = frame(rows)
    return df, validate_figures(df, CODES, run_name="test-mixed")


def _reasons(outcome: ValidationOutcome) -> dict[int, list[str]]:
    return {
        r["figure_no"]: r["failed_expectations"].split(",")
        for r in outcome.failed.select("figure_no", "failed_expectations").to_dicts()
    }


def test_good_rows_all_pass():
    df = frame(GOOD)
    out = validate_figures(df, CODES)
    assert out.table_success
    assert out.failed.height == 0
    assert out.passed.equals(df)
    assert out.success
    assert all(r["success"] for r in out.results)


def test_yoy_131_4_is_growth_not_ratio():
    out = validate_figures(frame([fig(2, indicator="gdp_yoy", unit="percent", value=131.4)]), CODES)
    assert out.passed.height == 1 and out.failed.height == 0
    by_name = {r["expectation"]: r for r in out.results}
    assert by_name[PERCENT]["element_count"] == 0  # the ratio rule did not see the yoy row
    assert by_name[YOY]["element_count"] == 1


@pytest.mark.parametrize("bad,rule", BAD, ids=[r.split("[")[1].rstrip("]") for _, r in BAD])
def test_each_row_rule_catches_its_bad_row(mixed, bad, rule):
    _, out = mixed
    reasons = _reasons(out)
    assert reasons.get(bad["figure_no"]) == [rule]


def test_mixed_split(mixed):
    df, out = mixed
    assert out.table_success  # row-level failures never fail the table
    assert not out.success
    assert sorted(out.passed["figure_no"].to_list()) == [g["figure_no"] for g in GOOD]
    assert out.passed.columns == df.columns
    assert out.failed.columns == [*df.columns, "failed_expectations"]
    assert out.passed.height + out.failed.height == df.height


def test_duplicate_figure_quarantines_later_copy(mixed):
    _, out = mixed
    reasons = _reasons(out)
    assert reasons[200] == [DEDUP_RULE]
    assert 0 in out.passed["figure_no"].to_list()  # the first copy loads
    dedup = next(r for r in out.results if r["expectation"] == DEDUP_RULE)
    assert dedup["unexpected_count"] == 2  # GX flags both copies
    assert dedup["details"]["quarantined_index_list"] == [len(GOOD) + len(BAD)]


def test_results_shape(mixed):
    df, out = mixed
    keys = {"suite", "expectation", "column", "kind", "success", "element_count", "unexpected_count", "details"}
    assert all(set(r) == keys for r in out.results)
    assert {r["kind"] for r in out.results} == {"row", "table"}
    json.dumps(out.results)  # serialisable for logs and artifacts
    by_name = {r["expectation"]: r for r in out.results}
    assert by_name[UNIT_SET]["element_count"] == df.height
    assert by_name[UNIT_SET]["unexpected_count"] == 1
    assert by_name[UNIT_SET]["column"] == "unit"
    assert by_name[COUNT_NONNEG]["element_count"] == 4  # only count rows (row_condition)


def test_missing_column_fails_table():
    df = frame(GOOD).drop("evidence")
    out = validate_figures(df, CODES)
    assert not out.table_success
    assert out.passed.height == 0
    assert out.failed.height == df.height
    assert set(out.failed["failed_expectations"]) == {COLUMNS_MATCH}


def test_extra_column_or_duplicate_figure_no_fails_table():
    out = validate_figures(frame(GOOD).with_columns(pl.lit(1).alias("extra")), CODES)
    assert not out.table_success
    dup_key = frame([fig(0), fig(0, indicator="revenue")])
    out = validate_figures(dup_key, CODES)
    assert not out.table_success
    assert set(out.failed["failed_expectations"]) == {FIGURE_NO_UNIQUE}


@pytest.mark.parametrize("df", [FIGURES.empty(), pl.DataFrame()], ids=["schema", "no-columns"])
def test_empty_frame(df):
    out = validate_figures(df, CODES)
    assert out.table_success
    assert out.passed.height == 0 and out.failed.height == 0
    assert all(r["success"] for r in out.results)
    assert all(r["element_count"] == 0 for r in out.results)


def test_data_docs_rerunnable(tmp_path):
    df = frame(GOOD + [fig(101, unit="USD")])
    first = validate_figures(df, CODES, data_docs_dir=tmp_path, run_name="first")
    index = first.data_docs_index
    assert index is not None and index.is_file()
    assert index == tmp_path / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert first.failed.height == 1

    # second run in the same project, with a grown taxonomy: no "already exists", suite updated
    df2 = frame([fig(0, indicator="patents", unit="count", value=7.0)])
    second = validate_figures(df2, [*CODES, "patents"], data_docs_dir=tmp_path, run_name="second")
    assert second.data_docs_index == index
    assert second.passed.height == 1 and second.failed.height == 0
    html = index.read_text(encoding="utf-8")
    assert "first" in html and "second" in html
    rows_suite = (tmp_path / "gx" / "expectations" / "gaoxin_figures_rows.json").read_text()
    assert "patents" in rows_suite
