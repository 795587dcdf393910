"""Per-document CPU work, fanned out over worker processes so a run uses every core.

The functions are top-level so they pickle; each returns (result, error) instead of raising, so
one bad document is quarantined with its reason while the rest of the batch goes on.
"""
from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from transforms.clean import clean_document
from transforms.extract import extract_figures
from transforms.model import CleanedDocument, Figure

T = TypeVar("T")
R = TypeVar("R")


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


class DocumentPool:
    """A process pool for one flow run, or plain in-process map when one worker is asked for.

    Workers are spawned, not forked: the flow process runs Prefect's threads, and forking a
    process with threads can deadlock the child on a lock some thread held. They start on the
    first batch with work for them, so a run with nothing new pays nothing for them.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()  # batches in flight call map() from several threads

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if self.workers < 2 or len(items) < 2:
            return [fn(item) for item in items]
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        chunk = max(1, len(items) // (4 * self.workers))
        return list(self._executor.map(fn, items, chunksize=chunk))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)

    def __enter__(self) -> DocumentPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
