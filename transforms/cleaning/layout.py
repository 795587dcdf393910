"""Whitespace and paragraph layout: tidy each line, then re-join paragraphs cut by page breaks.

Extracted pages break words anywhere ("高新技术企\n\n业"). A paragraph is continued when it stops
without closing punctuation and it is clearly running prose (it has clause punctuation or is long)
or the next line begins with something a sentence cannot begin with. Short unpunctuated lines are
headings and are left alone, as are lines the caller marks as fixed (titles, article starts).
"""

from __future__ import annotations

import re

from transforms.cleaning.cjk import CJK_CHAR

_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_CJK_OR_PUNCT = f"[{CJK_CHAR}，。、；：！？“”‘’《》【】]"
_SPACE_INSIDE_CJK_RE = re.compile(f"(?<={_CJK_OR_PUNCT}) (?={_CJK_OR_PUNCT})")
# A comma between digits is a thousands separator ("阅读:2,341"), not clause punctuation.
_PROSE_RE = re.compile(r"[。，；;！？!?]|(?<!\d),|,(?!\d)")
_CLAUSE_RE = re.compile(r"[，、；;]|(?<!\d),|,(?!\d)")
_CLOSING = tuple("。！？!?；;:：”’」』…)）】》\"'")
_HEADING_START = tuple("【■●◆▲►▶—")
_CANNOT_START = tuple("，,。、；;：:！？!?)）”’》】…的了")
# 二、 / (一) / 1. / 第三章: outline numbering starts a new heading or item, never a continuation
_ENUMERATOR_RE = re.compile(
    r"^([一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])"
)
# A paragraph indent inside a line (a page flattened to one line): sentence end, then 2+ spaces.
_RUN_ON_RE = re.compile(r"(?<=[。！？!?”])[ \t\u00a0\u3000]{2,}(?=\S)")
_LONG_PROSE = 60
_SHORT_HEADING = 30


def tidy_line(line: str) -> str:
    """Drop invisible/control characters, collapse spaces; inside prose, drop spaces between CJK."""
    line = _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", line)).strip()
    if _PROSE_RE.search(line):
        line = _SPACE_INSIDE_CJK_RE.sub("", line)
    return line


def split_run_on_paragraphs(text: str) -> tuple[str, int]:
    """Paragraphs run together on one line, each still indented ("…增长9.1%。　　园区新增…"): break them."""
    if "  " not in text and "\u3000" not in text and "\t" not in text and "\u00a0" not in text:
        return text, 0
    return _RUN_ON_RE.subn("\n", text)


def join_broken_paragraphs(lines: list[str], fixed: frozenset[int]) -> tuple[list[tuple[str, int]], list[str]]:
    """Paragraphs as (text, index of first line) from tidy lines ("" = blank); and the joins made."""
    paragraphs: list[tuple[str, int]] = []
    joins: list[str] = []
    last_index = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if paragraphs and last_index not in fixed and index not in fixed and _continues(paragraphs[-1][0], line):
            text, first = paragraphs[-1]
            joins.append(f"{text[-6:]}|{line[:6]}")
            paragraphs[-1] = (text + _glue(text, line) + line, first)
        else:
            paragraphs.append((line, index))
        last_index = index
    return paragraphs, joins


def _continues(previous: str, line: str) -> bool:
    if previous.endswith(_CLOSING) or previous.startswith(_HEADING_START) or _ENUMERATOR_RE.match(line):
        return False
    if _is_numbered_heading(previous):
        return False
    if line.startswith(_CANNOT_START):
        return True
    return bool(_CLAUSE_RE.search(previous)) or len(previous) >= _LONG_PROSE


def _is_numbered_heading(line: str) -> bool:
    """ "二、主要做法", "(一)强化创新驱动": numbered, short, no clause after the number."""
    numbering = _ENUMERATOR_RE.match(line)
    return bool(numbering) and len(line) < _SHORT_HEADING and not _CLAUSE_RE.search(line[numbering.end() :])


def _glue(left: str, right: str) -> str:
    """Nothing between CJK halves; a space only where two Latin words/numbers would merge."""
    return " " if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum() else ""
