"""Integrity checks for the zone gazetteer transforms/data/zones.yaml."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

ZONES_PATH = Path(__file__).resolve().parents[1] / "transforms" / "data" / "zones.yaml"

AGGREGATE = "国家高新区"
# Canonical names allowed not to end in 高新区 (documented in the YAML header comment).
SPECIAL_CANONICALS = {"中关村", "苏州工业园区", "杨凌示范区", "黄河三角洲农高区"}


@pytest.fixture(scope="module")
def entries():
    with ZONES_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_zone(entries):
    return {e["zone"]: e for e in entries}


def test_entry_shape(entries):
    for e in entries:
        assert set(e) == {"zone", "province", "aliases"}, e
        assert isinstance(e["zone"], str) and e["zone"].strip() == e["zone"] and e["zone"]
        assert isinstance(e["aliases"], list)
        for a in e["aliases"]:
            assert isinstance(a, str) and a.strip() == a and a, (e["zone"], a)
        if e["zone"] == AGGREGATE:
            assert e["province"] is None
        else:
            assert isinstance(e["province"], str) and e["province"], e["zone"]


def test_zone_count(entries):
    national = [e for e in entries if e["zone"] != AGGREGATE]
    assert 160 <= len(national) <= 185, len(national)


def test_aggregate_entry(by_zone):
    agg = by_zone[AGGREGATE]
    assert {"全国高新区", "全国国家高新区"} <= set(agg["aliases"])


def test_canonical_suffix(entries):
    for e in entries:
        z = e["zone"]
        if z in SPECIAL_CANONICALS:
            continue
        assert z.endswith("高新区"), z


def test_canonical_normal_form(entries):
    # Must already be in the scorer's normal form.
    for e in entries:
        z = e["zone"]
        assert "高新技术产业开发区" not in z, z
        if z != AGGREGATE:
            assert not z.startswith("国家"), z


def test_canonical_unique(entries):
    dup = [z for z, n in Counter(e["zone"] for e in entries).items() if n > 1]
    assert not dup, dup


def test_aliases_unique_across_zones(entries):
    owners = {}
    clashes = []
    for e in entries:
        for a in set(e["aliases"]):
            if a in owners and owners[a] != e["zone"]:
                clashes.append((a, owners[a], e["zone"]))
            owners[a] = e["zone"]
    assert not clashes, clashes


def test_alias_not_other_canonical(entries):
    canon = {e["zone"] for e in entries}
    bad = [(e["zone"], a) for e in entries for a in e["aliases"] if a in canon and a != e["zone"]]
    assert not bad, bad


def test_no_duplicate_alias_within_zone(entries):
    for e in entries:
        assert len(e["aliases"]) == len(set(e["aliases"])), e["zone"]


@pytest.mark.parametrize(
    "zone",
    [
        "荣昌高新区",
        "重庆高新区",
        "成都高新区",
        "无锡高新区",
        "绍兴高新区",
        "潍坊高新区",
        "贵阳高新区",
        "天津滨海高新区",
        "厦门火炬高新区",
        "中关村",
        "武汉东湖高新区",
        "上海张江高新区",
    ],
)
def test_required_zones_present(by_zone, zone):
    assert zone in by_zone


def test_rongchang_aliases(by_zone):
    aliases = set(by_zone["荣昌高新区"]["aliases"])
    assert "重庆荣昌高新技术产业开发区" in aliases
    assert "荣昌国家高新区" in aliases


def test_chongqing_zones_distinct(by_zone):
    cq = set(by_zone["重庆高新区"]["aliases"])
    for other in ("荣昌", "永川", "璧山"):
        assert not any(other in a for a in cq), other
        assert f"{other}高新区" in by_zone


def test_contract_aliases(by_zone):
    assert {"中关村示范区", "中关村科技园区", "中关村国家自主创新示范区", "北京中关村"} <= set(
        by_zone["中关村"]["aliases"]
    )
    assert {"天津高新区", "滨海高新区", "天津滨海高新技术产业开发区"} <= set(by_zone["天津滨海高新区"]["aliases"])
    assert {"厦门高新区", "厦门火炬高技术产业开发区"} <= set(by_zone["厦门火炬高新区"]["aliases"])
    assert {"东湖高新区", "东湖新技术开发区"} <= set(by_zone["武汉东湖高新区"]["aliases"])
    assert {"上海张江", "张江高新区"} <= set(by_zone["上海张江高新区"]["aliases"])
    assert {"西部科学城重庆高新区", "重庆高新技术产业开发区"} <= set(by_zone["重庆高新区"]["aliases"])


def test_no_bare_ambiguous_aliases(entries):
    banned = {"滨海", "火炬", "张江", "光谷", "高新区", "国家高新区"}
    for e in entries:
        assert not banned & set(e["aliases"]), e["zone"]


def test_no_alias_is_plain_city(entries):
    # Every alias must carry a zone marker, not just a place name.
    markers = (
        "高新",
        "开发区",
        "园区",
        "工业园",
        "示范区",
        "科技园",
        "试验区",
        "医药城",
        "光谷",
        "上海张江",
        "北京中关村",
        "农高区",
        "科学城",  # 张江科学城
        "火炬区",  # 中山火炬区
    )
    for e in entries:
        for a in e["aliases"]:
            assert any(m in a for m in markers), (e["zone"], a)
