"""One script and one set of character widths, so downstream patterns are written once.

Traditional -> simplified uses OpenCC's own t2s dictionaries (phrases first, then characters), but
applied with one regex pass and `str.translate` instead of opencc-python-reimplemented's per-call
tree search, which runs at ~0.5 M chars/s. Phrases are matched leftmost-longest, as OpenCC does.

Width: the full-width ASCII block (Ｕ+FF01..FF5E: ２０２１ ，：；（）％) becomes ASCII, the ideographic
space a space; 。、“”《》【】 stay as they are. Corner quotes 「」『』 become “” ‘’ (mainland style).
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc

_OPENCC_DICTIONARIES = Path(opencc.__file__).parent / "dictionary"
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: " ", ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"
}
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000「」『』]")
_REPEATED_PUNCTUATION_RE = re.compile(r"([,;:、。，；：])\1+")


def to_simplified(text: str) -> str:
    """OpenCC t2s: multi-character phrases first (乾燥 -> 干燥 but 乾隆 stays), then characters."""
    traditional_re, phrase_re, phrases, characters = _t2s_tables()
    if not traditional_re.search(text):
        return text
    pieces = phrase_re.split(text)
    pieces[1::2] = [phrases[p] for p in pieces[1::2]]
    pieces[0::2] = [p.translate(characters) for p in pieces[0::2]]
    return "".join(pieces)


def normalise_width(text: str) -> str:
    """Full-width letters, digits and ASCII punctuation to ASCII; 「」 to “”."""
    return text.translate(_WIDTH_TABLE) if _WIDE_RE.search(text) else text


def collapse_repeated_punctuation(text: str) -> tuple[str, int]:
    """",," -> ",", "。。" -> "。"; returns the text and how many runs were collapsed."""
    return _REPEATED_PUNCTUATION_RE.subn(r"\1", text)


@cache
def _t2s_tables() -> tuple[re.Pattern, re.Pattern, dict[str, str], dict[int, str]]:
    """A quick "any traditional character?" test, the phrase matcher and both mappings."""
    phrases = _read_dictionary("TSPhrases.txt")
    characters = {ord(k): v for k, v in _read_dictionary("TSCharacters.txt").items() if k != v}
    first_chars = {phrase[0] for phrase in phrases} | {chr(code) for code in characters}
    traditional_re = re.compile("[" + "".join(map(re.escape, sorted(first_chars))) + "]")
    alternatives = "|".join(map(re.escape, sorted(phrases, key=len, reverse=True)))
    return traditional_re, re.compile(f"({alternatives})"), phrases, characters


def _read_dictionary(name: str) -> dict[str, str]:
    """OpenCC txt dictionary: key TAB candidates separated by spaces; the first candidate wins."""
    entries = {}
    with open(_OPENCC_DICTIONARIES / name, encoding="utf-8") as lines:
        for line in lines:
            key, candidates = line.rstrip("\n").split("\t")
            entries[key] = candidates.split(" ")[0]
    return entries
