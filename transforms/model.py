"""The records that move between stages: plain dataclasses, no Prefect, no DuckDB.

Every stage boundary in the pipeline is one of these types, so transforms can be tested on
their own and the flow only wires them together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Decoded:
    """Bytes turned into text, or the reason they could not be."""

    text: str | None
    encoding: str | None
    error: str | None = None  # set => the file is quarantined with this reason


@dataclass(frozen=True)
class Article:
    """One article of a document; a plain news page is a single article, a bulletin several."""

    article_no: int  # 0-based, in reading order
    title: str | None
    span_start: int  # offsets into CleanedDocument.clean_text
    span_end: int


@dataclass
class CleanedDocument:
    clean_text: str
    title: str | None
    published_date: dt.date | None
    source: str | None
    articles: list[Article]
    # What cleaning did, in order: {"step": "...", ...details}. Stored as JSON in documents.repairs.
    repairs: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """One reported figure, in the contract of shared/spec/indicators.md, with its evidence."""

    zone: str | None
    subject: str | None
    indicator: str
    value: float
    unit: str  # CNY | count | percent
    period_year: int | None
    period: str | None
    status: str  # actual | target | estimate
    qualifier: str  # = ~ > >= <
    evidence: str  # the sentence the figure came from
    span_start: int  # clean_text[span_start:span_end] is the matched text (number and unit)
    span_end: int
    article_no: int = 0
    # Where zone and period_year came from: clause, sentence, paragraph, article, document, published_date
    # or none (shared/spec/indicators.md).
    zone_basis: str = "none"
    period_basis: str = "none"
