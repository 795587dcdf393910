"""Split a bulletin (an issue holding many articles) at its article titles.

A bulletin opens with a table of contents; each article later starts with a line repeating a
TOC entry. Entries are compared without whitespace, without a leading number or 【section】 label and
without dot leaders and page numbers, so "【火炬在行动】 科技部…培训班" in the TOC finds "科技部…主任和
主要职能部门…培训班" in the body, and "1. 苏州高新区上半年经济运行稳中向好……1" finds its article.
A plain news page has no repeated entries and stays one article.
"""

from __future__ import annotations

import re

_SECTION_LABEL_RE = re.compile(r"^【[^】]*】")
# TOC decoration around an entry: "1." / "一、" / "(三)" / "◆" before it, "……3" / "...... 12" after it.
_ENUMERATOR_RE = re.compile(
    r"^(?:\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|[◆●■▲►★•·-])\s*"
)
_PAGE_NUMBER_RE = re.compile(r"(?:[…．.·—\-_\s]{2,}|\s)\d{1,3}$")
_PROSE_RE = re.compile(r"[。！？!?]")
_MAX_ENTRY = 60
_MIN_ENTRY = 4
_BODY_LINE = 60
_MIN_ARTICLES = 2


def find_article_starts(lines: list[str]) -> list[int]:
    """Indices of lines that start an article of a bulletin; [] for a single-article page."""
    keys: dict[int, str] = {}  # the TOC's keys, by line: not computed twice (a table's rows can all look like a TOC)
    entries = _toc_entries(lines, keys)
    if not entries:
        return []
    wanted = {key for _, key in entries}
    places: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if _is_entry_shaped(line) and (key := keys[index] if index in keys else _key(line)) in wanted:
            places.setdefault(key, []).append(index)
    starts = []
    taken = dict.fromkeys(places, 0)  # per key, how many of its places are behind us (entries come in order)
    for entry_index, key in entries:
        found, at = places[key], taken[key]
        while at < len(found) and found[at] <= entry_index:
            at += 1
        if at < len(found):
            starts.append(found[at])
            at += 1
        taken[key] = at
    return sorted(starts) if len(starts) >= _MIN_ARTICLES else []


def _toc_entries(lines: list[str], keys: dict[int, str] | None = None) -> list[tuple[int, str]]:
    """Short lines before the first body paragraph, minus subtitles ("——…") and bare labels.
    Each line's key is also put in keys, when given."""
    entries = []
    for index, line in enumerate(lines):
        if len(line) > _BODY_LINE or _PROSE_RE.search(line):
            break
        key = _key(line)
        if keys is not None:
            keys[index] = key
        if _is_entry_shaped(line) and len(key) >= _MIN_ENTRY and not key.startswith("—"):
            entries.append((index, key))
    return entries


def _is_entry_shaped(line: str) -> bool:
    return 0 < len(line) <= _MAX_ENTRY and not _PROSE_RE.search(line)


def _key(line: str) -> str:
    line = line.strip()
    if enumerator := _ENUMERATOR_RE.match(line):
        line = line[enumerator.end() :]
    line = line.strip()
    if label := _SECTION_LABEL_RE.match(line):
        line = line[label.end() :]
    if line[-1:].isdecimal():  # a page number ends in a digit: most lines are spared the search
        line = _PAGE_NUMBER_RE.sub("", line)
    return "".join(line.split())  # str.split() and the regex \s both split at str.isspace() characters
