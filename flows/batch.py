"""A batch's CPU work (decode, clean, extract, build the staged rows), run in one worker process.

The flow process only reads bytes and ships them here: a batch goes to a worker whole, because
lines repeated across the batch's documents (a site's own chrome) can only be counted over all of
them, and what comes back is column data (polars frames), not one Python object per document.
Moving the text back and forth between stages, and Prefect walking those objects as task
arguments, cost the flow process more CPU than cleaning itself.

The flow process imports this module (and the transforms, ~0.9 s and ~20 MB) only when it
processes batches itself: with one worker, or as a Dask worker. A document that trips a step is
reported in `failed` with its reason instead of raising, so one bad document is quarantined while
the rest go on.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import polars as pl

from flows.sources import SourceFile
from flows.staging import BatchResult, write_batch_rows
from transforms.clean import clean_document
from transforms.cleaning.near_duplicates import first_copies, signature
from transforms.cleaning.repeated import candidate_lines, find_repeated_lines
from transforms.decode import decode_with_notes
from transforms.extract import extract_figures
from transforms.model import Article, CleanedDocument, Figure
from warehouse.tables import ARTICLES, DOCUMENTS, FIGURES

RECORD_FIELDS = {record: tuple(f.name for f in fields(record)) for record in (Article, Figure)}
# A text cleaned: (document, error, near-duplicate signature of its clean text); document or error is None.
Cleaned = tuple[CleanedDocument | None, str | None, tuple[int, ...] | None]


def warm_up() -> None:
    """Load every rule table the steps read lazily (taxonomy, places, script tables: ~1 s), so a worker's
    first document is timed for its own work only."""
    extract_figures(clean_document("2021年,高新区實現工业总产值1亿元。"))


def clean_one(text: str, repeated_lines: frozenset[str] = frozenset()) -> tuple[CleanedDocument | None, str | None]:
    try:
        return clean_document(text, repeated_lines), None
    except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
        return None, f"cleaning failed: {type(exc).__name__}: {exc}"


def extract_one(doc: CleanedDocument) -> tuple[list[Figure] | None, str | None]:
    try:
        return extract_figures(doc), None
    except Exception as exc:  # noqa: BLE001 - a bad document must not stop the run
        return None, f"extraction failed: {type(exc).__name__}: {exc}"


def process_batch(
    files: list[SourceFile],
    run_id: str,
    extractor_version: str,
    ingested_at: dt.datetime,
    staging: Path | None = None,
    part: str = "0",
    progress: Callable[[str | None, int], None] | None = None,
) -> BatchResult:
    """Decode (files read from disk) or take the stored text (reprocess), then clean and extract.

    With `staging`, documents, articles and figures are written there as Parquet and not returned.
    `progress(path, size)` is told each document a step starts on, and `(None, 0)` between them:
    the worker pool keeps each document's time against its budget.
    """
    progress = progress or _no_progress
    seconds = dict.fromkeys(("decode", "clean", "extract", "rows"), 0.0)
    failed: list[tuple[str, str]] = []  # (path, reason), from every step

    started = time.perf_counter()
    texts = _decode(files, failed, progress)
    seconds["decode"] = time.perf_counter() - started

    started = time.perf_counter()
    progress(None, 0)
    cleaned = _clean(texts, failed, progress)
    seconds["clean"] = time.perf_counter() - started

    started = time.perf_counter()
    extracted = _extract(cleaned, failed, progress)
    seconds["extract"] = time.perf_counter() - started

    started = time.perf_counter()
    progress(None, 0)
    result = _rows(extracted, run_id, extractor_version, ingested_at)
    result.failed, result.seconds = failed, seconds
    result.documents_staged, result.figures_found = result.documents.height, result.figures.height
    if staging is not None:
        _stage(result, staging, part)
    seconds["rows"] = time.perf_counter() - started
    return result


def _decode(
    files: list[SourceFile], failed: list[tuple[str, str]], progress: Callable[[str | None, int], None]
) -> list[tuple[SourceFile, str, str | None, list[dict]]]:
    """(file, text, encoding, decode repairs) of each file that decodes, or carries its stored text."""
    texts = []
    for file in files:
        progress(file.path, _size(file))
        if file.text is not None:
            texts.append((file, file.text, file.encoding, []))
            continue
        decoded, notes = decode_with_notes(file.data or b"")
        if decoded.error:
            failed.append((file.path, decoded.error))
            continue
        repairs = [{"step": "decode", "encoding": decoded.encoding, "notes": notes}] if notes else []
        texts.append((file, decoded.text, decoded.encoding, repairs))
    return texts


def _clean(
    texts: list[tuple[SourceFile, str, str | None, list[dict]]],
    failed: list[tuple[str, str]],
    progress: Callable[[str | None, int], None],
) -> list[tuple]:
    """Each decoded text with its cleaned document and near-duplicate signature, if cleaning succeeded."""
    cleaned = []
    for (file, text, encoding, repairs), (doc, error, signed) in zip(texts, _clean_texts(texts, progress), strict=True):
        if error:
            failed.append((file.path, error))
        else:
            cleaned.append((file, text, encoding, repairs, doc, signed))
    return cleaned


def _extract(
    cleaned: list[tuple], failed: list[tuple[str, str]], progress: Callable[[str | None, int], None]
) -> list[tuple]:
    """Each cleaned document with its figures, if extraction succeeded."""
    extracted = []
    for item in cleaned:
        progress(item[0].path, _size(item[0]))
        figures, error = extract_one(item[4])
        if error:
            failed.append((item[0].path, error))
        else:
            extracted.append((*item, figures))
    return extracted


def _stage(result: BatchResult, staging: Path, part: str) -> None:
    """Write the batch's documents, articles and figures to staging; the result keeps none of their rows."""
    write_batch_rows(staging, part, result)
    result.documents, result.articles, result.figures = (
        result.documents.head(0),
        result.articles.head(0),
        result.figures.head(0),
    )


def _clean_texts(
    texts: list[tuple[SourceFile, str, str | None, list[dict]]], progress: Callable[[str | None, int], None]
) -> list[Cleaned]:
    """Each text cleaned without the short lines repeated on many of the batch's documents (site chrome).

    An article reposted by several sites repeats its own title and short lines on every copy. The copies
    are found by the signatures of their clean text; the lines are counted again with each group of
    copies once, and the documents whose cleaning that changes (a line no longer repeated, or newly so)
    are cleaned again. A batch without near-duplicates is cleaned once.
    """
    raw = [text for _, text, _, _ in texts]
    repeated = find_repeated_lines(raw)
    results = [_clean_and_sign(file, text, repeated, progress) for file, text, _, _ in texts]
    groups = first_copies([signed for _, _, signed in results])
    if groups == list(range(len(groups))):
        return results
    regrouped = find_repeated_lines(raw, groups)
    changed = repeated ^ regrouped
    if changed:
        for index, (file, text, _, _) in enumerate(texts):
            if not changed.isdisjoint(candidate_lines(text)):
                results[index] = _clean_and_sign(file, text, regrouped, progress)
    return results


def _clean_and_sign(
    file: SourceFile, text: str, repeated: frozenset[str], progress: Callable[[str | None, int], None]
) -> Cleaned:
    progress(file.path, _size(file))
    doc, error = clean_one(text, repeated)
    return doc, error, (signature(doc.clean_text) if doc is not None else None)


def _no_progress(path: str | None, size: int) -> None:
    pass


def _size(file: SourceFile) -> int:
    return file.size_bytes or len(file.data or b"")


def _rows(extracted: list[tuple], run_id: str, extractor_version: str, ingested_at: dt.datetime) -> BatchResult:
    """The staged tables, built column by column (a row of dicts per figure costs polars ~3x more)."""
    documents = {name: [] for name in DOCUMENTS.staged}
    articles = {name: [] for name in ARTICLES.staged}
    figures = {name: [] for name in FIGURES.staged}
    for file, text, encoding, decode_repairs, doc, signed, found in extracted:
        for name, value in (
            ("doc_id", file.doc_id),
            ("source_path", file.path),
            ("encoding", encoding),
            ("title", doc.title),
            ("published_date", doc.published_date),
            ("source", doc.source),
            ("raw_text", text),
            ("clean_text", doc.clean_text),
            ("repairs", json.dumps(decode_repairs + doc.repairs, ensure_ascii=False, default=str)),
            ("ingested_at", ingested_at),
            ("extractor_version", extractor_version),
            ("run_id", run_id),
            ("minhash", list(signed) if signed is not None else None),
        ):
            documents[name].append(value)
        _append_records(articles, file.doc_id, doc.articles)
        figures["figure_no"].extend(range(len(found)))
        _append_records(figures, file.doc_id, found)
    return BatchResult(
        pl.DataFrame(documents, schema=DOCUMENTS.staged),
        pl.DataFrame(articles, schema=ARTICLES.staged),
        pl.DataFrame(figures, schema=FIGURES.staged),
    )


def _append_records(columns: dict[str, list], doc_id: str, records: list) -> None:
    """Dataclass records of one document appended to `columns` (which name their fields, plus doc_id)."""
    columns["doc_id"].extend([doc_id] * len(records))
    for name in RECORD_FIELDS[type(records[0])] if records else ():
        columns[name].extend([getattr(record, name) for record in records])
