"""Bytes -> text for a corpus of Chinese web pages and bulletins in whatever encoding they came in.

Order of trust: a BOM, then strict UTF-8 (the common case, kept fast), then UTF-16 without a BOM,
then the legacy CJK codecs ranked by how much of the result is everyday Chinese (Big5 bytes also
decode "validly" as GBK, but into rare characters), then charset-normalizer for anything else.
Bytes that look binary or decode to nothing plausible come back with `error` set so the flow can
quarantine the file.

UTF-16 without a BOM is tried only where UTF-8 cannot be the answer: when the bytes hold NULs or
too many control bytes (ASCII in UTF-16 is half NUL bytes; the low bytes of CJK characters are
often control bytes), or once UTF-8 has failed. Both byte orders are decoded strictly and the one
whose text is everyday Chinese (or ASCII) is kept: the wrong byte order, binary data and legacy
CJK bytes decode into lone surrogates (an error) or rare characters and control characters.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from transforms.cleaning.cjk import CJK_RE, common_share
from transforms.model import Decoded

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_CJK_CODECS = ("gb18030", "big5", "cp950", "big5hkscs")  # ties go to the earlier one
_TEXT_CONTROL_BYTES = b"\t\n\r\f\x1b"
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROL_BYTES) + b"\x7f"
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.02
_MIN_CJK_PLAUSIBILITY = 0.8
_MAX_CHAOS = 0.2
_MAX_INVALID_UTF8_SHARE = 0.005  # a few corrupt bytes in otherwise valid UTF-8 are damage, not GBK
_CONTROL_CHAR_RE = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_UTF16_CODECS = ("utf-16-le", "utf-16-be")  # ties go to little-endian, what Windows writes


def decode_bytes(data: bytes) -> Decoded:
    """Decode one file's bytes; `error` says why when it cannot be turned into plausible text."""
    return decode_with_notes(data)[0]


def decode_with_notes(data: bytes) -> tuple[Decoded, list[str]]:
    """`decode_bytes` plus notes on what was tolerated (e.g. a truncated last character)."""
    if not data.strip():
        return Decoded(None, None, "empty file"), []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, codec), []
    if b"\x00" in data:
        return _decode_utf16(data) or (Decoded(None, None, "binary content: NUL bytes"), [])
    control_share = len(data.translate(None, _NON_CONTROL_BYTES)) / len(data)
    if control_share > _MAX_CONTROL_SHARE:
        return _decode_utf16(data) or (Decoded(None, None, f"binary content: {control_share:.0%} control bytes"), [])
    return _decode_utf8(data) or _decode_mostly_utf8(data) or _decode_utf16(data) or (_decode_legacy(data), [])


def _decode_with_bom(data: bytes, codec: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return Decoded(None, None, f"undecodable: {codec} BOM but invalid {codec} at byte {exc.start}")
    return Decoded(text.lstrip("\ufeff"), codec)


def _decode_utf8(data: bytes) -> tuple[Decoded, list[str]] | None:
    """Strict UTF-8; a multi-byte character cut off at the very end is dropped, not fatal."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8"), []
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data" or exc.end != len(data):
            return None
        note = f"dropped {len(data) - exc.start} trailing byte(s) of a truncated UTF-8 character"
        return Decoded(data[: exc.start].decode("utf-8"), "utf-8"), [note]


def _decode_mostly_utf8(data: bytes) -> tuple[Decoded, list[str]] | None:
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    if invalid > max(1, len(text) * _MAX_INVALID_UTF8_SHARE):
        return None
    return Decoded(text, "utf-8"), [f"replaced {invalid} invalid UTF-8 sequence(s) with U+FFFD"]


def _decode_utf16(data: bytes) -> tuple[Decoded, list[str]] | None:
    """UTF-16 without a BOM, little- or big-endian, when one of them gives plausible text.

    Plausible: strictly valid (a character cut off at the very end is dropped with a note), hardly
    any control characters, and everyday Chinese or ASCII (`common_share`). A tie goes to the byte
    order with more ASCII newlines and spaces (in the wrong order they read as U+0A00, U+2000).
    """
    best, best_key = None, None
    for codec in _UTF16_CODECS:
        decoded = _strict_utf16(data, codec)
        if decoded is None:
            continue
        text = decoded[0].text
        if len(_CONTROL_CHAR_RE.findall(text)) > len(text) * _MAX_CONTROL_SHARE:
            continue
        score = common_share(text)
        if score < _MIN_CJK_PLAUSIBILITY:
            continue
        key = (score, text.count("\n") + text.count(" "))
        if best_key is None or key > best_key:
            best, best_key = decoded, key
    return best


def _strict_utf16(data: bytes, codec: str) -> tuple[Decoded, list[str]] | None:
    try:
        return Decoded(data.decode(codec), codec), []
    except UnicodeDecodeError as exc:
        # an odd last byte ("truncated data") or a surrogate pair missing its second half
        if exc.end != len(data) or exc.reason not in ("truncated data", "unexpected end of data"):
            return None
        try:
            text = data[: exc.start].decode(codec)
        except UnicodeDecodeError:
            return None
        note = f"dropped {len(data) - exc.start} trailing byte(s) of a truncated {codec.upper()} character"
        return Decoded(text, codec), [note]


def _decode_legacy(data: bytes) -> Decoded:
    best_codec, best_text, best_score = None, None, -1.0
    for codec in _LEGACY_CJK_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = common_share(text) if CJK_RE.search(text) else 0.0
        if score > best_score:
            best_codec, best_text, best_score = codec, text, score
    if best_score >= _MIN_CJK_PLAUSIBILITY:
        return Decoded(best_text, best_codec)
    return _decode_by_detection(data, best_codec, best_score)


def _decode_by_detection(data: bytes, cjk_codec: str | None, cjk_score: float) -> Decoded:
    """Non-CJK or unusual encodings: accept charset-normalizer's guess only when it is coherent."""
    match = charset_normalizer.from_bytes(data).best()
    if match is not None and match.chaos <= _MAX_CHAOS and _is_plausible(str(match)):
        return Decoded(str(match), match.encoding)
    tried = f"best CJK codec {cjk_codec} scored {cjk_score:.2f}" if cjk_codec else "no CJK codec fits"
    return Decoded(None, None, f"undecodable: no encoding gives plausible text ({tried})")


def _is_plausible(text: str) -> bool:
    if "\ufffd" in text:
        return False
    return not CJK_RE.search(text) or common_share(text) >= _MIN_CJK_PLAUSIBILITY
