"""A batch's CPU work (decode, clean, extract, build the staged rows), run in one worker process.

The flow process only reads bytes and ships them here: a batch goes to a worker whole, because
lines repeated across the batch's documents (a site's own chrome) can only be counted over all of
them, and what comes back is column data (polars frames), not one Python object per document.
Moving the text back and forth between stages, and Prefect walking those objects as task
arguments, cost the flow process more CPU than cleaning itself.

The functions are top-level so they pickle; a document that trips a step is reported in `failed`
with its reason instead of raising, so one bad document is quarantined while the rest go on.
"""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

import polars as pl

from expectations.figures import FIGURE_SCHEMA
from flows.sources import SourceFile
from flows.staging import CANDIDATES, write_frame
from transforms.clean import clean_document
from transforms.cleaning.repeated import find_repeated_lines
from transforms.decode import decode_with_notes
from transforms.extract import extract_figures
from transforms.model import Article, CleanedDocument, Figure

R = TypeVar("R")

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "source_path": pl.String(), "encoding": pl.String(), "title": pl.String(),
    "published_date": pl.Date(), "source": pl.String(), "raw_text": pl.String(), "clean_text": pl.String(),
    "repairs": pl.String(), "ingested_at": pl.Datetime(), "extractor_version": pl.String(), "run_id": pl.String(),
}
ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.String(), "article_no": pl.Int32(), "title": pl.String(), "span_start": pl.Int32(),
    "span_end": pl.Int32(),
}


RECORD_FIELDS = {record: tuple(f.name for f in fields(record)) for record in (Article, Figure)}


@dataclass
class BatchResult:
    """What a batch's documents become: rows of documents, articles and figures, plus the failures."""

    documents: pl.DataFrame
    articles: pl.DataFrame
    figures: pl.DataFrame
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): quarantined files
    documents_staged: int = 0  # documents written to staging (by the worker, or by the flow from `documents`)
    figures_found: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # seconds per step, for the run record

    @classmethod
    def empty(cls) -> BatchResult:
        return cls(pl.DataFrame(schema=DOCUMENT_SCHEMA), pl.DataFrame(schema=ARTICLE_SCHEMA),
                   pl.DataFrame(schema=FIGURE_SCHEMA))


class Shipment:
    """A batch's files as one opaque task argument for `decode_clean_extract`.

    Prefect would walk every file of a plain list looking for futures (prefect's `quote` stops
    that, but it is a tuple, which a Dask scheduler unpacks into its own task graph).
    """

    __slots__ = ("files",)

    def __init__(self, files: list[SourceFile]):
        self.files = files

    def __reduce__(self):
        return Shipment, (self.files,)


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


def process_batch(files: list[SourceFile], run_id: str, extractor_version: str, ingested_at: dt.datetime,
                  staging: Path | None = None, part: str = "0") -> BatchResult:
    """Decode (files read from disk) or take the stored text (reprocess), then clean and extract.

    With `staging`, documents and articles are written there as Parquet and not returned.
    """
    seconds = dict.fromkeys(("decode", "clean", "extract", "rows"), 0.0)
    failed: list[tuple[str, str]] = []
    texts: list[tuple[SourceFile, str, str | None, list[dict]]] = []  # file, text, encoding, decode repairs
    started = time.perf_counter()
    for file in files:
        if file.text is not None:
            texts.append((file, file.text, file.encoding, []))
            continue
        decoded, notes = decode_with_notes(file.data or b"")
        if decoded.error:
            failed.append((file.path, decoded.error))
            continue
        repairs = [{"step": "decode", "encoding": decoded.encoding, "notes": notes}] if notes else []
        texts.append((file, decoded.text, decoded.encoding, repairs))
    seconds["decode"] = time.perf_counter() - started

    started = time.perf_counter()
    repeated = find_repeated_lines(text for _, text, _, _ in texts)
    cleaned = []
    for file, text, encoding, repairs in texts:
        doc, error = clean_one(text, repeated)
        if error:
            failed.append((file.path, error))
        else:
            cleaned.append((file, text, encoding, repairs, doc))
    seconds["clean"] = time.perf_counter() - started

    started = time.perf_counter()
    extracted = []
    for item in cleaned:
        figures, error = extract_one(item[-1])
        if error:
            failed.append((item[0].path, error))
        else:
            extracted.append((*item, figures))
    seconds["extract"] = time.perf_counter() - started

    started = time.perf_counter()
    result = _rows(extracted, run_id, extractor_version, ingested_at)
    result.failed, result.seconds = failed, seconds
    result.documents_staged, result.figures_found = result.documents.height, result.figures.height
    if staging is not None:
        write_frame(staging, "documents", part, result.documents)
        write_frame(staging, "articles", part, result.articles)
        write_frame(staging, CANDIDATES, part, result.figures)
        result.documents, result.articles, result.figures = (
            result.documents.head(0), result.articles.head(0), result.figures.head(0))
    seconds["rows"] = time.perf_counter() - started
    return result


def _rows(extracted: list[tuple], run_id: str, extractor_version: str, ingested_at: dt.datetime) -> BatchResult:
    """The staged tables, built column by column (a row of dicts per figure costs polars ~3x more)."""
    documents = {name: [] for name in DOCUMENT_SCHEMA}
    articles = {name: [] for name in ARTICLE_SCHEMA}
    figures = {name: [] for name in FIGURE_SCHEMA}
    for file, text, encoding, decode_repairs, doc, found in extracted:
        for name, value in (
            ("doc_id", file.doc_id), ("source_path", file.path), ("encoding", encoding), ("title", doc.title),
            ("published_date", doc.published_date), ("source", doc.source), ("raw_text", text),
            ("clean_text", doc.clean_text),
            ("repairs", json.dumps(decode_repairs + doc.repairs, ensure_ascii=False, default=str)),
            ("ingested_at", ingested_at), ("extractor_version", extractor_version), ("run_id", run_id),
        ):
            documents[name].append(value)
        _append_records(articles, file.doc_id, doc.articles)
        figures["figure_no"].extend(range(len(found)))
        _append_records(figures, file.doc_id, found)
    return BatchResult(pl.DataFrame(documents, schema=DOCUMENT_SCHEMA), pl.DataFrame(articles, schema=ARTICLE_SCHEMA),
                       pl.DataFrame(figures, schema=FIGURE_SCHEMA))


def _append_records(columns: dict[str, list], doc_id: str, records: list) -> None:
    """Dataclass records of one document appended to `columns` (which name their fields, plus doc_id)."""
    columns["doc_id"].extend([doc_id] * len(records))
    for name in RECORD_FIELDS[type(records[0])] if records else ():
        columns[name].extend([getattr(record, name) for record in records])



def _warm_up() -> None:
    """Runs first in each worker: its imports (those of this module) are done by then, so its first
    batch starts at once."""


class WorkerPool:
    """Spawned worker processes for one flow run, or in-process calls with `processes=0`.

    Workers are spawned, not forked: the flow process runs Prefect's threads, and forking a
    process with threads can deadlock the child on a lock some thread held. `start()` spawns them
    ahead of their first batch, so their imports overlap the flow's reading.
    """

    def __init__(self, processes: int):
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # batches in flight submit from several threads

    def start(self) -> None:
        if not self.processes:
            return
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))
                for _ in range(self.processes):
                    self._executor.submit(_warm_up)

    def run(self, fn: Callable[..., R], *args) -> R:
        """fn(*args) in a worker process (in this process with `processes=0`)."""
        if not self.processes:
            return fn(*args)
        self.start()
        future: Future = self._executor.submit(fn, *args)
        return future.result()

    def close(self) -> None:
        """Stop the workers (their memory goes back to the system); jobs not started are dropped.

        Does not wait for the processes to exit (~0.5 s each, on the run's critical path).
        """
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
