"""decode_bytes on the real seeds saved in every encoding the corpus arrives in, and on junk."""

from __future__ import annotations

import random
import struct
import time
import zlib
from pathlib import Path

import pytest

from tests.encodings import saved_as
from transforms.decode import decode_bytes, decode_with_notes

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "sample"
SEEDS = sorted(SAMPLE_DIR.glob("*.txt"))
TRADITIONAL_SEEDS = [p for p in SEEDS if p.name[:3] in {"000", "001", "003"}]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize(
    "codec, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("gb18030", "gb18030"),
    ],
)
def test_seed_round_trips(path, codec, expected):
    text = _text(path)
    decoded = decode_bytes(text.encode(codec))
    assert decoded.error is None
    assert decoded.encoding == expected
    assert decoded.text == text


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_big_endian_utf16_with_bom(path):
    text = _text(path)
    assert decode_bytes(b"\xfe\xff" + text.encode("utf-16-be")).text == text


@pytest.mark.parametrize("path", TRADITIONAL_SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("codec", ["big5", "big5hkscs"])
def test_big5_is_not_mistaken_for_gbk(path, codec):
    """Big5 bytes also decode "validly" as GBK, into rare characters; the scorer must prefer Big5."""
    text = _text(path)
    decoded = decode_bytes(saved_as(text, codec))
    assert decoded.encoding in {"big5", "cp950", "big5hkscs"}
    assert decoded.text == text


def test_gbk_page_full_of_full_width_figures_decodes():
    """Full-width digits and punctuation (３５６．２％) say nothing about the codec: they must not sink
    the common-character score of an otherwise plain GBK page."""
    text = "宝鸡高新区\r\n　　上半年实现工业总产值３５６．２亿元，同比增长１１．２％，企业２１２家。\r\n"
    decoded = decode_bytes(text.encode("gb18030"))
    assert decoded.error is None and decoded.text == text


def test_truncated_utf8_drops_the_partial_character_with_a_note():
    data = "荣昌高新区工业总产值".encode()[:-1]
    decoded, notes = decode_with_notes(data)
    assert decoded.error is None
    assert decoded.text == "荣昌高新区工业总产"
    assert notes and "truncated" in notes[0]


def test_a_few_corrupt_bytes_keep_utf8():
    text = _text(SEEDS[2])
    data = text.encode("utf-8")
    decoded, notes = decode_with_notes(data[:100] + b"\xff" + data[100:])
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 1
    assert notes


UTF16_NO_BOM = ["utf-16-le", "utf-16-be"]
# No ASCII at all, so no NUL byte either: the low bytes of 上业三，同分。 are control bytes (6% of the
# file), and the file is refused as binary unless UTF-16 is tried first.
PURE_CJK = "宝鸡高新区上半年实现工业总产值三百五十六亿元，同比增长百分之十点二。"
# Pure CJK with neither NUL nor control bytes: UTF-8 and mostly-UTF-8 fail, UTF-16 comes before the legacy codecs.
PURE_CJK_NO_CONTROL_BYTES = "宝鸡高新区全年实现总产值百亿元同比增加"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("codec", UTF16_NO_BOM)
def test_utf16_without_bom_decodes_exactly(path, codec):
    """Seeds hold ASCII digits, punctuation and newlines: NUL bytes at one parity, not binary."""
    text = _text(path)
    decoded, notes = decode_with_notes(text.encode(codec))
    assert decoded.error is None
    assert decoded.encoding == codec
    assert decoded.text == text
    assert notes == []


@pytest.mark.parametrize("text", [PURE_CJK, PURE_CJK_NO_CONTROL_BYTES], ids=["control-bytes", "no-control-bytes"])
@pytest.mark.parametrize("codec", UTF16_NO_BOM)
def test_pure_cjk_utf16_without_bom_decodes(text, codec):
    data = text.encode(codec)
    assert b"\x00" not in data
    decoded = decode_bytes(data)
    assert decoded.error is None
    assert decoded.encoding == codec
    assert decoded.text == text


@pytest.mark.parametrize("codec", UTF16_NO_BOM)
def test_utf16_without_bom_with_an_odd_last_byte_keeps_the_text_with_a_note(codec):
    text = "荣昌高新区2023年工业总产值\n同比增长12.5%\n"
    decoded, notes = decode_with_notes(text.encode(codec) + "区".encode(codec)[:1])
    assert decoded.error is None
    assert decoded.encoding == codec
    assert decoded.text == text
    assert len(notes) == 1 and "truncated" in notes[0] and "1 trailing byte" in notes[0]


def _png_like() -> bytes:
    rng = random.Random(7)
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 64, 64, 8, 6, 0, 0, 0)
    return header + zlib.compress(bytes(rng.randrange(4) for _ in range(16384)))


def _zip_like() -> bytes:
    return b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + zlib.compress("高新区工业总产值".encode() * 200)


def _valid_utf16_of_random_characters() -> bytes:
    """Strictly valid UTF-16 (no surrogates), but random BMP characters: not text."""
    rng = random.Random(11)
    chars = [chr(rng.choice([rng.randrange(0x20, 0xD800), rng.randrange(0xE000, 0xFFFE)])) for _ in range(2000)]
    return "".join(chars).encode("utf-16-le")


@pytest.mark.parametrize(
    "data",
    [
        _png_like(),
        _zip_like(),
        b"\x00" * 4096,
        b"\x00" * 4097,
        random.Random(3).randbytes(65536),
        _valid_utf16_of_random_characters(),
        "宝鸡高新区".encode("gb18030").replace(b"\xb1", b"\x00") * 100,  # GBK bytes with NULs: damaged, not UTF-16
    ],
    ids=["png", "zip", "nul-even", "nul-odd", "random", "random-utf16-chars", "gbk-with-nuls"],
)
def test_binary_is_not_taken_for_utf16(data):
    decoded = decode_bytes(data)
    assert decoded.text is None and decoded.encoding is None
    assert decoded.error.startswith("binary content")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b" \r\n\t\n", "empty file"),
        ("高新区\x00".encode() * 20, "binary content"),
        (bytes(range(32)) * 20, "binary content"),
        (bytes([0x81, 0x30, 0xFF, 0x80, 0xFE]) * 50, "undecodable"),
    ],
)
def test_unusable_bytes_are_refused_with_a_reason(data, reason):
    decoded = decode_bytes(data)
    assert decoded.text is None and decoded.encoding is None
    assert decoded.error.startswith(reason)


def test_utf8_path_is_fast():
    data = _text(SEEDS[0]).encode("utf-8")[:5000].decode("utf-8", "ignore").encode("utf-8")
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        decode_bytes(data)
    assert (time.perf_counter() - started) / runs < 0.001
