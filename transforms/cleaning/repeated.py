"""Lines that repeat across many documents of one corpus: site chrome no rule knows about.

A scraped corpus carries each site's own menus, slogans and footers on every page; counting lines
across documents finds them without a rule per site. Only short lines qualify, and never one that
reports a figure, so a paragraph quoted by several articles is not lost. An article reposted by
several sites repeats its own title and short lines on every copy: given the near-duplicate groups
(`transforms.cleaning.near_duplicates.first_copies`), a group of copies counts as one document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from transforms.cleaning.boilerplate import reports_figure

MIN_DOCUMENTS = 3  # a line on fewer pages than this is not evidence of a template
MIN_SHARE = 0.05  # ... nor one on fewer than this share of the documents looked at
MAX_LINE_LENGTH = 60  # menus, slogans and footers are short; prose is not removed this way


def candidate_lines(text: str) -> set[str]:
    """The stripped lines of a text short enough to be chrome."""
    return {line.strip() for line in text.splitlines() if 2 <= len(line.strip()) <= MAX_LINE_LENGTH}


def find_repeated_lines(texts: Iterable[str], groups: Sequence[int] | None = None) -> frozenset[str]:
    """Stripped lines found in at least max(MIN_DOCUMENTS, MIN_SHARE of the documents) documents.

    `groups[i]` names the group of `texts[i]` (the index of its first near-duplicate, or its own):
    a line is counted once per group, and the share is of groups.
    """
    counts: Counter[str] = Counter()
    if groups is None:
        documents = 0  # texts may be any iterable: counted as they are read
        for text in texts:
            documents += 1  # noqa: SIM113
            counts.update(candidate_lines(text))
    else:
        lines_of: dict[int, set[str]] = {}
        for group, text in zip(groups, texts, strict=True):
            lines_of.setdefault(group, set()).update(candidate_lines(text))
        documents = len(lines_of)
        for lines in lines_of.values():
            counts.update(lines)
    threshold = max(MIN_DOCUMENTS, MIN_SHARE * documents)
    return frozenset(line for line, n in counts.items() if n >= threshold and not reports_figure(line))
