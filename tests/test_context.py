"""The context model (transforms/context.py) and how figures resolve their zone and period against it.

One test per failure class of issue 10, on short paraphrases (unit tests, not estimates: the real-page
batches in tests/real_pages are what the README quotes), plus the bases each figure records.
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract import extract_figures
from transforms.model import Article, CleanedDocument
from transforms.places import default_places
from transforms.zones import default_gazetteer


def doc(text, date=None, title=None, source=None):
    return CleanedDocument(clean_text=text, title=title, published_date=date, source=source, articles=[])


def found(text, **kw):
    return {(f.indicator, f.value): f for f in extract_figures(doc(text, **kw))}


def test_a_review_published_next_year_is_about_the_year_its_head_names():
    text = (
        "经济向好 2023年西安高新区GDP突破3300亿元大关\n"
        "[摘要]行至新一年,回看2023,奋斗创造奇迹。\n"
        "这一年,西安高新区实现大跨越。\n"
        "GDP同比增长8.1%,达3332.55亿元,多项指标领跑全市。\n"
    )
    f = found(text, date=dt.date(2024, 2, 29))[("gdp", 3.33255e11)]
    assert (f.zone, f.period_year, f.status) == ("西安高新区", 2023, "actual")
    assert (f.zone_basis, f.period_basis) == ("article", "article")


def test_a_statistical_bulletin_title_dates_every_figure_of_the_page():
    text = (
        "微信\n通知公告\n2020年潍坊高新区国民经济和社会发展统计公报\n"
        "2020年,面对突如其来的疫情,潍坊高新区坚持发展高新技术产业,经济实现快速增长。\n"
        "一、综合\n经济发展稳步增长。初步核算,全区地区生产总值(GDP)543.62亿元,按可比价计算同比增长7.3%。\n"
    )
    figures = found(text, date=dt.date(2021, 6, 17))
    gdp, growth = figures[("gdp", 5.4362e10)], figures[("gdp_yoy", 7.3)]
    assert (gdp.zone, gdp.period_year, growth.period_year) == ("潍坊高新区", 2020, 2020)
    assert (gdp.zone_basis, gdp.period_basis) == ("document", "document")


def test_a_bulletin_naming_only_its_district_takes_the_zone_of_its_source_city():
    text = "高新区(新北区)2011年国民经济和社会发展统计公报\n全区实现地区生产总值820.5亿元,比上年增长14.1%。\n"
    f = found(text, source="常州市统计局")[("gdp", 8.205e10)]
    assert (f.zone, f.period_year) == ("常州高新区", 2011)


def test_an_undated_page_opening_with_a_year_is_about_that_year():
    text = (
        "2014年,合肥高新区主动适应经济发展新常态,各项工作稳步推进。\n"
        "刚刚过去的一年里,合肥高新区完成地区生产总值444.7亿元,增速11.8%。\n"
    )
    f = found(text)[("gdp", 4.447e10)]
    assert (f.zone, f.period_year) == ("合肥高新区", 2014)
    assert f.period_basis == "article"


def test_a_forward_paragraph_in_quotes_is_this_years_target():
    text = (
        "2020年成都高新区生产总值突破2400亿元。\n"
        "“2021年,成都高新区将提升产业链水平,力争全年实现地区生产总值2600亿元,增长8.5%。”负责人表示。\n"
    )
    figures = found(text, date=dt.date(2021, 3, 12))
    assert (figures[("gdp", 2.6e11)].period_year, figures[("gdp", 2.6e11)].status) == (2021, "target")
    assert figures[("gdp_yoy", 8.5)].period_year == 2021


@pytest.mark.parametrize("reference", ["全区", "高新区", "园区", "本区", "我区"])
def test_bare_references_take_the_pages_zone_not_an_aggregate_named_elsewhere(reference):
    text = (
        f"宝鸡高新区发展纪实\n宝鸡高新区在全国169家国家高新区中排名第60位。\n{reference}电子信息产业完成产值300亿元。\n"
    )
    f = found(text, date=dt.date(2023, 8, 1))[("industrial_output", 3e10)]
    assert (f.zone, f.zone_basis) == ("宝鸡高新区", "article")


def test_this_zone_refers_to_the_zone_named_last():
    text = (
        "济南高新区前三季度营业收入增长12.9%。\n"
        "威海火炬高新区经济运行平稳。初步核算,前三季度,该区地区生产总值同比增长9.2%。\n"
    )
    f = found(text, date=dt.date(2021, 10, 30))[("gdp_yoy", 9.2)]
    assert f.zone == "威海火炬高新区"


def test_zones_missing_from_the_gazetteer_come_by_pattern():
    gaz = default_gazetteer()
    assert [z.zone for z in gaz.find("推动宜宾高新区发展,四川省宜宾市高新区")] == ["宜宾高新区", "宜宾高新区"]
    assert [z.zone for z in gaz.find("近日,高新区(滨江)发布数据")] == ["杭州高新区"]
    assert [z.zone for z in gaz.find("马鞍山高新区")] == ["马鞍山高新区"]  # not 鞍山高新区
    assert gaz.find("陕西省高新区") == []  # a province's zones, not a zone
    f = found("2018年,宜宾高新区实现营业总收入480亿元。", date=dt.date(2019, 3, 1))[("revenue", 4.8e10)]
    assert (f.zone, f.zone_basis) == ("宜宾高新区", "clause")


def test_districts_cities_and_provinces_are_not_zones():
    text = (
        "下一个破万亿的区\n中关村科技园区的核心区在海淀区。\n"
        "2020年,北京市GDP为36102.6亿元,同比增长1.2%。其中海淀区GDP为8504.6亿元。\n"
    )
    figures = found(text, date=dt.date(2022, 1, 14))
    beijing, haidian = figures[("gdp", 3.61026e12)], figures[("gdp", 8.5046e11)]
    assert (beijing.zone, beijing.subject, beijing.zone_basis) == (None, "北京市", "none")
    assert (haidian.zone, haidian.subject) == (None, "海淀区")


def test_a_city_heading_a_firms_name_is_not_the_city_of_the_zone():
    text = "深圳市三俊电池有限公司与高新区签订投资协议。截至12月15日,高新区已入驻企业64家。"
    assert found(text)[("settled_enterprises", 64)].zone is None
    assert (
        found("大连市召开会议。截至12月15日,高新区已入驻企业64家。")[("settled_enterprises", 64)].zone == "大连高新区"
    )


def test_a_provinces_counted_zones_are_a_group_and_a_zone_they_leave_out_is_not_the_pages():
    text = (
        "7月24日,湖北省上半年高新区经济形势分析会上:1月至6月,湖北省20个高新区(未含潜江高新区)实现规模以上工业"
        "总产值6742亿元,同比增长26.8%;实现规模以上工业增加值2066亿元,同比增长26.3%。"
    )
    figures = found(text, title=None)
    assert {f.zone for f in figures.values()} == {None}


def test_a_part_of_the_national_zones_is_a_group():
    text = "2014年国家高新区实现营业总收入22.7万亿元。其中56个国家高新区营业收入超过1000亿元。"
    figures = found(text, title=None)
    assert (figures[("revenue", 2.27e13)].zone, figures[("revenue", 1e11)].zone) == ("国家高新区", None)


def test_a_province_label_after_the_zone_does_not_take_its_figure():
    f = found("截至2021年底,绍兴高新区拥有浙江省科技型中小企业1453家。")[("tech_smes", 1453)]
    assert f.zone == "绍兴高新区"


def test_groups_of_zones_are_no_zone():
    text = (
        "全省高新区上半年实现营业收入13977.46亿元。营业收入中,8个国家高新区实现营业收入7831.36亿元。\n"
        "去年四川省4个国家高新区工业总产值逾3500亿元。\n"
    )
    figures = found(text, date=dt.date(2021, 8, 3))
    assert {
        figures[k].zone for k in [("revenue", 1.397746e12), ("revenue", 7.83136e11), ("industrial_output", 3.5e11)]
    } == {None}


def test_a_parenthetical_year_does_not_set_the_sentences_period():
    figures = extract_figures(
        doc("西安高新区高新技术企业达到1800家(2001年时15家),研发平台300个。", date=dt.date(2024, 9, 1))
    )
    assert [(f.indicator, f.value, f.period_year) for f in figures if f.value != 15] == [
        ("high_tech_enterprises", 1800, 2024),
        ("rd_platforms", 300, 2024),
    ]


def test_a_chronicles_state_reached_is_actual():
    text = "至2005年,济南高新区拥有各类企业3000多家,共有浪潮集团等高新技术企业239家。"
    f = found(text)[("high_tech_enterprises", 239)]
    assert (f.zone, f.period_year, f.status) == ("济南高新区", 2005, "actual")
    assert found("到2025年,济南高新区高新技术企业达到2000家。")[("high_tech_enterprises", 2000)].status == "target"


def test_a_list_after_its_intro_keeps_the_intros_year():
    text = (
        "发布会通报了以下经济发展数据——2016年,聊城高新区实现生产总值46.34亿元。\n"
        "规模以上工业企业实现总产值121.7亿元,比上年增长12.77%;\n"
    )
    f = found(text, date=dt.date(2017, 6, 30))[("above_scale_industrial_output", 1.217e10)]
    assert (f.period_year, f.period_basis) == (2016, "paragraph")


def test_relative_words_on_an_undated_page_resolve_against_the_year_named_before():
    text = (
        "昨日,东湖高新区2012年工作会召开。\n"
        "去年东湖高新区实现企业总收入3810亿元。今年高新区的发展目标是企业总收入突破5000亿元。\n"
    )
    figures = found(text)
    assert figures[("revenue", 3.81e11)].period_year == 2011
    assert (figures[("revenue", 5e11)].period_year, figures[("revenue", 5e11)].status) == (2012, "target")
    later = found(text.replace("。今年", "。\n今年"))  # 今年 in the paragraph after 去年's: still 2012
    assert (later[("revenue", 5e11)].period_year, later[("revenue", 5e11)].status) == (2012, "target")


def test_an_undated_page_measuring_from_a_year_end_is_about_the_next_year():
    text = "1至9月,高新区实现规上工业总产值405.97亿元。截至9月,高新区市场主体较2023年末净增11152户。"
    f = found(text)[("above_scale_industrial_output", 4.0597e10)]
    assert (f.period_year, f.period) == (2024, "2024M01-M09")
    assert (
        found(text.replace("较2023年末", "较2022年末,较2023年末"))[
            ("above_scale_industrial_output", 4.0597e10)
        ].period_year
        is None
    )  # two baselines: no one year


def test_the_opening_year_is_read_after_a_preamble_of_source_and_date():
    text = (
        "据玉溪市人民政府消息,1月30日,记者从玉溪高新区年度工作会获悉,2025年玉溪高新区经济运行质效稳步提升。\n"
        "绿色食品等产业稳步发展,实现规上工业产值116.1亿元。\n"
    )
    f = found(text)[("above_scale_industrial_output", 1.161e10)]
    assert (f.period_year, f.period_basis) == (2025, "article")


def test_an_opening_that_reviews_a_years_work_is_about_that_year():
    text = (
        "1月20日,中共惠州仲恺高新区委全体(扩大)会议召开。区委书记作报告,总结2021年工作,描摹2022年发展蓝图。\n"
        "一年来,仲恺多项主要经济指标再创新高,其中,规上工业总产值2955.2亿元,增长24.7%。\n"
    )
    assert found(text)[("above_scale_industrial_output", 2.9552e11)].period_year == 2021


def test_a_bare_part_of_a_year_is_of_the_year_the_article_is_about():
    text = (
        "11月5日,高新区召开2020年前三季度经济形势分析会。\n"
        "会议指出,高新区前三季度地区生产总值达205.1亿元、同比增长5.0%。\n"
    )
    f = found(text, date=dt.date(2021, 3, 18))[("gdp", 2.051e10)]  # a repost, published the next year
    assert (f.period_year, f.period) == (2020, "2020M01-M09")
    assert found(text.replace("2020年前三季度", ""), date=dt.date(2021, 3, 18))[("gdp", 2.051e10)].period_year == 2021


def test_a_group_of_zones_named_as_its_demonstration_zone_is_no_zone():
    text = "兰州白银国家高新区综合排名进位\n据统计,2020年兰白自创区地区生产总值预计达到420亿元,比2019年增长5.86%。"
    f = found(text)[("gdp", 4.2e10)]
    assert (f.zone, f.status) == (None, "estimate")


def test_a_press_conference_on_a_years_results_is_about_that_year_and_held_the_next():
    text = (
        "高新区\n本报讯 2月23日下午,在全市2022年经济社会发展成就系列新闻发布会高新区专场上,张立鹏如是介绍。\n"
        "张立鹏说,去年,高新区生产总值完成205.87亿元,增长7.2%。今年力争高新技术企业总数突破170家。\n"
    )
    figures = found(text)
    assert figures[("gdp", 2.0587e10)].period_year == 2022  # 去年 from 2023
    assert figures[("high_tech_enterprises", 170)].period_year == 2023
    reported = (
        "12月27日,市政府新闻办召开新闻发布会,就高新区2023年经济社会发展情况进行专题发布。\n"
        "今年以来,高新区营业收入500亿元。"
    )
    assert found(reported)[("revenue", 5e10)].period_year == 2023


def test_a_city_newspapers_byline_names_the_zone_of_a_page_that_says_only_gaoxinqu():
    text = (
        "第A02版:\n高新区\n力争高新技术企业总数突破170家\n"
        "本报讯(新乡日报全媒体记者刘军旗)2月23日下午,在全市2022年经济社会发展成就系列新闻发布会高新区专场上,"
        "该区负责人如是介绍。\n他说,去年,高新区生产总值完成205.87亿元,增长7.2%。\n"
    )
    figures = found(text)
    gdp, target = figures[("gdp", 2.0587e10)], figures[("high_tech_enterprises", 170)]
    assert (gdp.zone, gdp.zone_basis, gdp.period_year) == ("新乡高新区", "document", 2022)
    assert (target.zone, target.status, target.period_year) == ("新乡高新区", "target", 2023)  # set in 2023
    assert found(text.replace("新乡日报", "人民日报"))[("gdp", 2.0587e10)].zone is None
    # a county-level city's own paper: its zone, a provincial one the gazetteer lacks
    county = "高新区发展态势良好\n上半年,高新区工业总产值483.1亿元,增长6.6%。"
    assert found(county, source="太仓日报")[("industrial_output", 4.831e10)].zone == "太仓高新区"


def test_an_area_heading_a_parks_name_or_a_goal_is_not_the_subject():
    text = (
        "临沂高新区成立于1992年10月。\n获批建设山东省大学科技园,在孵企业724家。锚定全市万亿工业目标,做大做强3大主导产业,"
        "拥有规上工业企业185家。全省首笔科技创新积分贷顺利落地,高新技术企业总数有望达到170家。"
    )
    figures = found(text)
    assert {figures[key].zone for key in figures} == {"临沂高新区"}
    assert (
        found("据统计,我省27个高新技术产业园区完成规模以上工业总产值12210亿元。")[
            ("above_scale_industrial_output", 1.221e12)
        ].zone
        is None
    )


def test_an_ambiguous_day_month_date_line_still_gives_the_year():
    text = (
        "海口国家高新区1-4月营业总收入实现较快增长\n01.06.2017 11:31\n1-4月份园区营业总收入实现79.5亿元,同比增长50.5%。"
    )
    assert found(text)[("revenue", 7.95e9)].period == "2017M01-M04"


def test_every_figure_has_bases_and_none_only_for_an_unknown_value():
    text = "高新区实现营业收入500亿元。\n2022年,西安高新区实现营业收入2000亿元。"
    for f in extract_figures(doc(text)):
        assert (f.zone is None) == (f.zone_basis == "none")
        assert (f.period_year is None) == (f.period_basis == "none")


def test_bulletin_articles_each_get_their_own_context():
    text = "简报\n苏州高新区经济运行\n全区实现营业收入500亿元。\n无锡高新区经济运行\n全区实现营业收入800亿元。\n"
    first = text.index("苏州高新区经济运行")
    second = text.index("无锡高新区经济运行")
    articles = [
        Article(0, None, 0, first),
        Article(1, "苏州高新区经济运行", first, second),
        Article(2, "无锡高新区经济运行", second, len(text)),
    ]
    figures = extract_figures(CleanedDocument(text, "简报", dt.date(2023, 7, 1), None, articles))
    assert [(f.zone, f.value) for f in figures] == [("苏州高新区", 5e10), ("无锡高新区", 8e10)]


def test_places_know_districts_and_their_cities():
    places = default_places()
    assert places.city_of_district["滨江"] == "杭州" and places.city_of_district["新北区"] == "常州"
    assert [a.name for a in places.find_areas("北京市海淀区与江苏省")] == ["北京市", "海淀区", "江苏省"]
    assert places.find_areas("打造科技新城区") == []  # a common noun, not 新城区
