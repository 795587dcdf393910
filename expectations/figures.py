"""Data-quality suites for the ``figures`` rows, run with Great Expectations (GX Core 1.x).

Two suites, both defined here as code:

* ``gaoxin_figures_table`` (kind ``"table"``): the shape of the batch. Any failure means the rows
  cannot be trusted as a whole and the flow must fail (``ValidationOutcome.table_success``).
* ``gaoxin_figures_rows`` (kind ``"row"``): rules each row must meet. Rows that break one go to
  quarantine (``ValidationOutcome.failed``) with the names of the rules they broke; the rest load.

The rows are validated as a pandas DataFrame (``polars.DataFrame.to_pandas()`` with a fresh
``RangeIndex``), not through DuckDB: GX 1.x's SQL datasource does not work against DuckDB. GX's
``unexpected_index_list`` (``result_format="COMPLETE"``) is therefore the row position in ``df``.

Rule decisions worth knowing:

* Unit-dependent rules use GX 1.x ``Condition`` objects (``Column("unit") == "count"``), the
  replacement for string ``row_condition`` + ``condition_parser="pandas"``, which 1.9+ deprecates.
  The pandas engine turns them into ``DataFrame.query`` filters.
* "Ratio" vs "growth" percentages: the condition language has no ``endswith``, so the growth codes
  are the taxonomy codes ending in ``_yoy`` (``Column("indicator").is_in(...)``) and ratios are the
  other percent rows. An unknown ``*_yoy`` code is caught by the taxonomy rule instead.
* Growth (``*_yoy``) is allowed in [-100, 10000] percent: below -100 % is impossible for the
  quantities we track, and above +10000 % (x101) is far past any real year-on-year figure while
  still admitting the legitimate large jumps found in zone news (e.g. +131.4 %, +900 %).
* Whole-number counts: GX has no "float is integral" expectation. We match a regex against the
  value's string rendering (GX's pandas regex metric does ``column.astype(str)``): ``repr`` of a
  whole float below 1e16 is ``"<digits>.0"``, so ``^-?\\d+(?:\\.0)?$`` is exact for every realistic
  count; a count >= 1e16 renders in exponent form and is (conservatively) flagged. This keeps the
  rule visible in Data Docs without adding derived columns (which would break the exact column
  contract check).
* Null handling: GX's column-map rules skip nulls, so every non-nullable contract column has its
  own ``not_null`` rule; a row with a null value fails ``not_null[value]`` only.
* Duplicate figures (same doc_id, indicator, zone, subject, period, status, value; nulls compare
  equal): GX flags *every* copy. Quarantine keeps the first copy (lowest row position) as good and
  sends only the later copies there; ``results`` still report GX's own count and index list plus
  the ``quarantined_index_list``.
* When a table-level rule fails, row-level results are not meaningful (e.g. a missing column):
  ``passed`` is empty and every row is in ``failed`` with the failing table rules' names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from warehouse.tables import FIGURES

if TYPE_CHECKING:  # GX takes seconds to import: only ever import it inside functions.
    import great_expectations as gx  # noqa: F401

# ----------------------------------------------------------------------------------------------
# The rules' parameters (the figures' columns and types are the contract's: warehouse.tables.FIGURES)
# ----------------------------------------------------------------------------------------------

NOT_NULL_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "figure_no",
    "article_no",
    "indicator",
    "value",
    "unit",
    "status",
    "qualifier",
    "evidence",
    "span_start",
    "span_end",
    "zone_basis",
    "period_basis",
)
UNITS: tuple[str, ...] = ("CNY", "count", "percent")
STATUSES: tuple[str, ...] = ("actual", "target", "estimate")
QUALIFIERS: tuple[str, ...] = ("=", "~", ">", ">=", "<")
BASES: tuple[str, ...] = ("clause", "sentence", "paragraph", "article", "document", "published_date", "none")
DUPLICATE_KEY: tuple[str, ...] = ("doc_id", "indicator", "zone", "subject", "period", "status", "value")
GROWTH_SUFFIX = "_yoy"
GROWTH_MIN, GROWTH_MAX = -100, 10_000
WHOLE_NUMBER_REGEX = r"^-?\d+(?:\.0)?$"

TABLE_SUITE = "gaoxin_figures_table"
ROW_SUITE = "gaoxin_figures_rows"
SUITE_KIND = {TABLE_SUITE: "table", ROW_SUITE: "row"}
DATASOURCE = "gaoxin_figures"
ASSET = "figures_frame"
BATCH_DEFINITION = "whole_frame"
CHECKPOINT = "gaoxin_figures"
SITE_NAME = "local_site"
DEDUP_RULE = "expect_compound_columns_to_be_unique[duplicate figure]"

_GX_LOCK = threading.RLock()  # GX keeps a process-global "current context": one run at a time.


@dataclass
class ValidationOutcome:
    passed: pl.DataFrame  # rows that pass every row-level expectation (same columns as input)
    failed: pl.DataFrame  # input columns + "failed_expectations" (comma-joined rule names)
    table_success: bool  # all table-level expectations passed (False => the flow must fail)
    results: list[dict] = field(default_factory=list)  # one per expectation, see _result_row
    data_docs_index: Path | None = None  # index.html of the Data Docs site, if data_docs_dir

    @property
    def success(self) -> bool:
        return self.table_success and self.failed.height == 0


# ----------------------------------------------------------------------------------------------
# Suites (as code)
# ----------------------------------------------------------------------------------------------


def rule_name(expectation: Any) -> str:
    """``<expectation type>[<label>]``: the name used in quarantine and in ``results``."""
    kind = getattr(expectation, "expectation_type", None) or expectation.type
    return f"{kind}[{(expectation.meta or {}).get('label', '')}]"


def build_table_suite() -> Any:
    """Table-level rules: a failure means the whole batch is unusable."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    rules: list[Any] = []
    rules.append(
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(FIGURES.staged),
            exact_match=True,
            meta={"label": "figures contract"},
            notes="Exactly the columns of the figures table contract.",
        )
    )
    rules.append(
        gxe.ExpectColumnValuesToBeInTypeList(
            column="value",
            type_list=["float64", "Float64", "float32", "Float32", "double[pyarrow]"],
            meta={"label": "value float"},
            notes="value is a float column (loaded as DOUBLE).",
        )
    )
    rules.append(
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["doc_id", "figure_no"],
            meta={"label": "doc_id figure_no"},
            notes="figure_no is unique within a document (primary key of figures).",
        )
    )
    # Built with the list, not add_expectation(): on a suite whose name is already stored,
    # add_expectation() writes every rule through to the store (slow, and a side effect).
    return gx.ExpectationSuite(
        name=TABLE_SUITE,
        expectations=rules,
        meta={"notes": "gaoxin figures: shape of the batch. Any failure fails the flow."},
    )


def build_row_suite(indicator_codes: Iterable[str]) -> Any:
    """Row-level rules: a row failing any of them is quarantined with the rule names."""
    import great_expectations as gx

    codes = sorted(set(indicator_codes))
    return gx.ExpectationSuite(
        name=ROW_SUITE,
        expectations=[*_vocabulary_rules(codes), *_value_rules(codes), *_evidence_rules()],
        meta={"notes": "gaoxin figures: per-row rules. Failing rows are quarantined."},
    )


def _vocabulary_rules(codes: list[str]) -> list[Any]:
    """The required columns are set, and the coded ones hold known codes."""
    import great_expectations.expectations as gxe

    rules: list[Any] = [gxe.ExpectColumnValuesToNotBeNull(column=col, meta={"label": col}) for col in NOT_NULL_COLUMNS]
    for col, allowed, label in (
        ("unit", UNITS, "unit"),
        ("status", STATUSES, "status"),
        ("qualifier", QUALIFIERS, "qualifier"),
        ("zone_basis", BASES, "zone_basis"),
        ("period_basis", BASES, "period_basis"),
        ("indicator", codes, "indicator taxonomy"),
    ):
        rules.append(gxe.ExpectColumnValuesToBeInSet(column=col, value_set=list(allowed), meta={"label": label}))
    return rules


def _value_rules(codes: list[str]) -> list[Any]:
    """The value is plausible for its unit: ratios 0..100, growth within bounds, whole non-negative counts,
    positive money."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    growth_codes = [c for c in codes if c.endswith(GROWTH_SUFFIX)]
    is_percent = Column("unit") == "percent"
    is_count = Column("unit") == "count"
    ratio_condition = is_percent & Column("indicator").is_not_in(growth_codes) if growth_codes else is_percent
    rules: list[Any] = [
        gxe.ExpectColumnValuesToBeBetween(
            column="value",
            min_value=0,
            max_value=100,
            row_condition=ratio_condition,
            meta={"label": "value percent 0-100"},
            notes="Percent ratios (unit percent, indicator not *_yoy) lie in 0..100.",
        )
    ]
    if growth_codes:
        rules.append(
            gxe.ExpectColumnValuesToBeBetween(
                column="value",
                min_value=GROWTH_MIN,
                max_value=GROWTH_MAX,
                row_condition=Column("indicator").is_in(growth_codes),
                meta={"label": f"value yoy {GROWTH_MIN}-{GROWTH_MAX}"},
                notes="Year-on-year growth in percent: no quantity falls more than 100 %; "
                "more than +10000 % (x101) is not a real yearly growth.",
            )
        )
    return [
        *rules,
        gxe.ExpectColumnValuesToBeBetween(
            column="value",
            min_value=0,
            row_condition=is_count,
            meta={"label": "value count >=0"},
            notes="Counts are non-negative.",
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="value",
            regex=WHOLE_NUMBER_REGEX,
            row_condition=is_count,
            meta={"label": "value count whole"},
            notes="Counts are whole numbers: the value's string rendering (3.0) has no fraction. "
            "Exact below 1e16; larger counts render in exponent form and are flagged.",
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="value",
            min_value=0,
            strict_min=True,
            row_condition=Column("unit") == "CNY",
            meta={"label": "value CNY >0"},
            notes="Money amounts are positive.",
        ),
    ]


def _evidence_rules() -> list[Any]:
    """The evidence is a real span of text, and a document does not report the same figure twice."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="span_end",
            column_B="span_start",
            or_equal=False,
            meta={"label": "span_end>span_start"},
            notes="The evidence span is non-empty.",
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="evidence",
            regex=r"\S",
            meta={"label": "evidence non-blank"},
            notes="The evidence sentence is not empty or blank.",
        ),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=list(DUPLICATE_KEY),
            meta={"label": "duplicate figure"},
            notes="The same figure is not reported twice for a document (nulls compare equal). "
            "All copies are unexpected; quarantine keeps the first copy.",
        ),
    ]


# ----------------------------------------------------------------------------------------------
# GX context plumbing
# ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _dir_lock(directory: Path) -> Iterator[None]:
    """Serialise runs sharing one file-backed GX project across processes (POSIX flock)."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(directory / ".gaoxin_gx.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _get_context(data_docs_dir: Path | None) -> Any:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    if data_docs_dir is None:
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        return context
    context = gx.get_context(mode="file", project_root_dir=str(data_docs_dir))
    # The supported switch for GX's tqdm bars is the project's `progress_bars` variable; persist
    # it once so later runs (and `gx` tooling on this project) stay quiet.
    bars = context.variables.progress_bars
    if not bars or bars.get("globally", True) or bars.get("metric_calculations", True):
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        context.variables.save()
    return context


def _batch_definition(context: Any) -> Any:
    try:
        datasource = context.data_sources.get(DATASOURCE)
    except (KeyError, LookupError, ValueError):
        datasource = context.data_sources.add_pandas(name=DATASOURCE)
    try:
        asset = datasource.get_asset(ASSET)
    except LookupError:
        asset = datasource.add_dataframe_asset(name=ASSET)
    try:
        return asset.get_batch_definition(BATCH_DEFINITION)
    except KeyError:
        return asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)


def _upsert_suite(context: Any, suite: Any, fresh: bool) -> Any:
    """Add the suite, or update the stored one only when its rules changed (file projects)."""
    from great_expectations.exceptions import DataContextError

    if fresh:
        return context.suites.add(suite)
    try:
        existing = context.suites.get(suite.name)
    except DataContextError:
        return context.suites.add(suite)
    if _fingerprint(existing) == _fingerprint(suite):
        return existing
    return context.suites.add_or_update(suite)


def _fingerprint(suite: Any) -> tuple:
    """The rules of a suite, ignoring ids and GX bookkeeping (Expectation == compares ids)."""
    rules = sorted(
        json.dumps(
            {"type": e.expectation_type, **e.dict(exclude={"id", "rendered_content"})},
            sort_keys=True,
            default=str,
        )
        for e in suite.expectations
    )
    return tuple(rules), (suite.meta or {}).get("notes")


def _get_or_add(factory: Any, name: str, build: Any, fresh: bool) -> Any:
    from great_expectations.exceptions import DataContextError

    if not fresh:
        try:
            return factory.get(name)
        except DataContextError:
            pass
    return factory.add(build())


def _run_checkpoint(context: Any, pdf: Any, indicator_codes: Iterable[str], run_name: str, data_docs: bool) -> Any:
    """Register suites, validation definitions and the checkpoint (add-or-update), then run it.

    ``data_docs`` False means a fresh ephemeral context: plain ``add``, no Data Docs action.
    In a file project the objects are reused across runs; a suite is rewritten only when its
    rules changed (e.g. the taxonomy grew), keeping its id so the definitions stay valid.
    """
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
    )

    fresh = not data_docs
    validation_definitions = _validation_definitions(context, indicator_codes, fresh)
    checkpoint = _checkpoint(context, validation_definitions, fresh)
    run_id = RunIdentifier(run_name=run_name, run_time=dt.datetime.now(dt.UTC))
    result = checkpoint.run(batch_parameters={"dataframe": pdf}, run_id=run_id)
    if data_docs:
        identifiers: list[Any] = list(result.run_results)
        identifiers += [ExpectationSuiteIdentifier(name=vd.suite.name) for vd in validation_definitions]
        context.build_data_docs(site_names=[SITE_NAME], resource_identifiers=identifiers)
    return result


def _validation_definitions(context: Any, indicator_codes: Iterable[str], fresh: bool) -> list[Any]:
    """One validation definition per suite, over the whole frame; the suites stored or updated first."""
    import great_expectations as gx

    batch_definition = _batch_definition(context)
    validation_definitions = []
    for suite in (build_table_suite(), build_row_suite(indicator_codes)):
        suite = _upsert_suite(context, suite, fresh)
        validation_definitions.append(
            _get_or_add(
                context.validation_definitions,
                suite.name,
                lambda s=suite: gx.ValidationDefinition(name=s.name, data=batch_definition, suite=s),
                fresh,
            )
        )
    return validation_definitions


def _checkpoint(context: Any, validation_definitions: list[Any], fresh: bool) -> Any:
    """The checkpoint running both validation definitions; a stored one is rewritten if its shape changed."""
    import great_expectations as gx

    # No UpdateDataDocsAction: the action rebuilds the site (static assets + index) once per
    # validation definition; one build_data_docs() for both results (_run_checkpoint) does the same work once.
    actions: list[Any] = []
    result_format = {"result_format": "COMPLETE"}
    checkpoint = _get_or_add(
        context.checkpoints,
        CHECKPOINT,
        lambda: gx.Checkpoint(
            name=CHECKPOINT,
            validation_definitions=validation_definitions,
            actions=actions,
            result_format=result_format,
        ),
        fresh,
    )
    if not fresh and (
        [vd.name for vd in checkpoint.validation_definitions] != [vd.name for vd in validation_definitions]
        or list(checkpoint.actions) != actions
    ):  # the checkpoint's shape changed in code: rewrite it
        checkpoint.validation_definitions = validation_definitions
        checkpoint.actions = actions
        checkpoint.result_format = result_format
        checkpoint = context.checkpoints.add_or_update(checkpoint)
    return checkpoint


def _jsonable(obj: Any) -> Any:
    return json.loads(json.dumps(obj, default=lambda o: o.item() if hasattr(o, "item") else str(o)))


def _result_row(suite: str, r: Any, n_rows: int) -> dict:
    cfg = r.expectation_config
    kwargs = dict(cfg.kwargs)
    kind = SUITE_KIND[suite]
    res = r.result or {}
    column = kwargs.get("column")
    if column is None and "column_A" in kwargs:
        column = f"{kwargs['column_A']},{kwargs['column_B']}"
    if column is None and "column_list" in kwargs:
        column = ",".join(kwargs["column_list"])
    details: dict[str, Any] = {}
    for key in ("observed_value", "partial_unexpected_list", "unexpected_percent", "missing_count"):
        if key in res and res[key] is not None:
            details[key] = res[key]
    if "unexpected_index_list" in res:
        details["unexpected_index_list"] = list(res["unexpected_index_list"] or [])
    if cfg.kwargs.get("row_condition") is not None:
        details["row_condition"] = repr(cfg.kwargs["row_condition"])
    exc = r.exception_info or {}
    if exc.get("raised_exception"):
        details["exception"] = exc.get("exception_message")
    if cfg.notes:
        details["notes"] = cfg.notes
    element_count = res.get("element_count")
    return {
        "suite": suite,
        "expectation": rule_name(cfg),
        "column": column,
        "kind": kind,
        "success": bool(r.success),
        "element_count": int(element_count) if element_count is not None else n_rows,
        "unexpected_count": (
            int(res["unexpected_count"])
            if res.get("unexpected_count") is not None
            else (None if kind == "table" else 0)
        ),
        "details": _jsonable(details),
    }


def _data_docs_index(context: Any) -> Path | None:
    index = Path(context.root_directory) / "uncommitted" / "data_docs" / SITE_NAME / "index.html"
    if index.exists():
        return index
    for site in context.get_docs_sites_urls(site_name=SITE_NAME):
        url = site.get("site_url") or ""
        if url.startswith("file://"):
            return Path(url.removeprefix("file://"))
    return None


# ----------------------------------------------------------------------------------------------
# Public entry point
# ----------------------------------------------------------------------------------------------


def validate_figures(
    df: pl.DataFrame,
    indicator_codes: Iterable[str],
    data_docs_dir: Path | None = None,
    run_name: str | None = None,
) -> ValidationOutcome:
    """Validate figure rows about to be loaded; split them into passed and quarantined rows.

    ``indicator_codes``: the taxonomy's allowed codes (base codes and their ``_yoy`` variants).
    ``data_docs_dir``: root of a file-backed GX project (created on first use, reused after);
    the checkpoint then updates its Data Docs at ``<dir>/gx/uncommitted/data_docs/local_site/``.
    Without it an in-memory GX context is used and nothing is written.
    """
    if df.height == 0 and df.width == 0:  # "no figures" produced without a schema
        df = FIGURES.empty()
    result, index = _check(df, list(indicator_codes), data_docs_dir, run_name)
    checked = [(_result_row(vr.suite_name, r, df.height), r) for vr in result.run_results.values() for r in vr.results]
    results = [row for row, _ in checked]

    table_failures = [r["expectation"] for r in results if r["kind"] == "table" and not r["success"]]
    if table_failures:
        failed = df.with_columns(pl.lit(",".join(table_failures)).alias("failed_expectations"))
        return ValidationOutcome(df.head(0), failed, False, results, index)

    reasons = _row_failures(df, checked)
    bad = sorted(reasons)
    mask = pl.Series("bad", [i in reasons for i in range(df.height)], dtype=pl.Boolean)
    failed = df.filter(mask).with_columns(
        pl.Series("failed_expectations", [",".join(reasons[i]) for i in bad], dtype=pl.String)
    )
    return ValidationOutcome(df.filter(~mask), failed, True, results, index)


def _check(
    df: pl.DataFrame, codes: list[str], data_docs_dir: Path | None, run_name: str | None
) -> tuple[Any, Path | None]:
    """Run the checkpoint on the rows; return GX's result and the Data Docs index (with `data_docs_dir`)."""
    pdf = df.to_pandas()
    pdf.index = range(len(pdf))  # RangeIndex: GX's unexpected_index_list == row positions
    run_name = run_name or f"figures-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}"
    with _GX_LOCK, _dir_lock(Path(data_docs_dir)) if data_docs_dir is not None else contextlib.nullcontext():
        context = _get_context(Path(data_docs_dir) if data_docs_dir is not None else None)
        result = _run_checkpoint(context, pdf, codes, run_name, data_docs=data_docs_dir is not None)
        return result, _data_docs_index(context) if data_docs_dir is not None else None


def _row_failures(df: pl.DataFrame, checked: list[tuple[dict, Any]]) -> dict[int, list[str]]:
    """The row-level rules each row position broke (a later duplicate's copy only, for the duplicate rule)."""
    reasons: dict[int, list[str]] = {}
    for row, r in checked:
        if row["kind"] != "row" or row["success"]:
            continue
        positions = list((r.result or {}).get("unexpected_index_list") or [])
        if not positions and row["details"].get("exception"):
            raise RuntimeError(f"GX could not evaluate {row['expectation']}: {row['details']['exception']}")
        if row["expectation"] == DEDUP_RULE:
            positions = _later_duplicates(df, positions)
            row["details"]["quarantined_index_list"] = positions
        for pos in positions:
            reasons.setdefault(int(pos), []).append(row["expectation"])
    return reasons


def _later_duplicates(df: pl.DataFrame, positions: list[int]) -> list[int]:
    """Of the rows GX flagged as duplicates, all but the first of each duplicate group."""
    if not positions:
        return []
    flagged = df.select(DUPLICATE_KEY).with_row_index("_pos").filter(pl.col("_pos").is_in(positions))
    keep_first = flagged.select(pl.col("_pos").min().over(list(DUPLICATE_KEY)).alias("_first"), "_pos")
    return sorted(int(p) for p, f in zip(keep_first["_pos"], keep_first["_first"], strict=True) if p != f)
