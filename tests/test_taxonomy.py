"""taxonomy.yaml is checked when loaded: every mistake is reported with the entry it is in, all of them at
once; the shipped taxonomy loads."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from transforms.extract import TAXONOMY_PATH, Taxonomy, load_taxonomy
from transforms.taxonomy_check import TaxonomyError, check_taxonomy

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


@pytest.mark.parametrize("edit, message", [
    (_alias("high_tech_enterprises", 2, "高新(技术企业"),
     "taxonomy.yaml: indicators.high_tech_enterprises.aliases[2]: does not compile: "
     "missing ), unterminated subpattern at position 2"),
    (_set("indicators", "rd_intensity", "unit", "percentage"),
     "taxonomy.yaml: indicators.rd_intensity.unit: 'percentage' is not one of CNY, count, percent"),
    (_delete("growth"), "taxonomy.yaml: growth: missing (required)"),
    (_delete("indicators", "gdp", "unit"), "taxonomy.yaml: indicators.gdp.unit: missing (required)"),
    (_set("indicators", "gdp", "alises", ["GDP"]), "taxonomy.yaml: indicators.gdp.alises: unknown key"),
    (_set("growth", "manor", "的增速"), "taxonomy.yaml: growth.manor: unknown key"),
    (_set("indicators", "revenue", "aliases", "营业收入"),
     "taxonomy.yaml: indicators.revenue.aliases: expected a non-empty list, got str '营业收入'"),
    (_set("indicators", "revenue", "yoy", "yes"), "taxonomy.yaml: indicators.revenue.yoy: expected true or false"),
    (_set("max_gap", "16"), "taxonomy.yaml: max_gap: expected a positive integer, got str '16'"),
    (_set("blockers", 3, 7), "taxonomy.yaml: blockers[3]: expected a pattern (a non-empty string), got int 7"),
    (_set("status", "target_after", "[的目标"), "taxonomy.yaml: status.target_after: does not compile: "
                                                "unterminated character set at position 0"),
    (_set("qualifiers", "before", "约", "≈"), "taxonomy.yaml: qualifiers.before.约: '≈' is not one of =, ~, >, >=, <"),
    (_set("tables", "units", "亿元", ["RMB", 100000000]),
     "taxonomy.yaml: tables.units.亿元[0]: 'RMB' is not one of CNY, count, percent"),
    (_set("tables", "units", "亿元", ["CNY"]), "taxonomy.yaml: tables.units.亿元: expected a pair [a, b]"),
    (_set("entities", "leading_verbs", []), "taxonomy.yaml: entities.leading_verbs: expected a non-empty list"),
    (_set("share_clauses", 0, "of", "rd_spending"),
     "taxonomy.yaml: share_clauses[0].of: 'rd_spending' is not an indicator code"),
])
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
        "firm", "indicators.gdp.aliases[4]", "indicators.gdp.unit", "subject_stopword"]
    assert len(str(caught.value).splitlines()) == 4
    assert isinstance(caught.value, ValueError)


def test_not_a_mapping_or_not_yaml(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text("- indicators\n", encoding="utf-8")
    assert "taxonomy.yaml: the file: expected a mapping, got list" in problems_of(path)
    path.write_text("indicators: [\n", encoding="utf-8")
    assert "taxonomy.yaml: not valid YAML" in problems_of(path)

