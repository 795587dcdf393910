"""Statistical tables rendered as text, one row per line: which line is a header, which is a row, what each
cell is. (Binding a row's label to an indicator and making figures is transforms/extract.py's.)

A header names every data column: a year (2022年), growth (同比, 增长(%)), the value of the table's own
period (绝对额, 本年) or a share (占比, read as nothing); a label column may come first. A row is a label,
maybe with its unit (营业收入(亿元)), and one cell per column. Cells are split on "|" when a line has one
(the way web pages' tables reach us: "营业收入(亿元) | 2350.6 | 2120.3 |"), else on spaces. A missing cell
(--) or a malformed one (27446-3) gives no figure; the row's other cells still do. The words are the
`tables` section of taxonomy.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

YOY, VALUE, SHARE = "yoy", "value", "share"
Column = int | str  # a year, or YOY / VALUE / SHARE
_MAX_HEADER_CHARS = 200
_MAX_ROW_CHARS = 400
_SPACE_CELL = re.compile(r"\S+")
_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")
_HAS_DIGIT = re.compile(r"\d")
_LABEL_UNIT = re.compile(r"(?P<name>.*?)\s*[(（]\s*(?P<unit>[^()（）]{1,8})\s*[)）]\s*")  # 营业收入(亿元)


class Cell(NamedTuple):
    start: int  # offsets in the line
    end: int
    text: str


class Row(NamedTuple):
    label: Cell  # the label without its enumerator and unit: "(一) 地区生产总值" -> 地区生产总值
    unit: str | None  # what the label's brackets hold (亿元, or 万人, which no indicator reads); None: no brackets
    cells: list[Cell | None]  # one per column; None: missing or malformed


@dataclass(frozen=True)
class TableWords:
    year: re.Pattern
    growth: re.Pattern
    value: re.Pattern
    share: re.Pattern
    skip: re.Pattern  # a header of targets or forecasts: not read
    unit_line: re.Pattern  # "单位:亿元、%": the unit of rows that give none
    enumerator: re.Pattern  # "(一) ", "1.": before a label
    prefix: re.Pattern  # what may stand before the indicator's alias in a label (全区, 其中:)
    units: dict[str, tuple[str, int]]  # unit word -> (kind, factor)


def compile_words(spec: dict) -> TableWords:
    return TableWords(
        year=re.compile(spec["year_cell"]),
        growth=re.compile(spec["growth_cell"]),
        value=re.compile(spec["value_cell"]),
        share=re.compile(spec["share_cell"]),
        skip=re.compile(spec["skip_header"]),
        unit_line=re.compile(spec["unit_line"]),
        enumerator=re.compile(spec["label_enumerator"]),
        prefix=re.compile(spec["label_prefix"]),
        units={unit: (kind, factor) for unit, (kind, factor) in spec["units"].items()},
    )


def split_cells(line: str) -> list[Cell]:
    """The cells of a line: between "|" when it has one (a trailing "|" closes the last cell), else words."""
    if "|" not in line:
        return [Cell(m.start(), m.end(), m.group()) for m in _SPACE_CELL.finditer(line)]
    cells, start = [], 0
    for end in [*(i for i, c in enumerate(line) if c == "|"), len(line)]:
        raw = line[start:end]
        stripped = raw.strip()
        offset = start + (len(raw) - len(raw.lstrip()))
        cells.append(Cell(offset, offset + len(stripped), stripped))
        start = end + 1
    if cells and not cells[-1].text:
        cells.pop()
    return cells


def header_columns(line: str, words: TableWords) -> list[Column] | None:
    """The data columns a header line names, or None when it is no header."""
    if len(line) > _MAX_HEADER_CHARS or words.skip.search(line):
        return None
    cells = [c.strip() for c in line.rstrip(" |").split("|")] if "|" in line else line.split()
    if cells and _column(cells[0], words) is None:
        cells = cells[1:]  # the label column's own header (指标名称, or empty)
    columns = []
    for cell in cells:  # (most lines fail at their first cell)
        column = _column(cell, words)
        if column is None or (column == YOY and YOY in columns):
            return None
        columns.append(column)
    levels = sum(1 for c in columns if c != YOY and c != SHARE)
    return columns if levels >= 1 and levels + columns.count(YOY) >= 2 else None


def _column(cell: str, words: TableWords) -> Column | None:
    year = words.year.fullmatch(cell)
    if year:
        return int(year.group(1))
    if words.growth.fullmatch(cell):
        return YOY
    if words.value.fullmatch(cell):
        return VALUE
    if words.share.fullmatch(cell):
        return SHARE
    return None


def parse_row(line: str, n: int, words: TableWords) -> Row | None:
    """A row of n data cells after its label, or None."""
    if len(line) > _MAX_ROW_CHARS:
        return None
    cells = split_cells(line)
    if len(cells) < n + 1:
        return None
    if "|" in line:
        if len(cells) != n + 1:
            return None
        label = cells[0]
    else:
        label_cells = cells[: len(cells) - n]
        label = Cell(label_cells[0].start, label_cells[-1].end, line[label_cells[0].start : label_cells[-1].end])
    values = cells[len(cells) - n :]
    if not all(_HAS_DIGIT.search(v.text) or not v.text.strip("-—/…") for v in values):
        return None
    enumerator = words.enumerator.match(label.text)
    if enumerator:
        label = Cell(label.start + enumerator.end(), label.end, label.text[enumerator.end() :])
    unit = None
    with_unit = _LABEL_UNIT.fullmatch(label.text)
    if with_unit:
        unit = with_unit.group("unit")
        label = Cell(label.start, label.start + with_unit.end("name"), with_unit.group("name"))
    if not label.text or _HAS_DIGIT.search(label.text):
        return None
    return Row(label, unit, [v if _NUMBER.fullmatch(v.text) else None for v in values])


def unit_of_line(line: str, words: TableWords) -> str | None:
    """The unit a "单位:亿元、%" line gives the table below it."""
    m = words.unit_line.search(line) if len(line) <= _MAX_HEADER_CHARS else None
    return m.group("unit") if m else None
