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
_WIDTH_TABLE = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {
    "\u3000": " ",
    "「": "“",
    "」": "”",
    "『": "‘",
    "』": "’",
}
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000「」『』]")
_REPEATED_PUNCTUATION_RE = re.compile(r"([,;:、。，；：])\1+")


def to_simplified(text: str) -> str:
    """OpenCC t2s: multi-character phrases first (乾燥 -> 干燥 but 乾隆 stays), then characters."""
    changing_character_re, changing_phrase_re, phrase_re, phrases, characters = _t2s_tables()
    if not (changing_character_re.search(text) or changing_phrase_re.search(text) or _has_astral(text)):
        return text  # most pages: nothing t2s would change, so not a character is looked up
    pieces = phrase_re.split(text)
    pieces[1::2] = [phrases[p] for p in pieces[1::2]]
    pieces[0::2] = [p.translate(characters) for p in pieces[0::2]]
    return "".join(pieces)


def normalise_width(text: str) -> str:
    """Full-width letters, digits and ASCII punctuation to ASCII; 「」 to “”.

    A page holds a few distinct wide characters many times: one `str.replace` per distinct one is
    ~6x faster than `str.translate`, which looks up every character of the page.
    """
    for wide in set(_WIDE_RE.findall(text)):
        text = text.replace(wide, _WIDTH_TABLE[wide])
    return text


def collapse_repeated_punctuation(text: str) -> tuple[str, int]:
    """ ",," -> ",", "。。" -> "。"; returns the text and how many runs were collapsed."""
    return _REPEATED_PUNCTUATION_RE.subn(r"\1", text)


def _has_astral(text: str) -> bool:
    """Characters past U+FFFF (some traditional ones are): such a page takes the full t2s path."""
    return bool(text) and max(text) > "\uffff"


@cache
def _t2s_tables() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str], dict[int, str]]:
    """The exact "would t2s change anything?" test (a BMP character it maps, or one of the few
    phrases it maps that hold none: 反覆 -> 反复; see _has_astral for the rest), the phrase matcher
    and both mappings.

    A character class past U+FFFF is scanned range by range (~0.6 ms a page), one within the BMP
    through a bitmap (~5 µs): the class holds only the BMP characters.
    """
    phrases = _read_dictionary("TSPhrases.txt")
    characters = {ord(k): v for k, v in _read_dictionary("TSCharacters.txt").items() if k != v}
    changing_character_re = re.compile(
        "[" + "".join(re.escape(chr(code)) for code in sorted(characters) if code <= 0xFFFF) + "]"
    )
    changing_phrases = sorted(p for p, s in phrases.items() if p != s and not changing_character_re.search(p))
    starts = "".join(sorted({p[0] for p in changing_phrases}))
    changing_phrase_re = re.compile(f"(?=[{re.escape(starts)}])(?:{'|'.join(map(re.escape, changing_phrases))})")
    alternatives = "|".join(map(re.escape, sorted(phrases, key=len, reverse=True)))
    return changing_character_re, changing_phrase_re, re.compile(f"({alternatives})"), phrases, characters


def _read_dictionary(name: str) -> dict[str, str]:
    """OpenCC txt dictionary: key TAB candidates separated by spaces; the first candidate wins."""
    entries = {}
    with open(_OPENCC_DICTIONARIES / name, encoding="utf-8") as lines:
        for line in lines:
            key, candidates = line.rstrip("\n").split("\t")
            entries[key] = candidates.split(" ")[0]
    return entries
