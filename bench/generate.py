"""Deterministic synthetic corpus shaped like the real inputs, with the truth of every planted figure.

    python -m bench.generate --docs N --out DIR [--seed 7] [--truth FILE]

Writes N news pages and bulletins (~5 KB each; 0.2% are 100 KB-2 MB bulletins) about national high-tech zones
to DIR, in simplified or traditional script (OpenCC s2t; s2tw for Big5 files; some with pinyin readings after
characters), saved as UTF-8, UTF-8 with BOM, UTF-16, GB18030, Big5 or UTF-8 mojibake (read as cp1252), with
navigation menus, captions, footers and numbers that are not figures. The planted figures are written
to DIR/../truth.csv (or --truth) in the gold CSV format of shared/gold/seeds.csv, so
`score.py WAREHOUSE truth.csv` measures recall.
Document i depends only on (seed, i, revision): any file can be re-rendered on its own.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import time
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  registers "sloppy-windows-1252"
import opencc
import yaml
from pypinyin import Style, pinyin

ZONES_PATH = Path(__file__).resolve().parents[1] / "transforms" / "data" / "zones.yaml"
TRUTH_COLUMNS = (
    "file",
    "zone",
    "subject",
    "indicator",
    "value",
    "unit",
    "period_year",
    "period",
    "status",
    "qualifier",
    "optional",
    "evidence",
)
TARGET_BYTES = (4500, 5500)  # UTF-8 size of a document's simplified text
BULLETIN_SHARE = 0.08
# A long tail of statistical bulletins and yearbook chapters: this share of documents runs to LONG_BYTES
# (log-uniform), drawn from a random stream of its own so that every other document is unchanged.
LONG_SHARE = 0.002
LONG_BYTES = (100_000, 2_000_000)
LONG_ARTICLES = 30
TRADITIONAL_SHARE = 0.25
PINYIN_SHARE = 0.4  # of traditional documents
PINYIN_RATE = 0.3  # of the annotatable characters in such a document
SIMPLIFIED_ENCODINGS = (("utf-8", 80), ("gb18030", 10), ("utf-8-sig", 4), ("utf-16", 3), ("mojibake", 3))
TRADITIONAL_ENCODINGS = (("utf-8", 45), ("big5", 40), ("utf-8-sig", 5), ("utf-16", 5), ("mojibake", 5))
# Characters some traditional sites follow with a bracketed reading: 區(qū), 經(jīng)濟(jì).
ANNOTATED_CHARS = "區經濟產業創發調關術學員會園級規點擊網"


@dataclass(frozen=True)
class Template:
    """A sentence with figures: {z} the zone, {y} the year; m* 亿元, w* 万元, c* counts, p* percent."""

    text: str
    figures: tuple[tuple[str, str, str], ...]  # (indicator, placeholder, qualifier)
    period: str  # year | this_year | last_year | h1 | months | target | estimate


T = Template
TEMPLATES = (
    T(
        "{y}年，{z}实现工业总产值{m1}亿元，同比增长{p1}%",
        (("industrial_output", "m1", "="), ("industrial_output_yoy", "p1", "=")),
        "year",
    ),
    T("截至{y}年底，{z}拥有国家高新技术企业{c1}家", (("high_tech_enterprises", "c1", "="),), "year"),
    T("{y}年，{z}R&D经费支出占GDP比重达到{p1}%", (("rd_intensity", "p1", "="),), "year"),
    T("{y}年末，{z}共有规模以上工业企业{c1}家", (("above_scale_industrial_enterprises", "c1", "="),), "year"),
    T("{y}年，{z}企业营业收入突破{r1}亿元", (("revenue", "r1", ">="),), "year"),
    T("截至{y}年底，{z}累计拥有科技型中小企业{c1}家", (("tech_smes", "c1", "="),), "year"),
    T(
        "{y}年，{z}R&D经费支出{m1}亿元，同比增长{p1}%",
        (("rd_expenditure", "m1", "="), ("rd_expenditure_yoy", "p1", "=")),
        "year",
    ),
    T("{y}年，{z}研发投入{w1}万元", (("rd_expenditure", "w1", "="),), "year"),
    T("{y}年，{z}地区生产总值约{m1}亿元", (("gdp", "m1", "~"),), "year"),
    T("{y}年，{z}营业收入超过{r1}亿元", (("revenue", "r1", ">"),), "year"),
    T("截至{y}年底，{z}现有在孵企业{c1}家", (("incubated_enterprises", "c1", "="),), "year"),
    T("截至{y}年底，{z}累计入驻企业{c1}家", (("settled_enterprises", "c1", "="),), "year"),
    T("{y}年，{z}拥有省级以上研发平台{c1}个", (("rd_platforms", "c1", "="),), "year"),
    T(
        "今年上半年，{z}实现规上工业总产值{m1}亿元，同比增长{p1}%",
        (("above_scale_industrial_output", "m1", "="), ("above_scale_industrial_output_yoy", "p1", "=")),
        "h1",
    ),
    T("去年，{z}完成地区生产总值{m1}亿元，同比增长{p1}%", (("gdp", "m1", "="), ("gdp_yoy", "p1", "=")), "last_year"),
    T(
        "今年1-{mo}月，{z}实现工业增加值{m1}亿元，同比增长{p1}%",
        (("industrial_value_added", "m1", "="), ("industrial_value_added_yoy", "p1", "=")),
        "months",
    ),
    T("今年以来，{z}新增国家高新技术企业{c2}家，总数达到{c1}家", (("high_tech_enterprises", "c1", "="),), "this_year"),
    T("到{y}年，{z}力争工业总产值达到{m1}亿元", (("industrial_output", "m1", "="),), "target"),
    T("到{y}年，{z}高新技术企业数量力争达到{c1}家", (("high_tech_enterprises", "c1", "="),), "target"),
    T("预计全年{z}地区生产总值达到{m1}亿元", (("gdp", "m1", "="),), "estimate"),
    T("预计全年{z}营业收入将达到{r1}亿元", (("revenue", "r1", "="),), "estimate"),
)
UNITS = {"m": "CNY", "r": "CNY", "w": "CNY", "c": "count", "p": "percent"}
FIGURE_VALUE_RANGES = {  # by indicator: (low, high) in the placeholder's own unit
    "industrial_output": (100, 5000),
    "above_scale_industrial_output": (50, 2500),
    "gdp": (100, 3000),
    "industrial_value_added": (30, 1200),
    "revenue": (5, 100),
    "rd_expenditure": (10, 300),
    "high_tech_enterprises": (100, 3000),
    "above_scale_industrial_enterprises": (50, 900),
    "tech_smes": (200, 3000),
    "incubated_enterprises": (50, 800),
    "settled_enterprises": (100, 2000),
    "rd_platforms": (20, 400),
    "rd_intensity": (20, 99),
}
# Sentences without figures, to pad a page; {z} is the zone.
FILLER = (
    "{z}坚持以创新驱动发展为核心，持续优化营商环境，加快构建现代化产业体系",
    "近年来，{z}深入实施创新驱动发展战略，推动科技创新与产业创新深度融合",
    "园区围绕主导产业延链补链强链，不断提升产业链供应链韧性和安全水平",
    "下一步，{z}将继续聚焦高质量发展，着力打造具有全国影响力的科技创新高地",
    "会议强调，要进一步解放思想、真抓实干，以更大力度推进改革创新",
    "与会人员围绕人才引进、金融服务、成果转化等议题进行了深入交流",
    "高新区管委会相关负责人介绍了园区规划建设和招商引资工作情况",
    "企业负责人表示，园区良好的创新生态为企业发展提供了有力支撑",
    "通过搭建产学研合作平台，园区推动高校院所科技成果就地转化",
    "在优化服务方面，{z}持续深化“放管服”改革，推行“一站式”审批服务",
    "园区积极培育新一代信息技术、生物医药、高端装备制造等战略性新兴产业",
    "调研组一行先后走访了多家重点企业，详细了解企业生产经营和研发创新情况",
    "大家纷纷表示，将以此次活动为契机，进一步加强交流合作，实现互利共赢",
    "科技金融服务体系不断完善，企业融资难融资贵问题得到有效缓解",
    "园区大力实施人才强区战略，吸引了一批高层次创新创业人才集聚",
    "活动现场，多个合作项目进行了集中签约",
    "此次活动由{z}管委会主办，多家企业和科研院所代表参加",
    "数字经济和实体经济加速融合，智能制造水平持续提升",
    "园区生态环境持续改善，绿色低碳发展成效明显",
    "为进一步激发市场主体活力，园区出台了一系列支持企业创新发展的政策措施",
    "在对外开放方面，{z}积极融入国内国际双循环，外向型经济稳步发展",
    "专家组对园区取得的成绩给予充分肯定，并就下一步工作提出了意见建议",
    "园区着力打造全要素、低成本、便利化、开放式的众创空间",
    "该区还将加快推进重大项目建设，确保早开工、早投产、早见效",
    "记者在现场看到，一条条现代化生产线正在满负荷运转",
    "区委主要负责同志强调，要坚持稳中求进工作总基调，扎实做好各项工作",
    "{z}着力推动产业基础高级化和产业链现代化，加快培育世界级先进制造业集群",
    "园区不断完善创新创业服务体系，为科技型企业成长提供全周期服务",
)
# Sentences with numbers that are not figures of the contract (each in a paragraph of its own).
TRAPS = (
    "目前，全国共有{n3}个国家高新区，{z}是其中之一",
    "今年以来，{z}已组织{n2}家企业申报高新技术企业",
    "{z}规划面积{n2}平方公里，下辖{n1}个街道",
    "该项目总投资{n2}亿元，计划明年建成投产",
    "{z}管委会日前召开第{n2}次主任办公会议，研究部署重点工作",
    "本次活动共吸引{n2}名创业者报名参加，{n1}个项目进入决赛",
)
NAV_ITEMS = (
    "高新区新闻",
    "政策解读",
    "区域经济研究",
    "园区动态",
    "科技创新",
    "战略性新兴产业研究",
    "行业洞见",
    "招商引资",
    "产业规划",
    "园区规划",
    "通知公告",
    "媒体聚焦",
    "党建引领",
)
SOURCES = ("人民网", "新华网", "科技日报", "中国高新网", "高新区管委会", "中国高新院")
PEOPLE = ("王强", "李明", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏")
SLOGANS = (
    "构建新兴产业策源地",
    "加快建设一流科技园区",
    "奋力打造创新发展新高地",
    "跑出高质量发展加速度",
    "以科技创新引领产业升级",
    "全力打造现代化产业体系",
)
ROADS = ("科技大道", "创新路", "高新一路", "长江路", "学府路")


@dataclass
class Document:
    name: str
    data: bytes
    truth: list[dict]


class _Page:
    """One document under construction: its lines in the target script, the truth in simplified."""

    def __init__(self, rng: random.Random, name: str, published: dt.date, conversion: str | None):
        self.rng, self.name, self.published, self.conversion = rng, name, published, conversion
        self.lines: list[str] = []
        self.truth: list[dict] = []
        self.simplified_bytes = 0

    def say(self, template: str, **values: str) -> str:
        """A fixed sentence in the page's script, with values (zone names, digits) filled in."""
        return _script(template, self.conversion).format(**values)

    def add(self, simplified_line: str, line: str) -> None:
        self.lines.append(line)
        self.simplified_bytes += len(simplified_line.encode("utf-8")) + 1


@cache
def _script(text: str, conversion: str | None) -> str:
    """Fixed text in the target script (cached: the pieces repeat, only digits vary)."""
    return _converter(conversion).convert(text) if conversion else text


@cache
def _converter(conversion: str) -> opencc.OpenCC:
    return opencc.OpenCC(conversion)


@lru_cache(maxsize=1)
def zones() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical name, names used in text) of every national zone, the aggregate excluded."""
    entries = yaml.safe_load(ZONES_PATH.read_text(encoding="utf-8"))
    return tuple((e["zone"], (e["zone"], *e.get("aliases", []))) for e in entries if e["province"])


@cache
def _reading(char: str) -> str:
    return pinyin(char, style=Style.TONE)[0][0]


def render_document(seed: int, index: int, revision: int = 0) -> Document:
    """Document number `index` of the corpus of `seed`; a new revision gives a changed file of the same name."""
    rng = random.Random(f"{seed}:{index}:{revision}")
    traditional = rng.random() < TRADITIONAL_SHARE
    encodings = TRADITIONAL_ENCODINGS if traditional else SIMPLIFIED_ENCODINGS
    encoding = rng.choices([e for e, _ in encodings], [w for _, w in encodings])[0]
    conversion = ("s2tw" if encoding == "big5" else "s2t") if traditional else None
    published = dt.date(rng.randint(2016, 2024), rng.randint(7, 12), rng.randint(1, 28))
    page = _Page(rng, f"doc{index:06d}.txt", published, conversion)
    long_bytes = _long_size(seed, index, revision)
    if long_bytes:
        _bulletin(page, long_bytes)
    elif rng.random() < BULLETIN_SHARE:
        _bulletin(page)
    else:
        _news_page(page)
    text = "\n".join(page.lines) + "\n"
    if traditional and encoding != "big5" and rng.random() < PINYIN_SHARE:
        text = _annotate_pinyin(text, rng)
    return Document(page.name, _encode(text, encoding), page.truth)


def _news_page(page: _Page) -> None:
    rng = page.rng
    zone, names = rng.choice(zones())
    if rng.random() < 0.6:
        for item in rng.sample(NAV_ITEMS, rng.randint(6, len(NAV_ITEMS))):
            page.add(f"- {item}", "- " + page.say(item))
    title_name = names[0]
    title = page.say("{z}：" + rng.choice(SLOGANS), z=page.say(title_name))
    page.add(title, title)
    page.add(*_date_line(page))
    if rng.random() < 0.5:
        caption = "{z}一角。 记者 " + rng.choice(PEOPLE) + " 摄"
        page.add(caption, page.say(caption, z=page.say(title_name)))
    _article_body(page, zone, names, target_bytes=rng.randint(*TARGET_BYTES) - 300)
    _footer(page)


def _long_size(seed: int, index: int, revision: int) -> int | None:
    """The size of document `index` if it is one of the long tail, else None."""
    rng = random.Random(f"{seed}:{index}:{revision}:size")
    if rng.random() >= LONG_SHARE:
        return None
    low, high = LONG_BYTES
    return round(low * (high / low) ** rng.random())


def _bulletin(page: _Page, size_bytes: int | None = None) -> None:
    """An issue of a bulletin: a table of contents, then one article per entry, each about its own zone.
    A long one (`size_bytes`) has an article per ~20 KB, up to LONG_ARTICLES."""
    rng = page.rng
    articles = rng.randint(3, 4) if size_bytes is None else min(LONG_ARTICLES, max(3, size_bytes // 20_000))
    picked = rng.sample(zones(), articles)
    titles = [page.say("{z}：" + rng.choice(SLOGANS), z=page.say(names[0])) for _, names in picked]
    issue = rng.randint(1, 24)
    header = [
        page.say("火炬动态"),
        page.say("科技部火炬高技术产业开发中心"),
        page.say(
            f"{page.published.year}年第{issue}期(总第{rng.randint(300, 999)}期) "
            f"{page.published.year}年{page.published.month}月{page.published.day}日"
        ),
        "",
    ]
    header += [page.say("【园区动态】 ") + titles[0], *titles[1:], ""]
    for line in header:
        page.add(line, line)
    per_article = ((size_bytes or rng.randint(*TARGET_BYTES)) - 400) // len(picked)
    for (zone, names), title in zip(picked, titles, strict=True):
        page.add(title, title)
        _article_body(page, zone, names, target_bytes=page.simplified_bytes + per_article)
        credit = f"(供稿：{names[0]}管委会)"
        page.add(credit, page.say("(供稿：{z}管委会)", z=page.say(names[0])))


def _date_line(page: _Page) -> tuple[str, str]:
    d, source = page.published, page.rng.choice(SOURCES)
    if page.rng.random() < 0.5:
        line = f"来源：{source} 日期：{d.isoformat()} 点击：次"
    else:
        line = f"发布时间：{d.year}年{d.month:02d}月{d.day:02d}日 来源：{source}"
    return line, page.say(line)


def _article_body(page: _Page, zone: str, names: tuple[str, ...], target_bytes: int) -> None:
    """Paragraphs that each open with the zone's name; figures and traps among filler until the size is reached."""
    rng = page.rng
    templates = rng.sample(TEMPLATES, rng.randint(2, 4))
    traps = rng.sample(TRAPS, rng.randint(1, 2))
    while templates or traps or page.simplified_bytes < target_bytes:
        name = rng.choice(names)
        sentences = [_filler(page, name)]
        if traps and rng.random() < 0.3:
            sentences.append(_trap(page, traps.pop(), name))
        elif templates:
            sentences.append(_figure_sentence(page, templates.pop(), zone, name))
        sentences += [_filler(page, name) for _ in range(rng.randint(1, 3))]
        page.add("。".join(s for s, _ in sentences) + "。", "。".join(t for _, t in sentences) + "。")


def _filler(page: _Page, name: str) -> tuple[str, str]:
    sentence = page.rng.choice(FILLER)
    return sentence.format(z=name), page.say(sentence, z=page.say(name))


def _trap(page: _Page, sentence: str, name: str) -> tuple[str, str]:
    rng = page.rng
    values = {"n1": str(rng.randint(2, 9)), "n2": str(rng.randint(11, 99)), "n3": rng.choice(("169", "173", "178"))}
    return sentence.format(z=name, **values), page.say(sentence, z=page.say(name), **values)


def _figure_sentence(page: _Page, template: Template, zone: str, name: str) -> tuple[str, str]:
    """Render a template with fresh numbers and record its figures as truth rows."""
    rng, year_now = page.rng, page.published.year
    subject = name if rng.random() < 0.7 or "{y}年底" not in template.text else "全区"
    year, period = _period(template.period, year_now, rng)
    values: dict[str, str] = {"y": str(year), "mo": period[-2:].lstrip("0") if template.period == "months" else ""}
    for indicator, key, _ in template.figures:
        values[key] = _number(indicator, key, rng)
    values["c2"] = str(rng.randint(20, 90))
    simplified = template.text.format(z=subject, **values)
    status = {"target": "target", "estimate": "estimate"}.get(template.period, "actual")
    evidence = simplified.replace("，", ",")
    for indicator, key, qualifier in template.figures:
        page.truth.append(
            {
                "file": page.name,
                "zone": zone,
                "subject": zone,
                "indicator": indicator,
                "value": _base_value(key, values[key]),
                "unit": UNITS[key[0]],
                "period_year": year,
                "period": period,
                "status": status,
                "qualifier": qualifier,
                "optional": "false",
                "evidence": evidence,
            }
        )
    return simplified, page.say(template.text, z=page.say(subject), **values)


def _period(kind: str, year_now: int, rng: random.Random) -> tuple[int, str]:
    """(period_year, period) of a template's figures, relative to the publication year."""
    if kind == "year":
        year = rng.randint(year_now - 3, year_now - 1)
        return year, str(year)
    if kind == "last_year":
        return year_now - 1, str(year_now - 1)
    if kind == "h1":
        return year_now, f"{year_now}H1"
    if kind == "months":
        return year_now, f"{year_now}M01-M{rng.randint(3, 6):02d}"
    if kind == "target":
        year = rng.randint(year_now + 1, year_now + 4)
        return year, str(year)
    return year_now, str(year_now)  # this_year, estimate


def _number(indicator: str, key: str, rng: random.Random) -> str:
    """The number as the text writes it, in the placeholder's unit."""
    base = indicator.removesuffix("_yoy")
    if indicator.endswith("_yoy"):
        return f"{rng.randint(10, 250) / 10:g}"
    low, high = FIGURE_VALUE_RANGES[base]
    if key.startswith("m"):
        return f"{rng.randint(low * 100, high * 100) / 100:g}"
    if key.startswith("r"):
        return str(rng.randint(low, high) * 100)  # round thresholds: 突破3000亿元
    if key.startswith("w"):
        return str(rng.randint(low, high) * 1000 + rng.randint(1, 999))
    if key.startswith("p"):
        return f"{rng.randint(low, high) / 10:g}"
    return str(rng.randint(low, high))


def _base_value(key: str, written: str) -> str:
    """The value in base units (yuan, count, percent points) as the gold CSV writes it."""
    if key[0] in "mr":
        return str(round(float(written) * 10**8))
    if key[0] == "w":
        return str(int(written) * 10**4)
    return written


def _footer(page: _Page) -> None:
    rng = page.rng
    lines = [
        f"地址：{rng.choice(ROADS)}{rng.randint(1, 300)}号",
        f"邮编：{rng.randint(100000, 850000)}",
        f"电话：0{rng.randint(10, 999)}-{rng.randint(60000000, 89999999)}",
        f"责任编辑：{rng.choice(PEOPLE)}",
    ]
    page.add("", "")
    for line in lines:
        page.add(line, page.say(line))


def _annotate_pinyin(text: str, rng: random.Random) -> str:
    def annotate(match: re.Match) -> str:
        char = match.group()
        return f"{char}({_reading(char)})" if rng.random() < PINYIN_RATE else char

    return re.sub(f"[{ANNOTATED_CHARS}]", annotate, text)


def _encode(text: str, encoding: str) -> bytes:
    """File bytes; Big5 falls back to UTF-8 for text it cannot encode (rare characters)."""
    if encoding == "mojibake":
        return text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    if encoding == "big5":
        try:
            return text.encode("big5")
        except UnicodeEncodeError:
            return text.encode("utf-8")
    return text.encode(encoding)


def generate(docs: int, out: Path, seed: int, truth: Path) -> int:
    """Write `docs` documents to `out` and their figures to `truth`; returns the bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    truth.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with truth.open("w", encoding="utf-8", newline="") as handle:
        rows = csv.DictWriter(handle, fieldnames=TRUTH_COLUMNS)
        rows.writeheader()
        for index in range(docs):
            doc = render_document(seed, index)
            (out / doc.name).write_bytes(doc.data)
            rows.writerows(doc.truth)
            written += len(doc.data)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--truth", type=Path, help="truth CSV (default: DIR/../truth.csv)")
    args = parser.parse_args(argv)
    truth = args.truth or args.out.absolute().parent / "truth.csv"
    started = time.perf_counter()
    written = generate(args.docs, args.out, args.seed, truth)
    print(
        f"{args.docs} documents, {written / 1e6:.1f} MB in {args.out}, truth in {truth} "
        f"({time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
