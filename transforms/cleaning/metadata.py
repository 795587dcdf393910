"""Title, publication date and source, read only from the head of a page.

Dates are taken from labelled fields (日期: / 发布时间:) or from short header lines that are little
more than a date ("2021-01-07 金台资讯"), never from body sentences ("10月16日上午"): a wrong date
shifts every 今年/去年 figure, so no date is better than a guessed one.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transforms.cleaning.cjk import CJK_RE

HEADER_LINES = 15
_DATE = (r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
         r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_DATE_RE = re.compile(_DATE)
_DATE_LABEL = r"(?:发布日期|发布时间|发表日期|发表时间|更新时间|成文日期|发文日期|日期|时间)"
_LABELLED_DATE_RE = re.compile(f"{_DATE_LABEL}\\s*[:：]\\s*{_DATE}")
_FIELD_RE = re.compile(
    r"(?:^|\s)(?:文章来源|信息来源|来源|稿源|发布日期|发布时间|发表时间|更新时间|日期|时间|作者|编辑|点击|点击数|浏览|浏览次数|阅读)\s*[:：]")
_SOURCE_RE = re.compile(r"(?:文章来源|信息来源|来源|稿源)\s*[:：]\s*(?P<source>[^\s|:：]{1,30})")
_UNKNOWN_SOURCES = frozenset({"未知", "不详", "暂无", "无"})
_SENTENCE_RE = re.compile(r"[。，,;；!?！？]")
_MAX_DATE_LINE = 40
_MAX_DATE_LINE_REST = 20
_MAX_FIELD_LINE = 100
_MAX_TITLE = 100
_MIN_TITLE = 2


@dataclass(frozen=True)
class Metadata:
    title: str | None
    published_date: dt.date | None
    source: str | None
    title_index: int | None
    metadata_lines: tuple[int, ...]  # header lines that only carry metadata (removed from clean text)


def read_metadata(lines: list[str]) -> Metadata:
    """Metadata of a page whose boilerplate lines are already blanked out (indices stay valid)."""
    header = _header_indices(lines)
    metadata_lines = [i for i in header if is_metadata_line(lines[i])]
    published_date, source = _date_and_source(lines, header, metadata_lines)
    title_index = _title_index(lines, header, metadata_lines)
    title = lines[title_index].strip() if title_index is not None else None
    return Metadata(title, published_date, source, title_index, tuple(metadata_lines))


def _header_indices(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()][:HEADER_LINES]


def is_metadata_line(line: str) -> bool:
    """A line of labelled fields (来源: 日期: 点击:) or little more than a date; never a sentence."""
    stripped = line.strip()
    if _SENTENCE_RE.search(stripped):
        return False
    if len(stripped) <= _MAX_FIELD_LINE and _FIELD_RE.search(stripped):
        return True
    date = _DATE_RE.search(stripped)
    rest = _DATE_RE.sub("", stripped).strip() if date else ""
    return bool(date) and len(stripped) <= _MAX_DATE_LINE and len(rest) <= _MAX_DATE_LINE_REST


def _date_and_source(lines, header, metadata_lines) -> tuple[dt.date | None, str | None]:
    """Labelled date anywhere in the header first, then the date of a date-only header line."""
    published_date, source = None, None
    for index in header:
        match = _LABELLED_DATE_RE.search(lines[index])
        published_date = published_date or (_to_date(match) if match else None)
        source = source or _labelled_source(lines[index])
    for index in metadata_lines:
        match = _DATE_RE.search(lines[index])
        if match and not published_date:
            published_date = _to_date(match)
            source = source or _trailing_source(lines[index][match.end():])
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


def _trailing_source(rest: str) -> str | None:
    """The outlet name printed after a bare date ("2021-01-07 金台资讯")."""
    rest = rest.strip()
    if not rest or any(ch.isdigit() for ch in rest) or not CJK_RE.search(rest) or _FIELD_RE.search(rest):
        return None
    return rest if len(rest) <= _MAX_DATE_LINE_REST else None


def _title_index(lines, header, metadata_lines) -> int | None:
    """The first header line that reads like a heading: not metadata, not a sentence ending in 。."""
    for index in header:
        if index in metadata_lines:
            continue
        line = lines[index].strip()
        if _MIN_TITLE <= len(line) <= _MAX_TITLE and CJK_RE.search(line) and not line.endswith("。"):
            return index
        return None
    return None
