"""Whitespace and paragraph layout: tidy each line, then re-join paragraphs cut by page breaks.

Extracted pages break words anywhere ("高新技术企\n\n业"). A paragraph is continued when it stops
without closing punctuation and it is clearly running prose (it has clause punctuation or is long)
or the next line begins with something a sentence cannot begin with. Short unpunctuated lines are
headings and are left alone, as are table rows (cells between spaces or ending in "|") and lines the
caller marks as fixed (titles, article starts).
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
_CLOSING = tuple("。！？!?；;:：”’」』…)）】》\"'|")  # "|": the end of a table row as pages render it
_HEADING_START = tuple("【■●◆▲►▶—")
_CANNOT_START = tuple("，,。、；;：:！？!?)）”’》】…的了")
# 二、 / (一) / 1. / 第三章: outline numbering starts a new heading or item, never a continuation
_ENUMERATOR_RE = re.compile(
    r"^([一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])"
)
# A paragraph indent inside a line (a page flattened to one line): sentence end, then 2+ spaces.
_RUN_ON_RE = re.compile(r"(?<=[。！？!?”])[ \t\u00a0\u3000]{2,}(?=\S)")
# A table row or header rendered as a line ("(一) 地区生产总值 487.45 6.8", "绝对额 同比"): short cells between
# single spaces (lines are tidy), no sentence punctuation, no Latin words. Such a line is never joined.
_TABULAR_RE = re.compile(r"[^\s,，。;；!！?？]{1,24}(?: [^\s,，。;；!！?？]{1,24})+")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{3}")
_LONG_PROSE = 60
_SHORT_HEADING = 30


def tidy_line(line: str) -> str:
    """Drop invisible/control characters, collapse spaces; inside prose, drop spaces between CJK."""
    return _tidy(_SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", line)))


def tidy_lines(text: str) -> list[str]:
    """tidy_line of each line of text, with the character-level steps run once over the whole text (neither
    pattern matches a line break, so the result is the same)."""
    return [_tidy(line) for line in _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).split("\n")]


def _tidy(line: str) -> str:
    line = line.strip()
    if _PROSE_RE.search(line):
        line = _SPACE_INSIDE_CJK_RE.sub("", line)
    return line


def split_run_on_paragraphs(text: str) -> tuple[str, int]:
    """Paragraphs run together on one line, each still indented ("…增长9.1%。　　园区新增…"): break them."""
    if "  " not in text and "\u3000" not in text and "\t" not in text and "\u00a0" not in text:
        return text, 0
    return _RUN_ON_RE.subn("\n", text)


def join_broken_paragraphs(lines: list[str], fixed: frozenset[int]) -> tuple[list[tuple[str, int]], list[str]]:
    """Paragraphs as (text, index of first line) from tidy lines ("" = blank); and the joins made.

    A paragraph is kept as its pieces until the end: joining each line onto the text so far would copy
    the paragraph once per line (a PDF dump wrapped mid-sentence on every line is one long paragraph).
    """
    paragraphs: list[_Paragraph] = []
    joins: list[str] = []
    last_index = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if paragraphs and last_index not in fixed and index not in fixed and _continues(paragraphs[-1], line):
            joins.append(f"{paragraphs[-1].tail(6)}|{line[:6]}")
            paragraphs[-1].add(line)
        else:
            paragraphs.append(_Paragraph(line, index))
        last_index = index
    return [("".join(p.pieces), p.first) for p in paragraphs], joins


class _Paragraph:
    """A paragraph being joined: its lines with the glue between them, its first line's index, its length."""

    __slots__ = ("pieces", "first", "length")

    def __init__(self, line: str, first: int) -> None:
        self.pieces, self.first, self.length = [line], first, len(line)

    def add(self, line: str) -> None:
        glue = _glue(self.pieces[-1], line)
        self.pieces += [glue, line] if glue else [line]
        self.length += len(glue) + len(line)

    def tail(self, size: int) -> str:
        """The last `size` characters (lines are not empty: a few pieces hold them)."""
        taken, end = 0, len(self.pieces)
        while end > 0 and taken < size:
            end -= 1
            taken += len(self.pieces[end])
        return "".join(self.pieces[end:])[-size:]

    def text_if_shorter(self, size: int) -> str | None:
        """The text, when shorter than `size` (the rules below only read short paragraphs whole)."""
        return "".join(self.pieces) if self.length < size else None


def _continues(previous: _Paragraph, line: str) -> bool:
    first, last = previous.pieces[0], previous.pieces[-1]
    if last.endswith(_CLOSING) or first.startswith(_HEADING_START) or _ENUMERATOR_RE.match(line):
        return False
    if _is_tabular(last) or _is_tabular(line):
        return False
    heading = previous.text_if_shorter(_SHORT_HEADING)  # a numbered heading is short
    if heading is not None and _is_numbered_heading(heading):
        return False
    if line.startswith(_CANNOT_START):
        return True
    short = previous.text_if_shorter(_LONG_PROSE)
    return short is None or bool(_CLAUSE_RE.search(short))


def _is_tabular(line: str) -> bool:
    return bool(_TABULAR_RE.fullmatch(line)) and not _LATIN_WORD_RE.search(line)


def _is_numbered_heading(line: str) -> bool:
    """ "二、主要做法", "(一)强化创新驱动": numbered, short, no clause after the number."""
    numbering = _ENUMERATOR_RE.match(line)
    return bool(numbering) and len(line) < _SHORT_HEADING and not _CLAUSE_RE.search(line[numbering.end() :])


def _glue(left: str, right: str) -> str:
    """Nothing between CJK halves; a space only where two Latin words/numbers would merge."""
    return " " if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum() else ""
