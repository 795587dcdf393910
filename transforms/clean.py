"""Raw decoded text -> CleanedDocument: the text the extractor reads, its metadata and articles.

Steps, in order, each recorded in `repairs` so nothing is lost silently:
mojibake -> HTML markup -> pinyin annotations -> script and widths -> boilerplate lines (metadata read
first, repeated title lines dropped) -> paragraph layout -> article split. Pure and deterministic; no I/O.

Output layout: one paragraph per line, "\n" between paragraphs, no blank lines; simplified script;
full-width ASCII forms (，：；（）２０２１) as ASCII, 。、“”《》 kept.
"""

from __future__ import annotations

from functools import lru_cache

from transforms.cleaning.articles import find_article_starts
from transforms.cleaning.boilerplate import find_boilerplate, trim_trailing_caption
from transforms.cleaning.layout import join_broken_paragraphs, split_run_on_paragraphs, tidy_line, tidy_lines
from transforms.cleaning.markup import strip_markup
from transforms.cleaning.metadata import Metadata, has_fields, read_metadata
from transforms.cleaning.mojibake import repair_mojibake
from transforms.cleaning.pinyin_notes import strip_pinyin_annotations
from transforms.cleaning.script import collapse_repeated_punctuation, normalise_width, to_simplified
from transforms.cleaning.table_cells import rejoin_cell_lines
from transforms.model import Article, CleanedDocument

_MAX_EXAMPLES = 5


def clean_document(raw_text: str, repeated_lines: frozenset[str] = frozenset()) -> CleanedDocument:
    """Clean one document; `repeated_lines` are lines the flow saw on many pages of the same corpus."""
    repairs: list[dict] = []
    text = normalise_text(raw_text.replace("\r\n", "\n").replace("\r", "\n"), repairs)
    raw_lines = text.split("\n")
    kinds = find_boilerplate(raw_lines, _normalised_lines(repeated_lines))
    lines = tidy_lines(text)
    metadata = read_metadata(_metadata_view(lines, kinds))
    kinds.update(dict.fromkeys(metadata.metadata_lines, "metadata"))
    kinds.update(dict.fromkeys(metadata.repeated_title_lines, "repeated_title"))
    if metadata.title_index is not None:
        lines[metadata.title_index] = metadata.title  # without its "标题:" label or site suffix
    lines = _remove_lines(lines, kinds, repairs)
    starts = find_article_starts(lines)
    fixed = frozenset(starts) | ({metadata.title_index} if metadata.title_index is not None else set())
    paragraphs, joins = join_broken_paragraphs(lines, fixed)
    if joins:
        repairs.append({"step": "joined_broken_lines", "count": len(joins), "examples": joins[:_MAX_EXAMPLES]})
    clean_text = "\n".join(text for text, _ in paragraphs)
    articles = _articles(paragraphs, starts, metadata.title, len(clean_text))
    repairs.append(_metadata_record(metadata, len(articles)))
    return CleanedDocument(clean_text, metadata.title, metadata.published_date, metadata.source, articles, repairs)


def normalise_text(text: str, repairs: list[dict]) -> str:
    """Character-level steps: mojibake, HTML markup, pinyin annotations, simplified script, widths,
    punctuation, paragraphs run together on one line, tables rendered one cell per line."""
    text, records = repair_mojibake(text)  # first: tags and entities are ASCII, mojibake survives them
    repairs.extend(records)
    text, records = strip_markup(text)
    repairs.extend(records)
    text, records = strip_pinyin_annotations(text)
    repairs.extend(records)
    simplified = to_simplified(text)
    if simplified != text:
        repairs.append({"step": "traditional_to_simplified", "count": _changed(text, simplified)})
    narrowed = normalise_width(simplified)
    if narrowed != simplified:
        repairs.append({"step": "full_width_to_ascii", "count": _changed(simplified, narrowed)})
    text, collapsed = collapse_repeated_punctuation(narrowed)
    if collapsed:
        repairs.append({"step": "repeated_punctuation", "count": collapsed})
    text, split = split_run_on_paragraphs(text)
    if split:
        repairs.append({"step": "split_run_on_paragraphs", "count": split})
    text, rows = rejoin_cell_lines(text)
    if rows:
        repairs.append({"step": "rejoined_table_cells", "rows": rows})
    return text


def _metadata_view(lines: list[str], kinds: dict[int, str]) -> list[str]:
    """Boilerplate blanked out, except lines carrying labelled fields ("浏览次数:12" next to "日期:");
    a bare date on a boilerplate line ("上一篇:… 2023-04-28") is another page's date."""
    return [line if i not in kinds or has_fields(line) else "" for i, line in enumerate(lines)]


@lru_cache(maxsize=16)
def _normalised_lines(lines: frozenset[str]) -> frozenset[str]:
    """Repeated lines as they look after character normalisation, so they match either form."""
    normalised = {tidy_line(normalise_text(line, [])) for line in lines}
    return frozenset(normalised | {line.strip() for line in lines}) - {""}


def _remove_lines(lines: list[str], kinds: dict[int, str], repairs: list[dict]) -> list[str]:
    """Blank out boilerplate lines and trailing captions, recording each removed line by kind."""
    removed: dict[str, list[str]] = {}
    kept = []
    for index, line in enumerate(lines):
        if index in kinds:
            removed.setdefault(kinds[index], []).append(line)
            line = ""
        line, caption = trim_trailing_caption(line)
        if caption:
            removed.setdefault("caption", []).append(caption)
        kept.append(line)
    repairs.extend({"step": "removed_lines", "kind": kind, "lines": found} for kind, found in removed.items())
    return kept


def _articles(paragraphs: list[tuple[str, int]], starts: list[int], title: str | None, end: int) -> list[Article]:
    """One article for a page; for a bulletin, the header (title None) then one per start line."""
    offsets, position = {}, 0
    for text, first_line in paragraphs:
        offsets[first_line] = position
        position += len(text) + 1
    bounds = [offsets[start] for start in starts if start in offsets]
    if not bounds:
        return [Article(0, title, 0, end)]
    wanted = set(starts)
    titles = {offsets[start]: text for text, start in paragraphs if start in wanted}
    spans = ([(None, 0, bounds[0])] if bounds[0] > 0 else []) + [
        (titles[begin], begin, finish) for begin, finish in zip(bounds, [*bounds[1:], end], strict=True)
    ]
    return [Article(number, name, begin, finish) for number, (name, begin, finish) in enumerate(spans)]


def _metadata_record(metadata: Metadata, article_count: int) -> dict:
    published = metadata.published_date.isoformat() if metadata.published_date else None
    return {
        "step": "metadata",
        "title": metadata.title,
        "published_date": published,
        "source": metadata.source,
        "articles": article_count,
    }


def _changed(before: str, after: str) -> int:
    """Characters that differ position by position, counted with big-integer arithmetic (in C): XOR the
    UTF-32 code units, fold each 32-bit word's bits into its lowest bit, count those bits."""
    if len(before) != len(after):
        return sum(map(str.__ne__, before, after)) + abs(len(before) - len(after))
    diff = int.from_bytes(before.encode("utf-32-le"), "little") ^ int.from_bytes(after.encode("utf-32-le"), "little")
    for shift in (1, 2, 4, 8, 16):
        diff |= diff >> shift
    return (diff & int.from_bytes(b"\x01\x00\x00\x00" * len(before), "little")).bit_count()
