"""Lines that repeat across many documents of one corpus: site chrome no rule knows about.

A scraped corpus carries each site's own menus, slogans and footers on every page; counting lines
across documents finds them without a rule per site. Only short lines qualify, and never one that
reports a figure, so a paragraph quoted by several articles is not lost.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from transforms.cleaning.boilerplate import reports_figure

MIN_DOCUMENTS = 3  # a line on fewer pages than this is not evidence of a template
MIN_SHARE = 0.05  # ... nor one on fewer than this share of the documents looked at
MAX_LINE_LENGTH = 60  # menus, slogans and footers are short; prose is not removed this way


def find_repeated_lines(texts: Iterable[str]) -> frozenset[str]:
    """Stripped lines found in at least max(MIN_DOCUMENTS, MIN_SHARE of the documents) documents."""
    counts: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        counts.update({line.strip() for line in text.splitlines() if 2 <= len(line.strip()) <= MAX_LINE_LENGTH})
    threshold = max(MIN_DOCUMENTS, MIN_SHARE * documents)
    return frozenset(line for line, n in counts.items() if n >= threshold and not reports_figure(line))
