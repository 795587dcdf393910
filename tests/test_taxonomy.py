"""taxonomy.yaml is checked when loaded: every mistake is reported with the entry it is in, all of them at
once; the shipped taxonomy loads; each alias hint (the pre-filter of the alias scan) is in every match."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from transforms.extract import TAXONOMY_PATH, Taxonomy, load_taxonomy
from transforms.taxonomy_check import TaxonomyError, check_taxonomy, is_plain, required_literals, requires

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = yaml.safe_load(TAXONOMY_PATH.read_text(encoding="utf-8"))


def broken(tmp_path: Path, edit) -> Path:
    """A copy of the shipped taxonomy with one edit, written as taxonomy.yaml under tmp_path."""
    data = copy.deepcopy(SHIPPED)
    edit(data)
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems_of(path: Path) -> str:
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    return str(caught.value)


def test_the_shipped_taxonomy_loads():
    taxonomy = load_taxonomy()
    assert isinstance(taxonomy, Taxonomy)
    check_taxonomy(SHIPPED)  # no problem
    assert taxonomy.rules["rd_intensity"].unit == "percent"


def test_a_copy_written_back_loads_the_same(tmp_path):
    # (so that the failures below come from each edit, not from writing the file)
    assert load_taxonomy(broken(tmp_path, lambda data: None)).rules == load_taxonomy().rules


def _set(*keys_and_value):
    *keys, value = keys_and_value

    def edit(data):
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value

    return edit


def _delete(*keys):
    def edit(data):
        for key in keys[:-1]:
            data = data[key]
        del data[keys[-1]]

    return edit


def _alias(code, index, value):
    def edit(data):
        data["indicators"][code]["aliases"][index] = value

    return edit


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            _alias("high_tech_enterprises", 2, "高新(技术企业"),
            "taxonomy.yaml: indicators.high_tech_enterprises.aliases[2]: does not compile: "
            "missing ), unterminated subpattern at position 2",
        ),
        (
            _set("indicators", "rd_intensity", "unit", "percentage"),
            "taxonomy.yaml: indicators.rd_intensity.unit: 'percentage' is not one of CNY, count, percent",
        ),
        (_delete("growth"), "taxonomy.yaml: growth: missing (required)"),
        (_delete("indicators", "gdp", "unit"), "taxonomy.yaml: indicators.gdp.unit: missing (required)"),
        (_set("indicators", "gdp", "alises", ["GDP"]), "taxonomy.yaml: indicators.gdp.alises: unknown key"),
        (_set("growth", "manor", "的增速"), "taxonomy.yaml: growth.manor: unknown key"),
        (
            _set("indicators", "revenue", "aliases", "营业收入"),
            "taxonomy.yaml: indicators.revenue.aliases: expected a non-empty list, got str '营业收入'",
        ),
        (_set("indicators", "revenue", "yoy", "yes"), "taxonomy.yaml: indicators.revenue.yoy: expected true or false"),
        (_set("max_gap", "16"), "taxonomy.yaml: max_gap: expected a positive integer, got str '16'"),
        (_set("blockers", 3, 7), "taxonomy.yaml: blockers[3]: expected a pattern (a non-empty string), got int 7"),
        (
            _set("status", "target_after", "[的目标"),
            "taxonomy.yaml: status.target_after: does not compile: unterminated character set at position 0",
        ),
        (
            _set("qualifiers", "before", "约", "≈"),
            "taxonomy.yaml: qualifiers.before.约: '≈' is not one of =, ~, >, >=, <",
        ),
        (
            _set("tables", "units", "亿元", ["RMB", 100000000]),
            "taxonomy.yaml: tables.units.亿元[0]: 'RMB' is not one of CNY, count, percent",
        ),
        (_set("tables", "units", "亿元", ["CNY"]), "taxonomy.yaml: tables.units.亿元: expected a pair [a, b]"),
        (_set("entities", "leading_verbs", []), "taxonomy.yaml: entities.leading_verbs: expected a non-empty list"),
        (
            _set("share_clauses", 0, "of", "rd_spending"),
            "taxonomy.yaml: share_clauses[0].of: 'rd_spending' is not an indicator code",
        ),
        (
            _set("indicators", "industrial_value_added", "hints", ["规上"]),
            "taxonomy.yaml: indicators.industrial_value_added.hints[0]: '规上' is not a word that every match",
        ),
        (
            _set("growth", "respectively_hint", "同比"),
            "taxonomy.yaml: growth.respectively_hint: '同比' is not a word that every match of growth.respectively",
        ),
    ],
)
def test_a_mistake_is_reported_with_its_entry(tmp_path, edit, message):
    assert message in problems_of(broken(tmp_path, edit))


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    def edit(data):
        data["indicators"]["gdp"]["unit"] = "yuan"
        data["indicators"]["gdp"]["aliases"].append("GDP(")
        del data["firm"]
        data["subject_stopword"] = ["的"]

    path = broken(tmp_path, edit)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    assert sorted(p.split(":")[0] for p in caught.value.problems) == [
        "firm",
        "indicators.gdp.aliases[4]",
        "indicators.gdp.unit",
        "subject_stopword",
    ]
    assert len(str(caught.value).splitlines()) == 4
    assert isinstance(caught.value, ValueError)


def test_not_a_mapping_or_not_yaml(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text("- indicators\n", encoding="utf-8")
    assert "taxonomy.yaml: the file: expected a mapping, got list" in problems_of(path)
    path.write_text("indicators: [\n", encoding="utf-8")
    assert "taxonomy.yaml: not valid YAML" in problems_of(path)


# ---------------------------------------------------------------- hints: words every match contains


@pytest.mark.parametrize(
    "pattern, runs",
    [
        ("工业总产值", ["工业总产值"]),
        ("(?:规(?:模以)?上)?工业(?:实现|完成)?增加值", ["工业", "增加值"]),
        ("规(?:模以)?上[\\u4e00-\\u9fff]{2,8}?(?:制造业|工业)总产值", ["规", "上", "总产值"]),
        ("总?产值", ["产值"]),  # an optional character is not required
        ("产值s*", ["产值"]),
        ("a{2}b", ["b"]),
        ("ab+c", ["ab", "c"]),
        ("研究与试验发展\\s*(?:\\(R&D\\))?\\s*经费", ["研究与试验发展", "经费"]),  # escaped brackets open no group
        ("x[]a)(]y", ["x", "y"]),  # a bracket in a character class opens nothing
        ("产值|营收", []),  # a top-level alternative: no word is required
        ("(?i)GDP", []),
    ],
)
def test_required_literals_are_read_from_the_pattern_text(pattern, runs):
    assert required_literals(pattern) == runs


def _hinted_aliases():
    for code, spec in SHIPPED["indicators"].items():
        for alias in spec["aliases"]:
            if not is_plain(alias):
                for hint in spec.get("hints", []):
                    if requires(alias, hint):
                        yield code, alias, hint


# Phrases that each pattern alias matches, besides the pages below (so that every hint is tried).
PHRASES = [
    "规模以上工业企业实现总产值",
    "规上工业企业完成工业总产值",
    "规上企业累计完成总产值",
    "规上生物制造业总产值",
    "规模以上工业增加值",
    "工业实现增加值",
    "R&D经费内部支出",
    "R&D 投入",
    "R&D支出",
    "研发费用内部投入",
    "研究与试验发展(R&D)经费内部支出",
    "研发经费投入占GDP比重",
    "R&D经费支出占全区地区生产总值的比例",
    "研究与试验发展 (R&D) 经费支出占营业收入比重",
    "规上工业企业",
    "落户的各类企业",
    "企业入驻",
    "在孵企业",
    "孵化了创新企业",
    "孵化科技型中小企业和高新技术企业等企业",
]


def _sample_texts() -> list[str]:
    pages = sorted((ROOT / "tests" / "real_pages").glob("batch_*/*.txt")) + sorted(
        (ROOT / "data" / "sample").glob("*.txt")
    )
    return ["\n".join(PHRASES)] + [p.read_text(encoding="utf-8", errors="replace") for p in pages]


def test_every_match_of_a_hinted_alias_contains_its_hint():
    texts = _sample_texts()
    for code, alias, hint in _hinted_aliases():
        matches = [m.group() for text in texts for m in re.finditer(alias, text)]
        assert matches, (code, alias)
        assert all(hint in m for m in matches), (code, alias, hint, [m for m in matches if hint not in m])


def test_every_match_of_growth_respectively_contains_its_hint():
    taxonomy = load_taxonomy()
    text = "\n".join(_sample_texts()) + "同比分别增长5%、6%,比上年分别下降1%和2%"
    matches = [m.group() for m in taxonomy.growth_respectively.finditer(text)]
    assert len(matches) >= 2
    assert all(taxonomy.respectively_hint in m for m in matches)


def test_each_pattern_alias_is_scanned_with_its_longest_hint_or_everywhere():
    taxonomy = load_taxonomy()
    hints = {pattern.pattern: hint for pattern, _, hint in taxonomy.alias_scans}
    assert hints["(?:规(?:模以)?上)?工业(?:实现|完成)?增加值"] == "增加值"
    assert hints["工业总产值"] == "工业总产值"  # a plain word is its own hint
    assert hints["(?:R&D|研发)\\s*(?:经费)?(?:支出|投入)?(?:强度|占比)"] is None  # no word outside a group
