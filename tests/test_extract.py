"""extract_figures: paraphrases of how Chinese zone news reports statistics, the traps that are not
figures, periods/status/zones/subjects, and the seed documents against their gold labels."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import SHARED
from transforms.extract import extract_figures
from transforms.model import Article, CleanedDocument

ROOT = Path(__file__).resolve().parents[1]
GOLD = SHARED / "gold" / "seeds.csv"
SAMPLES = ROOT / "data" / "sample"


def doc(text, date=dt.date(2022, 7, 1), title="成都高新区新闻", articles=None):
    return CleanedDocument(clean_text=text, title=title, published_date=date, source=None, articles=articles or [])


def figures(text, **kw):
    return extract_figures(doc(text, **kw))


def one(text, **kw):
    found = figures(text, **kw)
    assert len(found) == 1, found
    return found[0]


def facts(text, **kw):
    return [(f.indicator, f.value) for f in figures(text, **kw)]


# ---------------------------------------------------------------- indicators and paraphrases


@pytest.mark.parametrize(
    "text, indicator, value",
    [
        ("高新区实现工业总产值277.06亿元。", "industrial_output", 27706000000),
        ("全年完成工业总产值1.2万亿元。", "industrial_output", 1.2e12),
        ("2023年实现产值60亿元。", "industrial_output", 6e9),
        ("其中规上工业实现总产值263.21亿元。", "above_scale_industrial_output", 26321000000),
        ("规模以上工业总产值达到800亿元。", "above_scale_industrial_output", 8e10),
        ("实现工业增加值320亿元。", "industrial_value_added", 3.2e10),
        ("实现地区生产总值一千零四十二亿元。", "gdp", 1.042e11),
        ("GDP达到2271亿元。", "gdp", 2.271e11),
        ("实现营业收入1,234.5亿元。", "revenue", 1.2345e11),
        ("营收达356.7亿元。", "revenue", 3.567e10),
        ("企业总收入突破4万亿元。", "revenue", 4e12),
        ("园区营收突破万亿元。", "revenue", 1e12),
        ("研发经费支出45.6亿元。", "rd_expenditure", 4.56e9),
        ("R&D经费支出达到109亿元。", "rd_expenditure", 1.09e10),
        ("研发投入强度达3.2%。", "rd_intensity", 3.2),
        ("R&D投入占GDP比重达到5.1%。", "rd_intensity", 5.1),
        ("R&D经费支出占GDP达到4.6%。", "rd_intensity", 4.6),
        ("研发投入占比达到百分之四点一。", "rd_intensity", 4.1),
        ("拥有国家高新技术企业1200余家。", "high_tech_enterprises", 1200),
        ("高企数量达到865家。", "high_tech_enterprises", 865),
        ("拥有1042家国家高新技术企业。", "high_tech_enterprises", 1042),
        ("高新技术企业在册总数达449家。", "high_tech_enterprises", 449),
        ("规上工业企业数达到312家。", "above_scale_industrial_enterprises", 312),
        ("集聚规模以上工业企业592家。", "above_scale_industrial_enterprises", 592),
        ("科技型中小企业1.2万家。", "tech_smes", 12000),
        ("通过国家科技型中小企业评价企业达到1540家。", "tech_smes", 1540),
        ("至今已落户企业57家。", "settled_enterprises", 57),
        ("入驻企业3000余家。", "settled_enterprises", 3000),
        ("近百家企业入驻园区。", "settled_enterprises", 100),
        ("累计入孵企业60家。", "incubated_enterprises", 60),
        ("已培育孵化了朗玛信息、航宇科技等企业 2000 多家。", "incubated_enterprises", 2000),
        ("拥有市级及以上科技研发平台58个。", "rd_platforms", 58),
        ("省级以上科技创新平台累计达295家。", "rd_platforms", 295),
        ("研发费用支出4500亿元。", "rd_expenditure", 4.5e11),
        ("R&D 经费支出 21.6 亿元。", "rd_expenditure", 2.16e9),
        ("入驻各类企业超过1.5万家。", "settled_enterprises", 15000),
        ("实现营收超4000亿,占全市的比重为15%。", "revenue", 4e11),
        ("软件和信息技术服务业业务收入全年完成116.8亿元。", "revenue", 1.168e10),
        ("太原高新区入区企业已达1400多家。", "settled_enterprises", 1400),
        ("入库国科小1435家。", "tech_smes", 1435),
        ("目前入驻园区的企业达425家。", "settled_enterprises", 425),
        ("荣昌高新区现已入驻工业企业512家。", "settled_enterprises", 512),
        ("其中经认定的高新技术企业129家。", "high_tech_enterprises", 129),
    ],
)
def test_paraphrases(text, indicator, value):
    f = one(text)
    assert (f.indicator, f.value) == (indicator, pytest.approx(value))


def test_units_follow_the_indicator():
    assert [f.unit for f in figures("营业收入500亿元,高新技术企业300家,研发投入强度3%。")] == [
        "CNY",
        "count",
        "percent",
    ]


def test_from_to_pair_gives_two_years():
    found = figures("国家高新技术企业从2012年的245家增长到2021年的1042家,增长超4倍。")
    assert [(f.value, f.period_year) for f in found] == [(245, 2012), (1042, 2021)]


def test_undated_from_value_is_dropped_but_the_end_value_kept():
    assert facts("高新技术企业数量由245家增至1042家。") == [("high_tech_enterprises", 1042)]


def test_flow_then_stock_keeps_the_stock():
    assert facts("今年以来,省级以上科技创新平台新增40家,累计达295家。") == [("rd_platforms", 295)]
    assert facts("新培育金诺电气等省级高新技术企业4家,累计达到43家。") == [("high_tech_enterprises", 43)]
    assert facts("高新技术企业总数达到1500家,比上年净增300家。") == [("high_tech_enterprises", 1500)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("今年以来,遵义高新区新增国家高新技术企业80家,总数达到1411家。", 1411),
        ("全年新认定高新技术企业86家,累计达312家。", 312),
        ("净增规上工业企业12家,总量达到245家。", 245),
        ("全年新增规上工业企业192家,存量突破800家。", 800),
    ],
)
def test_stock_word_after_a_flow_alias_gives_the_stock(text, value):
    found = figures(text)
    assert [(f.indicator, f.value) for f in found] == [(found[0].indicator, value)]
    assert found[0].indicator in ("high_tech_enterprises", "above_scale_industrial_enterprises")


@pytest.mark.parametrize(
    "text",
    [
        "遵义高新区新增国家高新技术企业80家,达到1411家。",  # a bare linking verb: the flow may go on
        "已组织37家企业申报高新技术企业,累计达到300家。",  # applications are not a flow of the stock
        "全区人均GDP10万元,总量达到500亿元。",  # negated, but not by a flow word
        "新增高新技术企业80家。总数达到1411家。",  # another sentence
        "新培育金诺电气等省级高新技术企业4家。",  # a flow with examples before its noun
        "新认定华为、中兴等国家高新技术企业50家。",
    ],
)
def test_flow_alias_lends_its_code_only_to_a_stock_word(text):
    assert facts(text) == []


def test_respectively_pairs_aliases_and_numbers_in_order():
    assert facts("营业收入、工业总产值分别达到3200亿元、2100亿元。") == [
        ("revenue", 3.2e11),
        ("industrial_output", 2.1e11),
    ]
    assert facts("高新技术企业和科技型中小企业分别达到1042家和1540家。") == [
        ("high_tech_enterprises", 1042),
        ("tech_smes", 1540),
    ]
    assert facts("累计入库雏鹰、瞪羚以及独角兽企业分别为637家、333家和45家。") == []


def test_bare_value_added_listed_after_an_output_is_industrial():
    assert facts("石油化工产业集群2010年实现产值684.9亿元、增加值190.6亿元。") == [
        ("industrial_output", 6.849e10),
        ("industrial_value_added", 1.906e10),
    ]
    assert facts("增加值两年平均增速8.8%。") == []


def test_respectively_skips_listed_items_that_name_no_indicator():
    text = "地区生产总值、技工贸总收入、工业增加值、财政收入分别达到328亿元、965亿元、261亿元、16亿元。"
    assert facts(text) == [("gdp", 3.28e10), ("revenue", 9.65e10), ("industrial_value_added", 2.61e10)]
    assert facts("地区生产总值、财政收入分别达到328亿元。") == []  # two items, one number: no pairing


def test_respectively_pairs_zones_with_numbers():
    found = figures("东湖高新区、襄阳高新区高新技术企业分别达到4500家和800家。", title=None)
    assert [(f.zone, f.value) for f in found] == [("武汉东湖高新区", 4500), ("襄阳高新区", 800)]


def test_restatement_and_ellipsis_reuse_the_previous_alias():
    assert facts("集成电路产业产值突破千亿元,达到1056亿元。") == [
        ("industrial_output", 1e11),
        ("industrial_output", 1.056e11),
    ]
    found = figures("成都高新区拥有国家高新技术企业3400余家,而重庆高新区仅为1000余家。", title=None)
    assert [(f.zone, f.value) for f in found] == [("成都高新区", 3400), ("重庆高新区", 1000)]


def test_continuation_needs_a_bare_stock_clause():
    assert facts("孵化器在孵企业260家,累计毕业企业150家。") == [("incubated_enterprises", 260)]


def test_headline_repeating_the_body_is_one_figure():
    text = "厦门火炬高新区:集成电路产业规模突破千亿元\n2022年,集成电路产业规模突破千亿元。"
    assert len(figures(text, title="厦门火炬高新区:集成电路产业规模突破千亿元")) == 1


def test_several_indicators_in_one_sentence():
    text = "截至2021年底,绍兴高新区拥有高新技术企业在册总数达449家和浙江省科技型中小企业1453家。"
    assert facts(text) == [("high_tech_enterprises", 449), ("tech_smes", 1453)]


# ---------------------------------------------------------------- growth


def test_growth_after_a_level():
    found = figures(
        "上半年,高新区实现工业总产值277.06亿元,同比增长4.52%;其中规上工业实现总产值263.21亿元,同比增长4.62%。"
    )
    assert [(f.indicator, f.value, f.period) for f in found] == [
        ("industrial_output", 27706000000, "2022H1"),
        ("industrial_output_yoy", 4.52, "2022H1"),
        ("above_scale_industrial_output", 26321000000, "2022H1"),
        ("above_scale_industrial_output_yoy", 4.62, "2022H1"),
    ]


def test_output_after_a_count_of_above_scale_firms_is_theirs():
    assert facts("目前,高新区共有新一代电子信息规上工业企业96家,今年一季度总产值67.02亿元,同比增长11.4%。") == [
        ("above_scale_industrial_enterprises", 96),
        ("above_scale_industrial_output", 6.702e9),
        ("above_scale_industrial_output_yoy", 11.4),
    ]
    assert facts("规模以上工业企业33户,实现总产值较上年同期增长56%。")[-1] == ("above_scale_industrial_output_yoy", 56)


def test_a_threshold_called_a_barrier_and_a_status_word_before_growth():
    assert facts("规上工业总产值首次突破200亿大关,同比增长44%。") == [
        ("above_scale_industrial_output", 2e10),
        ("above_scale_industrial_output_yoy", 44),
    ]
    assert [(f.indicator, f.status) for f in figures("2015年高新区地区生产总值预计增长14%。")] == [
        ("gdp_yoy", "estimate")
    ]


def test_growth_after_a_share_of_a_wider_total_is_the_levels():
    assert facts("国家高新区实现工业增加值9.8万亿元,占全国比重为24.1%,同比名义增长5.8%。") == [
        ("industrial_value_added", 9.8e12),
        ("industrial_value_added_yoy", 5.8),
    ]


def test_growth_right_after_an_alias():
    assert facts("一季度,地区生产总值同比增长6.2%。") == [("gdp_yoy", 6.2)]
    assert facts("GDP同比增长8.1%。") == [("gdp_yoy", 8.1)]


@pytest.mark.parametrize(
    "text",
    [
        "营业收入500亿元,比上年同期增长10%。",
        "营业收入500亿元,较上年增长10%。",
        "营业收入500亿元,增速达10%。",
        "营业收入500亿元,同比名义增长10%。",  # nominal, as national statistics write it
        "营业收入500亿元,实际增长10%。",
    ],
)
def test_growth_phrasings(text):
    assert facts(text) == [("revenue", 5e10), ("revenue_yoy", 10)]


def test_comparison_year_does_not_reset_the_period():
    found = figures("2021年,营业收入500亿元,比上年增长10%;高新技术企业1000家。")
    assert {f.period_year for f in found} == {2021}


@pytest.mark.parametrize("text", ["工业总产值429.6亿元,比增22%。", "工业总产值429.6亿元,同比增22%。"])
def test_shortened_growth_words(text):
    assert facts(text) == [("industrial_output", 4.296e10), ("industrial_output_yoy", 22)]


@pytest.mark.parametrize("text", ["营业收入500亿元,同比下降3.5%。", "营业收入500亿元,同比实际下降3.5%。"])
def test_decline_is_negative(text):
    assert facts(text) == [("revenue", 5e10), ("revenue_yoy", -3.5)]


@pytest.mark.parametrize(
    "text",
    [
        "战略性新兴产业产值分别同比增长15%、20%。",
        "营业收入年均增长15%。",
        "到位资金54.28亿元,同比增长131.4%。",
        "高新技术企业数量增长超4倍。",
    ],
)
def test_growth_without_a_clean_level(text):
    assert figures(text) == []


def test_growth_after_an_absolute_change_and_currency_word():
    assert facts("营业收入420亿元,较去年同期增加38亿元,增速为9.9%。") == [("revenue", 4.2e10), ("revenue_yoy", 9.9)]
    assert facts("营业收入1.5万亿元人民币,同比增长4.5%。") == [("revenue", 1.5e12), ("revenue_yoy", 4.5)]
    assert facts("规上工业总产值286亿元,同比下滑3.2%。") == [
        ("above_scale_industrial_output", 2.86e10),
        ("above_scale_industrial_output_yoy", -3.2),
    ]


def test_count_growth_is_not_reported():
    # gold labels no yoy for counts (通过评价企业达到1540家,同比增长52%)
    assert facts("科技型中小企业达到1540家,同比增长52%。") == [("tech_smes", 1540)]


# ---------------------------------------------------------------- traps


@pytest.mark.parametrize(
    "text",
    [
        "已组织37家企业申报第一批高新技术企业。",
        "新认定高新技术企业120家。",
        "新增高新技术企业200家。",
        "新签约市外项目67个,正式合同额223亿元,亿元以上重大项目40个;到位资金54.28亿元。",
        "新签约项目70个、总投资1075亿元,其中科技类项目占比超80%。",
        "作为首批27个国家高新技术产业开发区之一,173个国家高新区管委会领导共计1100余人参加。",
        "武汉东湖、苏州等9家国家高新区代表汇报,淄博高新区等16家国家高新区发起成立联合体。",
        "打造智能制造、食品加工2个500亿级主导产业,3个100亿级支柱产业。",
        "12个产业集群规模破百亿元,其中超千亿元集群3个,超500亿元集群2个。",
        "“3+1”主导产业集群规模达到244.39亿元,工业集中度达到77.9%。",
        "高新技术产业产值占规模以上工业总产值比重分别达到49.7%、52.5%、70%。",
        "集成电路产值约占全国1/9。",
        "在山东省160个开发区综合考核结果中居第4位。",
        "人均GDP达到15万元,财政总收入50亿元,亩均产值800万元。",
        "营业收入超百亿元企业12家,产值超10亿元的企业20家。",
        "每年设立1亿元高新区发展资金以及7000万元产业引导基金,兑现企业补贴594662万元。",
        "绍兴高新区实现地区生产总值是2012年的4.35倍。",
        "规划面积24平方公里,平场1500亩,电话:(010)88656173,2022年第17期(总第546期)。",
        "营业收入增加50亿元。",
        "高新技术企业占比达45%。",
        "高新区GDP占全市的比重达到25%。",
        "3月底前高新区规上企业复工复产率达100%。",
        "累计上云企业达2057家,规模以上企业智能化改造136家。",
        "拥有浙江省级研发中心94个、浙江省级研究院25家,累计建成院士专家工作站29个。",
        "高新技术企业培育库入库企业300家。",
        "农业总产值50亿元,旅游总收入20亿元。",
        "新建新型研发机构30个。",
        "项目达产后可实现年产值200亿元。",
        "二期建成后年产值可达50亿元。",
        "该项目建成后将推动技术研发与产业应用,预计年产值超24亿元。",
        "引进行业领军企业,累计引进项目75宗,计划总投资812.9亿元,预计总产值1851.4亿元。",
        "专用设备制造业同比增长54.5%,拉动工业增加值增长10.9%。",  # a contribution to growth
        "但工业销售产值完成57.5亿元。",  # sales output is not output
        "今年1月份共完成全社会总产值19.5亿元。",  # gross social output is not industrial output
        "2007年实现财税总收入5亿元。",  # fiscal and tax revenue
        "高新技术企业已经成为衡量一个区域科技创新能力的重要依据。",  # 一个: "a", not a count
        "规上工业企业已建立工程技术中心的159家。",  # the firms that did it: a part
        "省级以上孵化载体总量占全市比重超50%,累计孵化高企突破200家。",  # firms incubated, not a stock
        "数百家企业落户园区。",
        "山东省6家市值过千亿元的企业,潍坊高新区占有2家。",
    ],
)
def test_traps_are_not_figures(text):
    assert figures(text) == []


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("营业收入约500亿元。", "~"),
        ("数字经济核心产业规模达到82.03亿元左右。", "~"),
        ("近百家企业入驻。", "~"),
        ("物联网产业营业收入规模超2300亿元。", ">"),
        ("营业收入超过500亿元。", ">"),
        ("营业收入逾500亿元。", ">"),
        ("入驻企业3000余家。", ">"),
        ("集成电路产值跨过千亿元门槛。", ">="),
        ("营业收入突破500亿元。", ">="),
        ("高新技术企业1000家以上。", ">="),
        ("营业收入不足500亿元。", "<"),
        ("营业收入500亿元。", "="),
    ],
)
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "text, year, period",
    [
        ("2021年,高新区实现营业收入500亿元。", 2021, "2021"),
        ("截至2021年底,高新技术企业1042家。", 2021, "2021"),
        ("今年,高新区实现营业收入500亿元。", 2022, "2022"),
        ("去年,园区实现工业总产值800亿元。", 2021, "2021"),
        ("上半年,高新区实现营业收入500亿元。", 2022, "2022H1"),
        ("前三季度,高新区实现营业收入900亿元。", 2022, "2022M01-M09"),
        ("1-5月,高新区完成工业总产值180亿元。", 2022, "2022M01-M05"),
        ("一季度,高新区完成工业总产值80亿元。", 2022, "2022Q1"),
        ("2016年第一季度,园区地区生产总值达25亿元。", 2016, "2016Q1"),
        ("2016年1-3季度,园区地区生产总值达25亿元。", 2016, "2016M01-M09"),
        ("到“十四五”末,营业收入达到5000亿元。", 2025, "2025"),
        ("目前,高新区拥有研发平台58个。", 2022, "2022"),
        ("高新区拥有研发平台58个。", 2022, "2022"),  # present tense: the publication year
    ],
)
def test_periods(text, year, period):
    f = one(text)
    assert (f.period_year, f.period) == (year, period)


def test_bare_full_year_is_the_whole_year_of_the_cue_before():
    found = figures("上半年,营业收入500亿元。预计全年营业收入将超过1100亿元。")
    assert [(f.period, f.status) for f in found] == [("2022H1", "actual"), ("2022", "estimate")]


def test_year_carries_through_the_paragraph_but_not_baselines():
    text = (
        "2021年,绍兴高新区实现地区生产总值1185.26亿元,是2012年的4.35倍,年均增幅达到17%以上;"
        "集聚规模以上工业企业592家,较2012年新增462家。"
    )
    assert [(f.indicator, f.value, f.period_year) for f in figures(text)] == [
        ("gdp", 118526000000, 2021),
        ("above_scale_industrial_enterprises", 592, 2021),
    ]


def test_paragraph_lead_year_carries_to_later_sentences():
    text = "2021年,无锡高新区战略性新兴产业分别同比增长15%、20%。无锡高新区物联网产业营业收入规模超2300亿元。"
    assert one(text).period_year == 2021


def test_relative_period_without_a_date_is_null():
    f = one("今年上半年,高新区实现营业收入300亿元。", date=None)
    assert (f.period_year, f.period) == (None, None)


def test_undated_text_is_dated_by_a_last_year_anchor():
    text = "去年底高新区获评“2019年度中国营商环境十佳经济开发区”。\n上半年,高新区实现工业总产值277.06亿元。"
    assert one(text, date=None).period_year == 2020


@pytest.mark.parametrize(
    "text, year",
    [
        ("截至2018年底,全区现有在孵企业298家。", 2018),
        ("截至2019年末,成都高新区目前拥有高新技术企业3400家。", 2019),
        ("截至2018年底,全区营收100亿元。目前拥有在孵企业300家。", 2022),  # another sentence: now
        ("截至2018年底,全区今年现有在孵企业298家。", 2022),  # another cue in between
    ],
)
def test_state_word_after_an_as_of_date_keeps_that_date(text, year):
    assert figures(text)[-1].period_year == year


def test_an_undated_page_is_dated_by_an_event_it_says_is_held():
    text = "北京商报讯 5月29日,2023中关村论坛金融科技平行论坛举办。截至目前,全区现有高新技术企业总数达到9764家。"
    assert [(f.indicator, f.period_year) for f in figures(text, date=None, title=None)] == [
        ("high_tech_enterprises", 2023)
    ]


def test_wire_dateline_later_than_publication_means_last_year():
    text = "人民网重庆12月1日电 今年以来,重庆高新区科技创新平台累计达295家。"
    assert one(text, date=dt.date(2021, 1, 7)).period_year == 2020


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    "text, status",
    [
        ("到2022年高新区建成区面积突破25平方公里,工业总产值达到1200亿元。", "target"),
        ("到2025年,高新技术企业达到2000家。", "target"),
        ("力争营业收入突破3000亿元。", "target"),
        ("2025年营业收入将达到5000亿元。", "target"),
        ("园区实现营业收入500亿元的目标。", "target"),
        ("预计高新区研发投入占比达到4.1%。", "estimate"),
        ("全年营业收入有望突破500亿元。", "estimate"),
        ("预计全年规上工业产值将超过3300亿元。", "estimate"),
        ("截止到2016年第一季度,园区地区生产总值达25亿元。", "actual"),  # as of, not a deadline
        ("2015年的主要目标是:产业增加值增长11%;规模以上工业增加值增长12%。", "target"),  # a list of targets
        ("今年全省高新区营业收入增长力争超10%。", "target"),
        ("到“十四五”末,营业收入达到5000亿元。", "target"),
        ("地区生产总值从2012年的1195亿元增长到2021年的2271亿元;R&D经费支出占GDP达到4.6%。", "actual"),
        ("围绕发展目标,高新区实现营业收入500亿元。", "actual"),
    ],
)
def test_status(text, status):
    assert figures(text)[-1].status == status


def test_status_cue_does_not_cross_a_semicolon():
    found = figures("预计兑现各类补贴等1980万元;高新区实现营业收入500亿元。")
    assert [(f.indicator, f.status) for f in found] == [("revenue", "actual")]


# ---------------------------------------------------------------- zones and subjects


def test_nearest_zone_in_the_sentence_wins():
    text = "重庆高新区拥有研发平台285个,成都高新区科技创新平台累计达295家。"
    assert [f.zone for f in figures(text, title=None)] == ["重庆高新区", "成都高新区"]


def test_bare_gaoxinqu_refers_back_to_the_paragraph_zone():
    text = "今年以来,荣昌高新区通过统筹抓好招商引资等工作:上半年,高新区实现工业总产值277.06亿元。"
    assert one(text, title=None).zone == "荣昌高新区"


def test_zone_falls_back_to_the_article_title_then_document_title():
    text = "潍坊高新区:冲刺一流\n十年来成绩斐然。\n无锡高新区:构建新兴产业策源地\n国家高新技术企业1042家。"
    articles = [Article(0, "潍坊高新区:冲刺一流", 0, 15), Article(1, "无锡高新区:构建新兴产业策源地", 15, len(text))]
    f = one(text, title="火炬动态", articles=articles)
    assert (f.zone, f.article_no) == ("无锡高新区", 1)
    assert one("高新技术企业1042家。", title="赴荣昌国家高新区考察交流").zone == "荣昌高新区"


def test_a_zone_held_up_as_a_model_is_not_the_subject():
    text = "会上,全区学习借鉴了苏州工业园区的经验。今年以来,我区实现营业收入520亿元。"
    assert one(text, title="嘉兴高新区举办创新发展大会").zone == "嘉兴秀洲高新区"


def test_zone_name_is_not_a_park():
    assert one("苏州工业园区实现地区生产总值3330亿元。", title=None).subject == "苏州工业园区"


def test_no_zone_when_the_text_never_says():
    assert one("高新技术企业1042家。", title=None).zone is None


def test_national_aggregate():
    f = one("169家国家高新区实现营业收入48.5万亿元。", title=None)
    assert (f.zone, f.subject) == ("国家高新区", "国家高新区")


@pytest.mark.parametrize(
    "text, subject",
    [
        ("无锡高新区物联网产业营业收入规模超2300亿元。", "物联网产业"),
        ("无锡高新区集成电路产值跨过千亿元门槛。", "集成电路产业"),
        ("以集成电路制造为核心的数字经济核心产业规模达到82.03亿元左右。", "数字经济核心产业"),
        ("重庆电子电路产业园的建设成效显著,至今已落户企业57家。", "重庆电子电路产业园"),
        ("推动提升“古思特创客空间”孵化能力,累计入孵企业60家。", "古思特创客空间"),
        ("贵阳高新区创业服务中心是科技企业孵化器,已培育孵化了朗玛信息等企业 2000 多家。", "贵阳高新区创业服务中心"),
        ("高新区实现工业总产值277.06亿元。", "成都高新区"),
        ("2022年,石家庄高新区生物医药产业实现营业收入620亿元。", "生物医药产业"),
        ("昆明高新区现有科技企业孵化器和众创空间36家,在孵企业1200余家。", "昆明高新区"),
        ("力争营业收入突破3000亿元。", "成都高新区"),
        ("拥有国家级孵化器2个、市级及以上科技研发平台58个。", "成都高新区"),
    ],
)
def test_subjects(text, subject):
    assert one(text).subject == subject


# ---------------------------------------------------------------- evidence and spans


def test_evidence_is_the_sentence_and_span_is_number_and_unit():
    text = "序言。\n上半年,高新区实现工业总产值277.06亿元,同比增长4.52%。其后。"
    found = figures(text)
    assert [text[f.span_start : f.span_end] for f in found] == ["277.06亿元", "4.52%"]
    assert {f.evidence for f in found} == {"上半年,高新区实现工业总产值277.06亿元,同比增长4.52%。"}


# ---------------------------------------------------------------- the seed documents


def _seed_docs():
    try:
        from transforms.clean import clean_document
    except ImportError as exc:
        pytest.skip(f"transforms.clean.clean_document is not importable: {exc}")
    return {p.name: clean_document(p.read_bytes().decode("utf-8")) for p in sorted(SAMPLES.glob("*.txt"))}


@pytest.fixture(scope="module")
def seed_figures():
    return {name: (d, extract_figures(d)) for name, d in _seed_docs().items()}


def test_seed_spans_and_evidence_point_into_clean_text(seed_figures):
    units = {"CNY": "元", "count": "家个项所户座", "percent": "%％"}
    for name, (d, found) in seed_figures.items():
        articles = {a.article_no: a for a in d.articles}
        for f in found:
            matched = d.clean_text[f.span_start : f.span_end]
            assert matched and matched[-1] in units[f.unit], (name, f)
            assert f.evidence in d.clean_text and matched in f.evidence, (name, f)
            if articles:
                art = articles[f.article_no]
                assert art.span_start <= f.span_start < art.span_end, (name, f)


def _norm_zone(zone):
    return (zone or "").replace("国家高新区", "高新区") if zone != "国家高新区" else zone


def _gold_matches(f, g):
    return (
        f.indicator == g["indicator"]
        and abs(f.value - float(g["value"])) <= 0.005 * abs(float(g["value"]))
        and _norm_zone(f.zone) == _norm_zone(g["zone"])
        and f.status == g["status"]
        and (not g["period_year"] or f.period_year == int(g["period_year"]))
    )


@pytest.mark.skipif(not GOLD.exists(), reason="shared/gold/seeds.csv not beside the repo")
def test_seeds_match_gold_strictly(seed_figures):
    gold = list(csv.DictReader(GOLD.open(encoding="utf-8")))
    missed = [
        g
        for g in gold
        if g["optional"] != "true" and not any(_gold_matches(f, g) for f in seed_figures.get(g["file"], (None, []))[1])
    ]
    assert not missed, missed
    spurious = [
        (name, f)
        for name, (_, found) in seed_figures.items()
        for f in found
        if not any(_gold_matches(f, g) for g in gold if g["file"] == name)
    ]
    assert not spurious, spurious


# ---------------------------------------------------------------- held-out batch 2 mechanisms


@pytest.mark.parametrize(
    "text, date, title, year",
    [
        ("全年实现地区生产总值486.3亿元。", dt.date(2023, 2, 6), "新闻", 2022),  # review published in Q1
        ("全年实现地区生产总值486.3亿元。", dt.date(2023, 4, 12), "2022年统计公报", 2022),  # titled last year
        ("全年实现地区生产总值486.3亿元。", dt.date(2023, 7, 12), "新闻", 2023),
        ("年末拥有高新技术企业386家。", dt.date(2023, 1, 10), "新闻", 2022),
        ("截至年底,高新技术企业达到128家。", dt.date(2022, 12, 20), "新闻", 2022),
        ("过去一年,全区实现营业收入1860亿元。", dt.date(2023, 1, 16), "2023年政府工作报告", 2022),
        ("全年力争营业收入达到2000亿元。", dt.date(2023, 2, 22), "新闻", 2023),  # a plan for this year
        ("高新区拥有研发平台58个。", dt.date(2023, 2, 1), "新闻", 2023),  # present tense stays current
        ("高新区实现营业收入500亿元。", dt.date(2023, 4, 1), "高新区2022年经济运行情况", 2022),
    ],
)
def test_retrospective_cues_refer_to_the_reviewed_year(text, date, title, year):
    assert one(text, date=date, title=title).period_year == year


@pytest.mark.parametrize(
    "text, period",
    [
        ("前11个月,实现营业收入1680亿元。", "2022M01-M11"),
        ("今年1至11月份,规上工业总产值完成612.4亿元。", "2022M01-M11"),
        ("前两个月,实现营业收入160亿元。", "2022M01-M02"),
    ],
)
def test_cumulative_month_phrasings(text, period):
    assert one(text).period == period


def test_quote_before_this_year_opens_speech():
    f = one("“今年我们的目标是营业收入突破1000亿元,”他说。", date=dt.date(2023, 3, 5))
    assert (f.period_year, f.status, f.qualifier) == (2023, "target", ">=")


@pytest.mark.parametrize(
    "text, indicator, value",
    [
        ("完成工业生产总值560.8亿元。", "industrial_output", 5.608e10),
        ("全年研究与试验发展(R&D)经费支出38.6亿元。", "rd_expenditure", 3.86e9),
        ("园区研发经费内部支出12.4亿元。", "rd_expenditure", 1.24e9),
        ("营业收入同比上涨9.3%。", "revenue_yoy", 9.3),
        ("地区生产总值同比增长率为5.1%。", "gdp_yoy", 5.1),
    ],
)
def test_batch2_wordings(text, indicator, value):
    assert facts(text) == [(indicator, value)]


def test_share_clause_after_rd_expenditure_is_the_intensity():
    text = "全年R&D经费支出38.6亿元,占地区生产总值的比重为7.9%。高新技术产业产值占规上工业产值比重为60%。"
    assert facts(text) == [("rd_expenditure", 3.86e9), ("rd_intensity", 7.9)]


def test_growth_after_a_dated_baseline_belongs_to_the_level():
    found = figures("2022年,高新区实现营业收入986亿元,比2021年的862亿元增长14.4%。")
    assert [(f.indicator, f.value, f.period_year) for f in found] == [
        ("revenue", 9.86e10, 2022),
        ("revenue_yoy", 14.4, 2022),
    ]


def test_a_named_firms_own_figures_are_not_zone_figures():
    text = (
        "2021年,昆山高新区实现规上工业总产值2680亿元。区内龙头企业好孩子集团实现营业收入120.5亿元,同比增长18%;"
        "丘钛科技股份有限公司全年营业收入达到186亿元,拥有研发机构5个。华为公司等企业落户,园区营业收入300亿元。"
    )
    assert facts(text) == [("above_scale_industrial_output", 2.68e11), ("revenue", 3e10)]


def test_table_rows_give_one_figure_per_year_and_growth_column():
    text = (
        "潍坊高新区2022年主要经济指标\n指标名称 2022年 2021年 增长(%)\n营业收入(亿元) 2350.6 2120.3 10.9\n"
        "高新技术企业(家) 658 562 17.1\n进出口总额(亿元) 52.3 46.1 13.4\n研发投入强度(亿元) 52.3 46.1 13.4"
    )
    found = figures(text, date=dt.date(2023, 1, 31), title="潍坊高新区2022年主要经济指标")
    assert [(f.indicator, f.value, f.period_year, f.zone) for f in found] == [
        ("revenue", 2.3506e11, 2022, "潍坊高新区"),
        ("revenue", 2.1203e11, 2021, "潍坊高新区"),
        ("revenue_yoy", 10.9, 2022, "潍坊高新区"),
        ("high_tech_enterprises", 658, 2022, "潍坊高新区"),
        ("high_tech_enterprises", 562, 2021, "潍坊高新区"),
    ]


def test_table_cells_may_be_split_by_bars_and_be_missing_or_malformed():
    text = (
        "高新区企业概况\n| 2002 | 2003 | 2004 |\n企业数(个) | 28338 | 32857 | 38565 |\n"
        "营业总收入(亿元) | 15326.4 | 27446-3 | -- |\n出口创汇额(亿美元) | 329.2 | 510.2 | 823.8 |"
    )
    assert [(f.indicator, f.value, f.period_year) for f in figures(text)] == [
        ("revenue", 1.53264e12, 2002),  # 27446-3 and -- are no figures; the row's other cells still are
    ]


def test_a_table_of_the_pages_own_period_takes_its_unit_line_and_skips_shares():
    text = (
        "重庆高新区2020年统计年鉴\n主要经济指标\n单位:亿元、%\n序号 指标名称 高新区直管园\n绝对额 同比 占比\n"
        "(一) 地区生产总值 487.45 6.8 100.0\n(二) 规上工业总产值 -- 14.8 --\n第一产业 4.25 3.8 0.9"
    )
    found = figures(text, title=None)
    assert [(f.indicator, f.value, f.period_year, f.zone) for f in found] == [
        ("gdp", 4.8745e10, 2020, "重庆高新区"),
        ("gdp_yoy", 6.8, 2020, "重庆高新区"),
        ("above_scale_industrial_output_yoy", 14.8, 2020, "重庆高新区"),
    ]
    # without a unit line, the amounts are unreadable and only the growth is read
    assert facts(text.replace("单位:亿元、%\n", "")) == [("gdp_yoy", 6.8), ("above_scale_industrial_output_yoy", 14.8)]


@pytest.mark.parametrize(
    "text",
    [
        "指标 2022年目标 2021年\n营业收入(亿元) 2500 2120",  # unknown column
        "预计指标 2022年 2021年\n营业收入(亿元) 2500 2120",  # forecast table
        "指标 2022年 2021年\n营业收入(亿元) 2500",  # cells do not fill the columns
        "营业收入(亿元) 2500 2120",  # no header
    ],
)
def test_tables_that_are_not_clean_are_left_alone(text):
    assert figures(text) == []


# ---------------------------------------------------------------- round 3 mechanisms


def test_respective_growth_rates_pair_with_the_levels_in_order():
    text = (
        "前三季度,高新区实现地区生产总值412.5亿元、规上工业总产值1280亿元、营业收入2105亿元,分别增长6.1%、8.4%、9.7%。"
    )
    assert facts(text) == [
        ("gdp", 4.125e10),
        ("above_scale_industrial_output", 1.28e11),
        ("revenue", 2.105e11),
        ("gdp_yoy", 6.1),
        ("above_scale_industrial_output_yoy", 8.4),
        ("revenue_yoy", 9.7),
    ]
    assert facts("高新区营业收入500亿元、工业总产值300亿元,同比分别下降2.1%和3%。")[2:] == [
        ("revenue_yoy", -2.1),
        ("industrial_output_yoy", -3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "营业收入500亿元、固定资产投资120亿元,分别增长5%、6%。",  # one number is not a level
        "2022年,GDP 100亿元,营业收入200亿元、进出口80亿元,分别增长5%、6%。",  # would shift onto GDP
        "营业收入500亿元,工业总产值300亿元,分别增长5%。",  # fewer rates than levels: whose?
        "东湖高新区、襄阳高新区营业收入分别增长10%、8%。",  # rates of zones, no level
    ],
)
def test_respective_rates_that_do_not_line_up_are_dropped(text):
    assert not [f for f in figures(text) if f.indicator.endswith("_yoy")]


def test_growth_in_brackets_after_its_level():
    text = "2022年,保定高新区实现营业收入1320亿元(同比增长7.5%),工业总产值860亿元(增长6.9%)。"
    assert facts(text) == [
        ("revenue", 1.32e11),
        ("revenue_yoy", 7.5),
        ("industrial_output", 8.6e10),
        ("industrial_output_yoy", 6.9),
    ]


def test_industry_subject_may_start_with_a_latin_acronym():
    found = figures("2022年,合肥高新区AI产业营业收入达到680亿元,同比增长18%;IC设计产业产值320亿元。")
    assert [(f.indicator, f.subject) for f in found] == [
        ("revenue", "AI产业"),
        ("revenue_yoy", "AI产业"),
        ("industrial_output", "IC设计产业"),
    ]


@pytest.mark.parametrize(
    "text, title, year",
    [
        ("贵阳高新区全年完成规模以上工业总产值420.5亿元。", "2022年贵阳高新区经济发展回顾", 2022),
        (
            "郑州高新区2023年上半年经济运行\n2023-07-31 来源:统计局\n上半年,郑州高新区营业收入860.3亿元。",
            "【推荐】热线",
            2023,
        ),
        ("发布时间:2021年5月20日\n今年,郑州高新区营业收入860.3亿元。", None, 2021),
        ("高新区营业收入860.3亿元。", "2021年与2022年对比", None),  # two years in the title: unknown
    ],
)
def test_undated_page_takes_its_year_from_head_date_or_title(text, title, year):
    assert one(text, date=None, title=title).period_year == year


def test_level_after_its_growth_rate():
    assert facts("上半年,高新区营业收入同比增长9.1%至2100亿元;工业总产值下降2%到300亿元。") == [
        ("revenue_yoy", 9.1),
        ("revenue", 2.1e11),
        ("industrial_output_yoy", -2),
        ("industrial_output", 3e10),
    ]
    # a rate of something else before the number still blocks: 营业收入占比提高5%至300亿元 is no level
    assert facts("营业收入中出口额提高5%至300亿元。") == []


@pytest.mark.parametrize(
    "text, title, year",
    [
        ("二〇二二年,襄阳高新区实现地区生产总值1260亿元。", "统计公报", 2022),
        ("年末全区有高新技术企业620家。", "二〇二二年襄阳高新区国民经济和社会发展统计公报", 2022),
        ("截至二〇二一年底,高新区高新技术企业620家。", "新闻", 2021),
    ],
)
def test_years_in_chinese_numerals(text, title, year):
    assert one(text, date=dt.date(2023, 4, 10), title=title).period_year == year


def test_approximately_equal_qualifier():
    assert one("高新区实现营业收入约为560亿元人民币。").qualifier == "~"


# ---------------------------------------------------------------- engine internals


@pytest.mark.parametrize("text", ["", "。", "营收1,234亿元，增长5%；其中:工业\n产值9亿元!", "a,b。c？\n\nd;", "无标点"])
def test_sentences_and_parts_picked_from_clause_breaks_match_a_direct_split(text):
    from transforms.extract import _PART_END, _SENTENCE_END, _clause_cuts, _segments

    for ends in (_SENTENCE_END, _PART_END):
        assert list(_segments(text, ends, _clause_cuts(text))) == list(_segments(text, ends)), ends


def test_five_year_review_dates_stocks_to_the_reviewed_year():
    figs = extract_figures(doc("过去五年,高新区高新技术企业由120家增加到356家。", date=dt.date(2023, 2, 10)))
    assert {(f.value, f.period_year) for f in figs if f.indicator == "high_tech_enterprises"} >= {(356, 2022)}


def test_rounded_headline_figure_repeats_the_body_figure():
    text = "合肥高新区前三季度营收超6500亿元\n前三季度,合肥高新区实现营业收入6580亿元。"
    figs = extract_figures(doc(text, title="合肥高新区前三季度营收超6500亿元"))
    assert [f.value for f in figs if f.indicator == "revenue"] == [6.58e11]


def test_share_in_cheng_between_alias_and_number_blocks_it():
    figs = extract_figures(doc("高新区研发投入占比近五成企业超过10%。"))
    assert not [f for f in figs if f.indicator == "rd_intensity"]


def test_zai_growth_target_and_chabuduo_qualifier():
    figs = extract_figures(doc("去年规上工业产值差不多是一千三百亿元。今年力争营收再增长10%。"))
    got = {(f.indicator, f.value, f.status, f.qualifier) for f in figs}
    assert ("revenue_yoy", 10.0, "target", "=") in got
    assert ("above_scale_industrial_output", 1.3e11, "actual", "~") in got  # 2021 (去年)


# ---------------------------------------------------------------- run-on text


def test_a_figure_in_run_on_text_keeps_a_bounded_scope():
    """With no punctuation for 20,000 characters, a clause is cut for binding: the figure is still read,
    and its evidence is a piece of the run, not the whole of it."""
    filler = "园区持续优化营商环境推动产业集聚发展" * 600
    found = figures(f"2021年{filler}高新区实现工业总产值1200亿元{filler}")
    assert [(f.indicator, f.value, f.period_year) for f in found] == [("industrial_output", 120000000000, 2021)]
    assert len(found[0].evidence) <= 600


def test_many_headlines_and_many_growth_rates_in_one_document():
    """Several hundred articles, each with its title in the text, and a growth rate after each level: each
    figure is still judged on its own headline and sentence (these look-ups now use binary search)."""
    lines = [f"高新区{i}号公告\n高新区实现工业总产值{i + 100}亿元,同比增长{i / 100 + 1:.2f}%。" for i in range(300)]
    text = "\n".join(lines)
    starts = [0] + [m + 1 for m in range(len(text)) if text[m] == "\n"][1::2]
    ends = starts[1:] + [len(text)]
    arts = [Article(i, f"高新区{i}号公告", s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]
    found = figures(text, articles=arts)
    assert len([f for f in found if f.indicator == "industrial_output"]) == 300
    assert len([f for f in found if f.indicator == "industrial_output_yoy"]) == 300
