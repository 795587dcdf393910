"""HTML left in scraped text: tags, script/style bodies and character references.

Block tags (p, br, div, li, tr, h1-h6, title …) become line breaks, other HTML tags vanish, a tag cut off
at the end of a line (a truncated page: `<a href="http://`) is dropped. Character references are
unescaped only in their complete form (`&amp;` `&#8220;` `&#x4E2D;`), via html.unescape, so text such
as "R&D" or "&para" without a semicolon is left alone. Text without `<` or `&` is returned at once.
"""

from __future__ import annotations

import html
import re

_SCRIPT_RE = re.compile(r"<(script|style|noscript)\b[^>]*>.*?(</\1\s*>|$)", re.I | re.S)
_COMMENT_RE = re.compile(r"<!--.*?(-->|$)", re.S)
_BLOCK_TAGS = "p|br|div|li|ul|ol|tr|td|th|table|h[1-6]|title|section|article|header|footer|blockquote|dd|dt|hr"
_BLOCK_TAG_RE = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.I)
# Only HTML's own tag names (and Word's o:p / st1:*), so "x<y且y>z" in a sentence is not a tag.
_TAG_NAMES = (
    f"{_BLOCK_TAGS}|a|span|img|strong|b|i|u|em|font|small|big|sup|sub|center|tbody|thead|tfoot|dl|iframe"
    "|input|button|form|label|select|option|meta|link|html|head|body|nav|aside|main|figure|figcaption|caption"
    "|col|colgroup|pre|code|wbr|[a-z]+:[a-z0-9]+"
)
_TAG_RE = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>|<!(?:doctype)[^<>]*>", re.I)
_CUT_TAG_RE = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>\n]*)?$", re.I | re.M)  # a tag the page was cut in
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_HAS_TAG_RE = re.compile(r"<[a-zA-Z/!]")


def strip_markup(text: str) -> tuple[str, list[dict]]:
    """Drop tags and unescape character references; returns the text and a repair record if any."""
    tags = entities = 0
    if "<" in text and _HAS_TAG_RE.search(text):
        text, scripts = _SCRIPT_RE.subn("", text)
        text, comments = _COMMENT_RE.subn("", text)
        text, blocks = _BLOCK_TAG_RE.subn("\n", text)
        text, inline = _TAG_RE.subn("", text)
        text, cut = _CUT_TAG_RE.subn("", text)
        tags = scripts + comments + blocks + inline + cut
    if "&" in text:
        text, entities = _ENTITY_RE.subn(lambda m: _unescape(m.group(0)), text)
    if not tags and not entities:
        return text, []
    return text, [{"step": "html_markup", "tags": tags, "entities": entities}]


def _unescape(entity: str) -> str:
    text = html.unescape(entity)
    return "\n" if text in ("\r", "\n", "\r\n") else text
