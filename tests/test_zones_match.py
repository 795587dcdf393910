"""Zone mentions: longest alias wins, canonical names come back, the aggregate needs a count."""

import pytest

from transforms.zones import Gazetteer, default_gazetteer

FIXTURE = [
    {"zone": "国家高新区", "province": None, "aliases": ["全国高新区", "全国国家高新区"]},
    {"zone": "荣昌高新区", "province": "重庆", "aliases": ["荣昌国家高新区", "重庆荣昌高新技术产业开发区"]},
    {"zone": "天津滨海高新区", "province": "天津", "aliases": ["天津高新区", "滨海高新区"]},
]


@pytest.fixture
def gaz():
    return Gazetteer(FIXTURE)


def zones(gaz, text):
    return [m.zone for m in gaz.find(text)]


def test_aliases_map_to_canonical(gaz):
    assert zones(gaz, "赴荣昌国家高新区考察,重庆荣昌高新技术产业开发区") == ["荣昌高新区", "荣昌高新区"]


def test_longest_alias_wins(gaz):
    assert zones(gaz, "天津滨海高新区党委") == ["天津滨海高新区"]


def test_spans_cover_the_mention(gaz):
    text = "今年,荣昌高新区实现"
    m = gaz.find(text)[0]
    assert text[m.start : m.end] == "荣昌高新区"


def test_aggregate_needs_a_count(gaz):
    assert zones(gaz, "169家国家高新区实现营业收入") == ["国家高新区"]
    assert zones(gaz, "全国国家高新区") == ["国家高新区"]
    assert zones(gaz, "“泸内荣永”国家高新区产业联盟") == []
    assert zones(gaz, "全国首个农牧特色国家高新区") == []


def test_aggregate_before_a_count_of_all_of_them(gaz):
    assert zones(gaz, "目前全国共有国家高新区129家,2014年实现营业总收入22.9万亿元") == ["国家高新区"]
    assert zones(gaz, "我省拥有国家高新区8家") == []  # a province's


def test_aggregate_as_field_of_a_rank_is_not_a_mention(gaz):
    assert zones(gaz, "荣昌高新区在全国178家国家高新区中排名第18位") == ["荣昌高新区"]


def test_bare_aggregate_after_a_counted_one_opens_a_clause(gaz):
    assert zones(gaz, "178家国家高新区实现营业收入53.5万亿元。国家高新区内高新技术企业11.5万家") == ["国家高新区"] * 2
    assert zones(gaz, "全国首个农牧特色国家高新区") == []
    assert zones(gaz, "178家国家高新区。全国首个农牧特色国家高新区") == ["国家高新区"]


def test_aggregate_after_a_period_is_the_aggregate(gaz):
    assert zones(gaz, "前4月国家高新区规上工业企业营收增长7.3%") == ["国家高新区"]
    assert zones(gaz, "2023年国家高新区实现营业收入") == ["国家高新区"]
    assert zones(gaz, "2024年,国家高新区实现工业增加值9.8万亿元") == ["国家高新区"]
    assert zones(gaz, "我国国家高新区") == ["国家高新区"]
    assert zones(gaz, "2023年获批国家高新区") == []


def test_aggregate_defined_at_a_clause_start_is_the_aggregate(gaz):
    assert zones(gaz, "国家高新区是指经国务院批准建立的特定区域") == ["国家高新区"]
    assert zones(default_gazetteer(), "国家高新技术产业开发区是指经国务院批准建立的特定区域") == ["国家高新区"]
    assert zones(gaz, "全市唯一的国家高新区是本区") == []


def test_high_tech_development_zone_without_industry_is_a_zone_word():
    found = default_gazetteer().find("(一)贵阳高新技术开发区1.综合实力取得新突破")
    assert [z.zone for z in found] == ["贵阳高新区"]


def test_none_text(gaz):
    assert gaz.find(None) == []


@pytest.mark.parametrize(
    "text, zone",
    [
        ("榮昌", None),
        ("成都高新区", "成都高新区"),
        ("西部科学城重庆高新区", "重庆高新区"),
        ("中关村示范区", "中关村"),
        ("厦门火炬高新区", "厦门火炬高新区"),
        ("天津高新区", "天津滨海高新区"),
        ("阿拉尔高新区", "阿克苏阿拉尔高新区"),  # the short name used in news of the 2023 zone
    ],
)
def test_project_gazetteer(text, zone):
    found = [m.zone for m in default_gazetteer().find(text)]
    assert found == ([zone] if zone else [])
