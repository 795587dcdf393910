"""Undo text that was decoded with the wrong codec before it reached us.

Three shapes show up in scraped Chinese pages: UTF-8 read as cp1252/latin-1 (é«˜æ–°åŒº), UTF-8 read
as GBK (楂樻柊鍖) and GBK read as latin-1 (ÈÙ²ý¸ßÐÂÇø). Each is undone by re-encoding with the wrong
codec and decoding with the right one. ftfy only knows the Latin cases, so the round trips are tried
here line by line and a repair is kept only when it turns a line into clearly more common Chinese.
"""

from __future__ import annotations

import re
from collections import Counter

import ftfy
import ftfy.bad_codecs  # noqa: F401  registers "sloppy-windows-1252"

from transforms.cleaning.cjk import CJK_RE, UNCOMMON_PAIR_RE, common_share

# (codec the bytes were wrongly read with, codec they really are in)
_LATIN_READINGS = (
    ("latin-1", "utf-8"),
    ("sloppy-windows-1252", "utf-8"),
    ("latin-1", "gb18030"),
    ("sloppy-windows-1252", "gb18030"),
    ("latin-1", "big5"),
)
_CJK_READINGS = (("gbk", "utf-8"), ("gbk", "big5"), ("big5", "gb18030"), ("big5", "utf-8"))
# Latin-1 characters minus those real Chinese text uses: NBSP, the middle dot and pinyin vowels.
_LATIN_MOJIBAKE_RE = re.compile(
    "[\u0080-\u009f\u00a1-\u00b6\u00b8-\u00df\u00e2-\u00e7\u00ea\u00eb\u00ee-\u00f1\u00f4-\u00f8\u00fb\u00fd-\u00ff]"
)
_SUSPICIOUS_SHARE = 0.75  # lines of real Chinese score ~0.95; mis-decoded ones ~0.3
_MIN_REPAIRED_SHARE = 0.85
_MIN_GAIN = 0.25
# UTF-8 read as GBK loses the last byte of a character before ASCII at odd alignment (~10% of
# characters): such a line is still far more useful repaired, with U+FFFD marking the losses.
_MAX_LOST_SHARE = 0.25
_LOST = "\ufffd"
_MAX_EXAMPLES = 3


def repair_mojibake(text: str) -> tuple[str, list[dict]]:
    """Repair mis-decoded lines; returns the text and the repairs made (empty when none).

    A short line can read plausibly under two codecs (电话 from GBK, 萇趕 from Big5); the reading
    that repairs most of the document decides such ties.
    """
    repairs = []
    lines = text.split("\n")
    candidates = [_candidates(line) for line in lines]
    votes = Counter()
    for options in candidates:
        for reading, (score, fixed) in options.items():
            votes[reading] += score * len(fixed)
    changed = []
    for index, options in enumerate(candidates):
        if options:
            reading = max(options, key=lambda r: (round(options[r][0], 1), votes[r]))
            changed.append((lines[index], options[reading][1], reading))
            lines[index] = options[reading][1]
    if changed:
        repairs.append(
            {
                "step": "mojibake",
                "count": len(changed),
                "readings": sorted({reading for _, _, reading in changed}),
                "examples": [{"from": line[:24], "to": fixed[:24]} for line, fixed, _ in changed[:_MAX_EXAMPLES]],
            }
        )
        text = "\n".join(lines)
    if _LATIN_MOJIBAKE_RE.search(text):
        fixed = ftfy.fix_encoding(text)
        if fixed != text:
            before = [line for line in text.split("\n") if line not in set(fixed.split("\n"))]
            repairs.append(
                {
                    "step": "ftfy_fix_encoding",
                    "count": len(before),
                    "examples": [line[:24] for line in before[:_MAX_EXAMPLES]],
                }
            )
            text = fixed
    return text, repairs


def _candidates(line: str) -> dict[str, tuple[float, str]]:
    """Round trips that turn `line` into clearly more common Chinese: reading -> (score, text).

    The score is the common-character share minus the share of characters lost to U+FFFD.
    """
    if line.isascii():
        return {}
    if _LATIN_MOJIBAKE_RE.search(line):
        readings = _LATIN_READINGS
    elif UNCOMMON_PAIR_RE.search(line) and common_share(line) < _SUSPICIOUS_SHARE:
        readings = _CJK_READINGS
    else:
        return {}
    baseline = common_share(line) if CJK_RE.search(line) else 0.0
    threshold = max(baseline + _MIN_GAIN, _MIN_REPAIRED_SHARE)
    options = {}
    for wrong, right in readings:
        candidate = _round_trip(line, wrong, right)
        if candidate is None or not CJK_RE.search(candidate):
            continue
        share = common_share(candidate.replace(_LOST, ""))
        if share >= threshold:
            options[f"{right} read as {wrong}"] = (share - candidate.count(_LOST) / len(candidate), candidate)
    return options


def _round_trip(line: str, wrong: str, right: str) -> str | None:
    """Re-encode with the codec the text was wrongly read with, decode with the right one.

    Bytes lost to U+FFFD during the original mis-decoding stay lost: each becomes one U+FFFD.
    """
    pieces = line.split(_LOST)
    try:
        raw = b"\xff".join(piece.encode(wrong) for piece in pieces)
    except UnicodeEncodeError:
        return None
    if len(pieces) == 1:
        try:
            return raw.decode(right)
        except UnicodeDecodeError:
            pass
    repaired = re.sub(f"{_LOST}+", _LOST, raw.decode(right, errors="replace"))
    lost = repaired.count(_LOST)
    return repaired if lost <= max(1, len(repaired) * _MAX_LOST_SHARE) else None
