"""Title, publication date and source, read only from the head of a page.

Dates are taken from labelled fields (日期: / 发布时间:) or from short header lines that are little
more than a date ("2021-01-07 金台资讯"), never from body sentences ("10月16日上午"): a wrong date
shifts every 今年/去年 figure, so no date is better than a guessed one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.cleaning.cjk import CJK_CHAR, CJK_RE

HEADER_LINES = 15
_DATE = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_DATE_RE = re.compile(_DATE)
# A bare 日期/时间 label counts only when it is not the tail of a word ("活动时间:" is body text).
_DATE_LABEL = (
    f"(?P<label>发布日期|发布时间|发表日期|发表时间|更新时间|成文日期|发文日期|印发日期|(?<![{CJK_CHAR}])日期"
    f"|(?<![{CJK_CHAR}])时间)"
)
_DRAFTED_LABELS = ("成文日期", "印发日期", "发文日期")  # the date a document was signed: a publication date wins
_LABELLED_DATE_RE = re.compile(f"{_DATE_LABEL}\\s*[:：]\\s*{_DATE}")
_SOURCE_LABEL = r"(?:发文机关|转自|转载自|文章来源|信息来源|稿件来源|新闻来源|消息来源|来源|稿源)"
_FIELD_RE = re.compile(
    r"(?:^|[\s【\[|｜(（])(?:文章来源|信息来源|稿件来源|新闻来源|消息来源|来源|稿源|发布日期|发布时间|发表时间|更新时间|日期|时间"
    r"|作者|文章作者|编辑|责任编辑|责编|发布者|发布人|发布单位|发布机构|录入|点击|点击数|点击量|点击率|浏览|浏览次数|浏览量|阅读"
    r"|阅读量|阅读数|访问量|字号|字体|索引号|主题分类|发文机关|发文字号|文号|成文日期|印发日期|发文日期|有效性|公开方式|公开范围"
    r"|所属机构|转自|转载自|原标题)\s*[:：]|(?:^|\s)(?:来源|编辑|作者)\s*[|｜]"
)
_SOURCE_RE = re.compile(f"{_SOURCE_LABEL}\\s*[:：|｜]\\s*(?P<source>[^\\s|｜:：】\\])）]{{1,30}})")
_UNKNOWN_SOURCES = frozenset(
    {"未知", "不详", "暂无", "无", "本站", "本网", "原创", "网络", "互联网", "管理员", "admin"}
)
# The outlet printed beside a bare date ("2021-01-07 金台资讯", "大连日报 2023-11-06 第A03版"), minus
# words that are not a name ("发表于广东", "星期二") and an issuer's 编/编印 ("…办公室编").
_NOT_OUTLET_RE = re.compile(r"^(发表于|发布于|星期|周[一二三四五六日天])")
_ISSUER_SUFFIX_RE = re.compile(r"(编印|主办|编)$")
# 二〇二三年九月八日: bulletins date their masthead in Chinese numerals.
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_DATE_RE = re.compile(
    "([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_SENTENCE_RE = re.compile(r"[。，;；!?！？]|(?<!\d),|,(?!\d)")  # "2,341" is a number, not a clause
# Other date shapes, rewritten to Y-M-D before reading: a 2-digit year only under a label ("发布时间:23-05-12"
# — unlabelled, "23-05-12" could be anything), and an English date line ("May 12, 2023").
_SHORT_YEAR_RE = re.compile(f"({_DATE_LABEL}\\s*[:：]\\s*)(\\d{{2}})([-/.])(\\d{{1,2}})\\4(\\d{{1,2}})(?!\\d)")
# A European date line ("22.10.2014 11:32"): read only when the day cannot be a month.
_DAY_FIRST_DATE_RE = re.compile(r"(?<![\d.])(1[3-9]|2\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d{2})(?![\d.])")
_ENGLISH_DAY_FIRST_RE = re.compile(
    r"\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+((?:19|20)\d{2})\b"
)
_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_ENGLISH_DATE_RE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b"
)
# A title is never an advert ("招商热线:400-… 点此领取>>") nor a line without Chinese (a translation).
_PROMO_RE = re.compile(r"https?://|www\.|>>|点此|点击|热线|咨询|[48]00-?\d{3}-?\d{4}|1[3-9]\d{9}")
_REPOST_TAG_RE = re.compile(r"^[\[【(（](转帖|转载|原创|转|分享)[\]】)）]\s*")
BOTTOM_LINES = 6  # metadata printed under the article ("发布日期:…", "(2023年5月12日)", "编辑:… 2023-05-12")
_MAX_DATE_LINE = 40
_MAX_DATE_LINE_REST = 20
_MAX_FIELD_LINE = 100
_MAX_TITLE = 100
_MAX_TITLE_LINE = _MAX_TITLE + 30  # a title with its site name glued on
_TITLE_LABEL_RE = re.compile(r"^(?:标题|题目|文章标题|新闻标题)\s*[:：]\s*")
_SITE_SUFFIX_RE = re.compile(r"(?P<sep>\s*_\s*|\s+[-|｜—–]\s+|\s*[|｜]\s*)(?P<site>[^_|｜]{2,25})$")
_SITE_NAME_RE = re.compile(r"(网|网站|报|频道|门户|官网|在线|新闻|政府|客户端|电视台|app)$", re.I)
_MIN_TITLE = 2


@dataclass(frozen=True)
class Metadata:
    title: str | None
    published_date: dt.date | None
    source: str | None
    title_index: int | None
    metadata_lines: tuple[int, ...]  # header lines that only carry metadata (removed from clean text)
    repeated_title_lines: tuple[int, ...] = ()  # header lines repeating the title (<title> and <h1>)


def read_metadata(lines: list[str]) -> Metadata:
    """Metadata of a page whose boilerplate lines are already blanked out (indices stay valid)."""
    header = _header_indices(lines)
    bottom = _bottom_indices(lines, set(header))
    lines = list(lines)
    for index in header + bottom:
        if len(lines[index]) <= _MAX_FIELD_LINE:  # mastheads are short; body sentences keep their numerals
            lines[index] = _other_dates(_arabic_dates(lines[index]))
    metadata_lines = [i for i in header if is_metadata_line(lines[i])]
    published_date, source = _date_and_source(lines, header, metadata_lines)
    if published_date is None and bottom:  # only when the head of the page gives none
        bottom_metadata = [i for i in bottom if is_metadata_line(lines[i])]
        bottom_date, bottom_source = _date_and_source(lines, bottom, bottom_metadata)
        if bottom_date:
            published_date, source = bottom_date, source or bottom_source
            metadata_lines += bottom_metadata
    title_index = _title_index(lines, header, metadata_lines)
    if title_index is None:
        return Metadata(None, published_date, source, None, tuple(metadata_lines))
    short = [i for i in header if len(lines[i]) <= _MAX_TITLE_LINE]  # lines that may be (a copy of) the title
    others = {_TITLE_LABEL_RE.sub("", lines[i].strip()) for i in short if i != title_index}
    title = _bare_title(lines[title_index].strip(), others)
    repeats = tuple(
        i
        for i in short
        if i > title_index and i not in metadata_lines and _bare_title(lines[i].strip(), {title}) == title
    )
    return Metadata(title, published_date, source, title_index, tuple(metadata_lines), repeats)


def _bare_title(line: str, others: set[str]) -> str:
    """A title without its "标题:" label and without a site name glued on ("…9家_潍坊新闻网", "… - 人民网");
    a " - "/"|" suffix goes only when it names a site or the bare title is printed again in the header."""
    line = _REPOST_TAG_RE.sub("", _TITLE_LABEL_RE.sub("", line))
    match = _SITE_SUFFIX_RE.search(line)
    if not match:
        return line
    bare = line[: match.start()].rstrip()
    if match["sep"].strip() == "_" or _SITE_NAME_RE.search(match["site"]) or bare in others:
        return bare if len(bare) >= _MIN_TITLE else line
    return line


def _header_indices(lines: list[str]) -> list[int]:
    header = []
    for index, line in enumerate(lines):
        if line.strip():
            header.append(index)
            if len(header) == HEADER_LINES:
                break
    return header


def _bottom_indices(lines: list[str], header: set[int]) -> list[int]:
    bottom = []
    for index in range(len(lines) - 1, -1, -1):
        if len(bottom) == BOTTOM_LINES or index in header:
            break
        if lines[index].strip():
            bottom.append(index)
    return bottom[::-1]


def _other_dates(line: str) -> str:
    """ "发布时间:23-05-12" -> "发布时间:2023-5-12", "May 12, 2023", "Fri, 12 May 2023" and "12.05.2023"
    -> "2023-5-12"."""
    if ":" in line or "：" in line:
        line = _SHORT_YEAR_RE.sub(lambda m: f"{m[1]}20{m[3]}-{int(m[5])}-{int(m[6])}", line)
    if line[:1].isascii():
        line = _ENGLISH_DATE_RE.sub(lambda m: f"{m[3]}-{_MONTHS[m[1].lower()]}-{m[2]}", line)
        line = _ENGLISH_DAY_FIRST_RE.sub(lambda m: f"{m[3]}-{_MONTHS[m[2].lower()]}-{m[1]}", line)
        line = _DAY_FIRST_DATE_RE.sub(lambda m: f"{m[3]}-{int(m[2])}-{int(m[1])}", line)
    return line


def is_metadata_line(line: str) -> bool:
    """A line of labelled fields (来源: 日期: 点击:) or little more than a date; never a sentence."""
    stripped = _arabic_dates(line.strip())
    if _SENTENCE_RE.search(stripped):
        return False
    if has_fields(stripped):
        return True
    date = _DATE_RE.search(stripped)
    rest = _DATE_RE.sub("", stripped).strip() if date else ""
    return bool(date) and len(stripped) <= _MAX_DATE_LINE and len(rest) <= _MAX_DATE_LINE_REST


def has_fields(line: str) -> bool:
    """A labelled field (来源: 发布时间: 浏览次数:) on a line that is not a sentence."""
    return len(line) <= _MAX_FIELD_LINE and bool(_FIELD_RE.search(line)) and not _SENTENCE_RE.search(line)


def _arabic_dates(line: str) -> str:
    """二〇二三年九月八日 -> 2023年9月8日 (only whole dates; other numerals stay)."""
    if "年" not in line or not _CN_DATE_RE.search(line):
        return line
    return _CN_DATE_RE.sub(lambda m: f"{_cn_number(m[1])}年{_cn_number(m[2])}月{_cn_number(m[3])}日", line)


def _cn_number(numerals: str) -> int:
    if len(numerals) == 4:  # a year, digit by digit
        return int("".join(str(_CN_DIGITS[c]) for c in numerals))
    tens, _, units = numerals.rpartition("十")
    if "十" not in numerals:
        return _CN_DIGITS[numerals]
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _date_and_source(lines, header, metadata_lines) -> tuple[dt.date | None, str | None]:
    """Labelled date anywhere in the header first, then the date of a date-only header line."""
    published_date, drafted, source = None, None, None
    for index in header:
        match = _LABELLED_DATE_RE.search(lines[index])
        if match and match["label"] in _DRAFTED_LABELS:
            drafted = drafted or _to_date(match)
        else:
            published_date = published_date or (_to_date(match) if match else None)
        source = source or _labelled_source(lines[index])
    published_date = published_date or drafted
    for index in metadata_lines:
        match = _DATE_RE.search(lines[index])
        if match and not published_date:
            published_date = _to_date(match)
            line = lines[index]
            source = source or _outlet(line[match.end() :], 0) or _outlet(line[: match.start()], -1)
    return published_date, source


def _to_date(match: re.Match) -> dt.date | None:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _labelled_source(line: str) -> str | None:
    match = _SOURCE_RE.search(line)
    if not match or match["source"] in _UNKNOWN_SOURCES:
        return None
    return match["source"]


def _outlet(rest: str, word: int) -> str | None:
    """The outlet name printed beside a bare date ("2021-01-07 金台资讯", "中山火炬发布 2023-07-28")."""
    rest = rest.strip()
    if (
        not rest
        or any(ch.isdigit() for ch in rest)
        or not CJK_RE.search(rest)
        or _FIELD_RE.search(rest)
        or _NOT_OUTLET_RE.match(rest)
    ):
        return None
    rest = _ISSUER_SUFFIX_RE.sub("", rest.split()[word])  # the word next to the date
    return rest if 2 <= len(rest) <= _MAX_DATE_LINE_REST and rest not in _UNKNOWN_SOURCES else None


def _title_index(lines, header, metadata_lines) -> int | None:
    """The first header line that reads like a heading: not metadata, not a sentence ending in 。."""
    for index in header:
        line = lines[index].strip()
        if index in metadata_lines or not CJK_RE.search(line) or _PROMO_RE.search(line):
            continue
        if _MIN_TITLE <= len(line) <= _MAX_TITLE and CJK_RE.search(line) and not line.endswith("。"):
            return index
        return None
    return None
