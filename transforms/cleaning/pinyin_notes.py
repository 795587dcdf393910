"""Remove pinyin reading aids that some sites print after characters: 區(qū) -> 區, 經（jīng）-> 經.

A bracket is dropped only when it holds a reading of the character right before it, so real
brackets such as (GDP), (7号文) or (重庆) are never touched.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

# Only single characters are looked up: pypinyin's phrase dictionary (~45 MB in every worker
# process, 0.2 s to load) is never consulted for them, so it is not loaded (same readings for
# every character of CJK Unified Ideographs and Extension A, checked).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
from pypinyin import Style, pinyin  # noqa: E402

from transforms.cleaning.cjk import CJK_CHAR

_PINYIN_LETTERS = "a-zA-Zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_ANNOTATION_RE = re.compile(f"(?<=[{CJK_CHAR}])\\s?[(（]\\s?([{_PINYIN_LETTERS}]{{1,7}})\\s?[)）]")
_TONE_MARKS = re.compile("[\u0300-\u0304\u030c]")
_MAX_EXAMPLES = 5


def strip_pinyin_annotations(text: str) -> tuple[str, list[dict]]:
    """Drop bracketed readings that match the preceding character; records count and examples."""
    dropped: list[str] = []

    def drop_if_reading(match: re.Match) -> str:
        char = text[match.start() - 1]
        if _normalise(match.group(1)) not in _readings(char):
            return match.group(0)
        dropped.append(char + match.group(0))
        return ""

    cleaned = _ANNOTATION_RE.sub(drop_if_reading, text)
    if not dropped:
        return text, []
    return cleaned, [{"step": "pinyin_annotations", "count": len(dropped), "examples": dropped[:_MAX_EXAMPLES]}]


def _normalise(reading: str) -> str:
    return unicodedata.normalize("NFC", reading.strip().lower()).replace("v", "ü")


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """Every reading of `char`, with tone marks and without (annotations are written both ways)."""
    toned = {_normalise(r) for r in pinyin(char, style=Style.TONE, heteronym=True)[0]}
    toneless = {_strip_tones(r) for r in toned}
    return frozenset(toned | toneless | {r.replace("ü", "u") for r in toneless})


def _strip_tones(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    return unicodedata.normalize("NFC", _TONE_MARKS.sub("", decomposed))
