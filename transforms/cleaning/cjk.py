"""Which characters are everyday written Chinese: the yardstick for telling real text from bytes
decoded with the wrong codec (mis-decoded CJK is valid Unicode, but full of rare characters)."""

from __future__ import annotations

import re

CJK_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CHAR}]")
_CJK_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～％"
_PINYIN_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"  # reading aids, neither good nor bad evidence


def _decodable_pairs(codec: str, leads: range, trails: list[int]) -> set[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                continue
    return chars


def _common_characters() -> frozenset[str]:
    """GB2312 level 1 (the 3755 most used simplified characters) plus Big5 常用字 (5401 traditional)."""
    simplified = _decodable_pairs("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))
    big5_trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    traditional = _decodable_pairs("big5", range(0xA4, 0xC7), big5_trails)
    return frozenset(simplified | traditional | set(_CJK_PUNCTUATION))


COMMON_CHARACTERS = _common_characters()
# ASCII, its full-width forms (２０２３，％) and the ideographic space say nothing about the codec.
_DROP_NEUTRAL = (
    dict.fromkeys(range(128))
    | {ord(c): None for c in _PINYIN_LETTERS}
    | dict.fromkeys(range(65281, 65375))
    | {0x3000: None}
)
_DROP_NEUTRAL_AND_COMMON = {**_DROP_NEUTRAL, **{ord(c): None for c in COMMON_CHARACTERS}}


def common_share(text: str) -> float:
    """Share of the non-ASCII characters (pinyin letters and full-width ASCII aside) that are common
    Chinese or punctuation.

    1.0 for pure-ASCII text (nothing suspicious); real Chinese scores ~0.95+, mis-decoded bytes far lower.
    """
    counted = len(text.translate(_DROP_NEUTRAL))
    if not counted:
        return 1.0
    uncommon = len(text.translate(_DROP_NEUTRAL_AND_COMMON))
    return 1.0 - uncommon / counted


def _uncommon_cjk_class() -> str:
    ranges, start = [], None
    for code in range(0x4E00, 0xA001):  # U+A000 is past the block: closes the last range
        uncommon = code < 0xA000 and chr(code) not in COMMON_CHARACTERS
        if uncommon and start is None:
            start = code
        elif not uncommon and start is not None:
            ranges.append(f"{chr(start)}-{chr(code - 1)}" if code - 1 > start else chr(start))
            start = None
    return "\u3400-\u4dbf" + "".join(ranges)


# Two rare characters in a row: common in mis-decoded text, rare in real text (names aside).
UNCOMMON_PAIR_RE = re.compile(f"[{_uncommon_cjk_class()}]{{2}}")
