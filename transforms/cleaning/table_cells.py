"""Tables that reach us one cell per line, the way some pages' tables are rendered as text:

    |            2002 |      2003 |      企业数(个) |      28338 |      32857 |

become one line per row ("| 2002 | 2003 |", "企业数(个) | 28338 | 32857 |"), the shape the extractor's table
reader knows (transforms/extract.py, tables). Only a run of cell lines that falls exactly into a header of
years and rows of a label followed by as many values is rejoined; any other run is left as found, and the
cells themselves are never changed.
"""

from __future__ import annotations

import re

_CELL_LINE = re.compile(r"[ \t]*([^|\n]{0,40}?)[ \t]*\|[ \t|]*")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
_VALUE = re.compile(r"-?[\d.,]*\d[\d.,\-]*|--|-|—+|…+|/")  # a number, a malformed one (27446-3) or "missing"
_LABEL = re.compile(r".*[\u4e00-\u9fff].*")
_MIN_YEARS = 2


def rejoin_cell_lines(text: str) -> tuple[str, int]:
    """(text with one-cell-per-line tables rejoined row by row, number of rows rejoined)."""
    if "|\n" not in text and not text.rstrip().endswith("|"):
        return text, 0
    lines = text.split("\n")
    out: list[str] = []
    rows = 0
    i = 0
    while i < len(lines):
        cells = []
        while i + len(cells) < len(lines) and (cell := _CELL_LINE.fullmatch(lines[i + len(cells)])):
            cells.append(cell.group(1))
        j = i + len(cells)
        table = _rows(cells) if len(cells) > _MIN_YEARS else None
        if table:
            out += [" | ".join(row) + " |" for row in table]
            rows += len(table)
            i = j
        else:
            out += lines[i : max(j, i + 1)]
            i = max(j, i + 1)
    return ("\n".join(out), rows) if rows else (text, 0)


def _rows(cells: list[str]) -> list[list[str]] | None:
    """[header, row, row, ...] when the cells are: optional empty cells, n >= 2 years, then groups of a
    label and n values (trailing empty cells allowed); else None."""
    at = 0
    while at < len(cells) and not cells[at]:
        at += 1
    years = []
    while at < len(cells) and _YEAR.fullmatch(cells[at]):
        years.append(cells[at])
        at += 1
    end = len(cells)
    while end > at and not cells[end - 1]:
        end -= 1
    n = len(years)
    body = cells[at:end]
    if n < _MIN_YEARS or not body or len(body) % (n + 1):
        return None
    rows = [body[k : k + n + 1] for k in range(0, len(body), n + 1)]
    if not all(_LABEL.fullmatch(row[0]) and all(_VALUE.fullmatch(v) for v in row[1:]) for row in rows):
        return None
    return [["", *years], *rows]
