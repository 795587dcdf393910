"""clean_document on the real seeds: what must be gone, what must survive, metadata and articles,
and the same clean text whichever encoding or mojibake the seed arrives in."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from opencc import OpenCC

from tests.conftest import SHARED
from tests.encodings import VARIANTS
from transforms.clean import clean_document
from transforms.cleaning.mojibake import repair_mojibake
from transforms.cleaning.script import normalise_width, to_simplified
from transforms.cleaning.table_cells import rejoin_cell_lines
from transforms.decode import decode_bytes

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
GOLD = SHARED / "gold" / "seeds.csv"
SEEDS = sorted(SAMPLE_DIR.glob("*.txt"))
PINYIN_NOTE_RE = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
T2S = OpenCC("t2s")


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


@cache
def cleaned(prefix: str):
    return clean_document(seed(prefix).read_text(encoding="utf-8"))


def gold_evidence() -> list[tuple[str, str]]:
    if not GOLD.exists():
        return []
    with GOLD.open(encoding="utf-8") as rows:
        return [(row["file"][:3], row["evidence"]) for row in csv.DictReader(rows)]


PREFIXES = [p.name[:3] for p in SEEDS]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_pinyin_annotations_left(prefix):
    assert not PINYIN_NOTE_RE.search(cleaned(prefix).clean_text)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_text_is_simplified(prefix):
    text = cleaned(prefix).clean_text
    assert T2S.convert(text) == text


@pytest.mark.parametrize("prefix", PREFIXES)
def test_boilerplate_lines_are_gone(prefix):
    text = cleaned(prefix).clean_text
    for junk in (
        "- 高新院新闻",
        "罗嘉摄",
        "邮编",
        "责任编辑",
        "相关焦点",
        "点击:",
        "来源:未知",
        "文/何君林",
        "一行参观",
        "在座谈会上发言",
        "新貌。",
    ):
        assert junk not in text


@pytest.mark.parametrize("prefix", PREFIXES)
def test_layout_is_one_paragraph_per_line(prefix):
    text = cleaned(prefix).clean_text
    assert "\n\n" not in text and not text.startswith("\n")
    assert all(line == line.strip() for line in text.split("\n"))


def test_removed_lines_are_recorded_by_kind():
    removed = {r["kind"]: r["lines"] for r in cleaned("003").repairs if r["step"] == "removed_lines"}
    assert "访谈现场。罗嘉摄" in removed["caption"]
    assert removed["related"][0] == "相关焦点"
    assert removed["metadata"] == ["2021-01-07 金台资讯"]
    nav = {r["kind"]: r["lines"] for r in cleaned("000").repairs if r["step"] == "removed_lines"}["navigation"]
    assert nav[0] == "- 高新院新闻" and len(nav) == 13


def test_pinyin_repair_is_recorded():
    record = next(r for r in cleaned("001").repairs if r["step"] == "pinyin_annotations")
    assert record["count"] > 100 and "區(qū)" in record["examples"]


def test_page_break_words_are_joined():
    assert "高新技术企业,通过出台" in cleaned("002").clean_text
    text = cleaned("004").clean_text
    for joined in ("骨干龙头企业", "大力发展科技金融", "创新驱动发展示范区", "广州开发区更要"):
        assert joined in text


def test_headings_are_not_joined_to_paragraphs():
    lines = cleaned("002").clean_text.split("\n")
    assert "核心提示" in lines
    assert "培育高新技术动能 加速转型升级发展步伐" in lines
    assert "强化规划引领" in cleaned("004").clean_text.split("\n")


def test_real_brackets_are_kept():
    assert "(以下简称荣昌高新区)" in cleaned("002").clean_text
    assert "(7号文)" in cleaned("004").clean_text
    assert "(供稿:无锡高新区)" in cleaned("004").clean_text
    assert "中国(重庆)自由贸易试验区" in cleaned("003").clean_text


def test_full_width_punctuation_becomes_ascii():
    assert "，" not in cleaned("003").clean_text
    assert "“展望十四五·成渝会客厅”" in cleaned("003").clean_text  # 「」 -> “”


@pytest.mark.parametrize("prefix, evidence", gold_evidence())
def test_gold_evidence_survives_cleaning(prefix, evidence):
    assert evidence in cleaned(prefix).clean_text


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("000", dt.date(2024, 6, 5)),
        ("001", dt.date(2017, 3, 20)),
        ("002", None),
        ("003", dt.date(2021, 1, 7)),
        ("004", dt.date(2022, 10, 18)),
    ],
)
def test_published_date_comes_from_the_header_only(prefix, expected):
    assert cleaned(prefix).published_date == expected


@pytest.mark.parametrize(
    "prefix, title",
    [
        ("000", "【高新区携手行活动】中国高新院携手伊犁州科技局赴荣昌国家高新区考察交流"),
        ("001", "科技部高新司专家组考察调研永川、荣昌国家高新区创建工作"),
        ("002", "荣昌高新区 建设成渝地区双城经济圈重要“桥头堡”"),
        ("003", "建好西部科学城 成渝两地高新区齐步向前"),
        ("004", "火炬动态"),
    ],
)
def test_title(prefix, title):
    assert cleaned(prefix).title == title


def test_source():
    assert cleaned("000").source is None  # 来源:未知
    assert cleaned("003").source == "金台资讯"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_news_page_is_one_article(prefix):
    doc = cleaned(prefix)
    [article] = doc.articles
    assert (article.article_no, article.title, article.span_start, article.span_end) == (
        0,
        doc.title,
        0,
        len(doc.clean_text),
    )


def test_bulletin_splits_into_contiguous_articles():
    doc = cleaned("004")
    articles = doc.articles
    assert [a.article_no for a in articles] == list(range(len(articles)))
    assert articles[0].span_start == 0 and articles[-1].span_end == len(doc.clean_text)
    assert all(a.span_end == b.span_start for a, b in pairwise(articles))
    titles = [a.title for a in articles]
    assert "无锡高新区:构建新兴产业策源地" in titles
    assert "绍兴高新区:加快建设“一核两平台”" in titles
    assert not {"火炬在行动", "聚焦二十大", "奋进新征程 建功新时代"} & set(titles)
    assert len(articles) >= 14
    for article in articles[1:]:
        assert doc.clean_text[article.span_start :].startswith(article.title)


def test_bulletin_figure_falls_in_its_article():
    doc = cleaned("004")
    wuxi = next(a for a in doc.articles if a.title == "无锡高新区:构建新兴产业策源地")
    position = doc.clean_text.index("地区生产总值从2012年的1195亿元")
    assert wuxi.span_start <= position < wuxi.span_end


def test_repeated_lines_from_the_corpus_are_removed():
    doc = clean_document(seed("002").read_text(encoding="utf-8"), frozenset({"核心提示"}))
    assert "核心提示" not in doc.clean_text.split("\n")
    assert {"step": "removed_lines", "kind": "repeated", "lines": ["核心提示"]} in doc.repairs


def test_repeated_lines_match_in_their_raw_traditional_form():
    doc = clean_document(
        seed("003").read_text(encoding="utf-8"), frozenset({"明目標 抓機遇 齊心協力建好「圈」和「城」"})
    )
    assert "明目标 抓机遇" not in doc.clean_text


@pytest.mark.parametrize("prefix", PREFIXES)
def test_cleaning_is_deterministic(prefix):
    text = seed(prefix).read_text(encoding="utf-8")
    assert clean_document(text) == clean_document(text)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_mojibake_repair_leaves_clean_seeds_untouched(prefix):
    text = seed(prefix).read_text(encoding="utf-8")
    assert repair_mojibake(text) == (text, [])


@pytest.mark.parametrize("prefix", PREFIXES)
def test_fast_t2s_matches_opencc(prefix):
    text = seed(prefix).read_text(encoding="utf-8")
    traditional = OpenCC("s2t").convert(text)
    assert to_simplified(text) == T2S.convert(text)
    assert to_simplified(traditional) == T2S.convert(traditional)


@pytest.mark.parametrize(
    "text",
    [
        "这是反覆的过程",  # a phrase t2s maps although none of its characters is traditional
        "𠁞字与報告",  # a traditional character past U+FFFF beside a BMP one
        "𠁞",
        "高新区实现营业收入1200亿元",  # nothing to change
        "",
    ],
)
def test_fast_t2s_skips_only_what_opencc_leaves_unchanged(text):
    assert to_simplified(text) == T2S.convert(text)


def test_width_normalisation_maps_every_wide_form():
    wide = "".join(map(chr, range(0xFF01, 0xFF5F))) + "\u3000「」『』"
    assert normalise_width(wide) == "".join(map(chr, range(0x21, 0x7F))) + " “”‘’"
    assert normalise_width("２０２１年，增长５％。") == "2021年,增长5%。"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_encoding_variants_clean_to_the_same_text(prefix, variant):
    data = VARIANTS[variant](seed(prefix).read_text(encoding="utf-8"))
    decoded = decode_bytes(data)
    assert decoded.error is None
    assert clean_document(decoded.text).clean_text == cleaned(prefix).clean_text


def test_utf8_read_as_gbk_is_repaired_exactly_when_no_bytes_were_lost():
    original = "集聚创新活力\n核心提示\n管理办法"
    mojibake = original.encode("utf-8").decode("gbk")
    doc = clean_document(mojibake)
    assert doc.clean_text == original
    assert doc.repairs[0]["step"] == "mojibake" and doc.repairs[0]["count"] == 3


@pytest.mark.parametrize("prefix", PREFIXES)
def test_utf8_read_as_gbk_with_lost_bytes_is_mostly_recovered(prefix):
    """Reading UTF-8 as GBK destroys a byte wherever a character meets ASCII at odd alignment:
    those characters stay U+FFFD, the rest of the text must come back."""
    reference = cleaned(prefix).clean_text
    mojibake = seed(prefix).read_text(encoding="utf-8").encode("utf-8").decode("gbk", errors="replace")
    repaired = clean_document(decode_bytes(mojibake.encode("utf-8")).text).clean_text
    similarity = difflib.SequenceMatcher(None, reference, repaired, autojunk=False).ratio()
    before = difflib.SequenceMatcher(None, reference, mojibake, autojunk=False).ratio()
    assert before < 0.2 and similarity > 0.5


def test_numbered_headings_stay_apart_and_wrapped_prose_rejoins():
    doc = clean_document(
        "高新区经济运行简报\n2023年,全区实现地区生产总值1234亿元,同比增长\n6.5%;高新技术企业\n"
        "达到1500家。\n二、主要做法\n(一)强化创新驱动\n1.全年新增研发平台30家,建成\n孵化器5家。\n"
    )
    assert doc.clean_text.split("\n") == [
        "高新区经济运行简报",
        "2023年,全区实现地区生产总值1234亿元,同比增长6.5%;高新技术企业达到1500家。",
        "二、主要做法",
        "(一)强化创新驱动",
        "1.全年新增研发平台30家,建成孵化器5家。",
    ]


def test_portal_page_chrome_is_removed_and_header_fields_read():
    page = (
        "首页 > 新闻中心 > 园区动态 > 正文\n首页 | 新闻中心 | 政策法规 | 园区动态 | 联系我们\n"
        "某某高新区上半年经济运行情况\n"
        "发布时间：２０２１年０６月１７日　　来源：某某高新区管委会　　浏览次数：１２３\n"
        "【字体：大 中 小】【打印】【关闭】\n"
        "　　今年上半年，某某高新区实现规上工业总产值１２３．４５亿元，，同比增长１２．３％。\n图为高新区全景。\n"
        "2021年6月18日,记者走访了园区。\n分享到：微信 微博 QQ空间\n责任编辑：张三\n"
        "版权所有 © 2020 某某高新区管委会 蜀ICP备12345678号\n"
    )
    doc = clean_document(page)
    assert doc.clean_text == (
        "某某高新区上半年经济运行情况\n今年上半年,某某高新区实现规上工业总产值123.45亿元,同比增长12.3%。\n"
        "2021年6月18日,记者走访了园区。"
    )
    assert (doc.title, doc.published_date, doc.source) == (
        "某某高新区上半年经济运行情况",
        dt.date(2021, 6, 17),
        "某某高新区管委会",
    )
    kinds = {r["kind"] for r in doc.repairs if r["step"] == "removed_lines"}
    assert kinds == {"breadcrumb", "navigation", "metadata", "widget", "caption", "footer"}


def test_a_numbered_breadcrumb_is_not_the_title():
    doc = clean_document(
        "1. 首页 > 快讯\n\n前4月国家高新区规上工业企业营收增长7.3%\n\n记者获悉:今年前4月,营业收入增长。\n"
    )
    assert doc.title == "前4月国家高新区规上工业企业营收增长7.3%"
    assert "首页" not in doc.clean_text


def test_a_table_rendered_one_cell_per_line_is_rejoined_row_by_row():
    page = (
        "下面列表是高新区企业概况\n|\n2002 |\n2003 |\n企业数(个) |\n28338 |\n32857 |\n"
        "工业总产值(亿元) |\n12937.1 |\n17257.4 | |"
    )
    doc = clean_document(page)
    assert doc.clean_text.split("\n")[1:] == [
        "| 2002 | 2003 |",
        "企业数(个) | 28338 | 32857 |",
        "工业总产值(亿元) | 12937.1 | 17257.4 |",
    ]
    assert {"step": "rejoined_table_cells", "rows": 3} in doc.repairs
    # cells that do not fall into a header of years and rows of as many values are left as found
    for cells in ("首页 |\n新闻 |\n2002 |\n关于我们 |", "|\n2002 |\n2003 |\n企业数(个) |\n28338 |"):
        assert rejoin_cell_lines(cells) == (cells, 0)


def test_table_rows_are_not_joined_into_one_paragraph():
    page = "单位:亿元、%\n指标名称 高新区\n绝对额 同比 占比\n地区生产总值 487.45 6.8 100.0\n第一产业 4.25 3.8 0.9\n"
    assert clean_document(page).clean_text.split("\n") == [line for line in page.split("\n") if line]
