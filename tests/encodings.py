"""How a text arrives on disk in the wild: the encodings and mojibake variants tests regenerate."""

from __future__ import annotations

from collections.abc import Callable

import ftfy.bad_codecs  # noqa: F401  registers "sloppy-windows-1252" for building mojibake
import pytest


def saved_as(text: str, codec: str) -> bytes:
    """`text` encoded with `codec`, or the test skipped when the codec cannot hold it."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        pytest.skip(f"text not encodable as {codec}")


def _misread(raw: bytes, wrong_codec: str) -> bytes:
    """Bytes read with the wrong codec and saved again as UTF-8: mojibake."""
    return raw.decode(wrong_codec).encode("utf-8")


VARIANTS: dict[str, Callable[[str], bytes]] = {
    "gb18030": lambda t: saved_as(t, "gb18030"),
    "big5": lambda t: saved_as(t, "big5"),
    "big5hkscs": lambda t: saved_as(t, "big5hkscs"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "utf8_read_as_cp1252": lambda t: _misread(t.encode("utf-8"), "sloppy-windows-1252"),
    "utf8_read_as_latin1": lambda t: _misread(t.encode("utf-8"), "latin-1"),
    "gbk_read_as_latin1": lambda t: _misread(saved_as(t, "gb18030"), "latin-1"),
    "gbk_read_as_cp1252": lambda t: _misread(saved_as(t, "gb18030"), "sloppy-windows-1252"),
}
LINE_ENDING_VARIANTS: dict[str, Callable[[str], bytes]] = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "trailing_spaces": lambda t: t.replace("\n", "  \n").encode("utf-8"),
}
