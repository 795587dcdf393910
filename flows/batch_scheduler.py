"""Batches in flight: a few submitted to the workers at once, each staged as soon as it finishes, in order.

Keeps every worker busy while the flow process reads the next batches, and bounds memory to a few
batches. A document whose bytes an earlier file of the run already holds is not sent again.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from logging import Logger

from prefect.artifacts import create_progress_artifact, update_progress_artifact

from flows.progress import StageTimer, progress_line
from flows.run_report import RunSummary
from flows.sources import SourceFile
from flows.staging import BatchResult

# process(documents, part) -> a function that waits for the batch's result
Process = Callable[[list[SourceFile], str], Callable[[], BatchResult]]
# stage(part, files, result, failed_docs) -> (path, reason) of the files quarantined
Stage = Callable[[str, list[SourceFile], BatchResult, dict[str, str]], list[tuple[str, str]]]


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class InFlightBatches:
    """Up to `limit` batches in flight; `summary` and `timer` are updated as each one is staged."""

    def __init__(
        self,
        total: int,
        limit: int,
        process: Process,
        stage: Stage,
        summary: RunSummary,
        timer: StageTimer,
        logger: Logger,
    ):
        self.total, self.limit = total, limit
        self.process, self.stage = process, stage
        self.summary, self.timer, self.logger = summary, timer, logger
        self.figures_found = 0
        self.shipped: dict[str, str] = {}  # doc_id -> the file whose bytes were sent to be processed
        self.failed_docs: dict[str, str] = {}  # doc_id -> why its processing failed
        self._in_flight: deque[tuple[str, list[SourceFile], Callable[[], BatchResult]]] = deque()
        self._done = self._processed = 0
        self._started = time.perf_counter()
        # The flow run's progress in the UI (Artifacts tab), beside the log lines' bar.
        self._progress_id = create_progress_artifact(
            0.0, description=f"Files decoded, cleaned and extracted (of {total})"
        )

    def add(self, files: list[SourceFile]) -> None:
        """Send the batch's new documents to be processed; stage the oldest batch once `limit` are in flight."""
        part = f"{self._done + len(self._in_flight):06d}"
        documents = []
        for file in files:
            if file.outcome == "document" and file.doc_id not in self.shipped:
                self.shipped[file.doc_id] = file.path
                documents.append(file)
        # Only quarantined, unchanged, touched or repeated files: nothing for the workers.
        self._in_flight.append((part, files, self.process(documents, part) if documents else BatchResult.empty))
        if len(self._in_flight) >= self.limit:
            self._finish_oldest()

    def run(self, batches: Iterable[list[SourceFile]]) -> None:
        """Every batch through process and stage; reading the next batch is timed as `read`."""
        batches = iter(batches)
        while True:
            with self.timer("read"):
                files = next(batches, None)
            if files is None:
                break
            self.add(files)
        while self._in_flight:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        part, files, result_of = self._in_flight.popleft()
        result = result_of()
        for step, seconds in result.seconds.items():
            self.timer.add(step, seconds)
        with self.timer("stage"):
            quarantined = self.stage(part, files, result, self.failed_docs)
        self.figures_found += result.figures_found
        self._done += 1
        self._processed += len(files)
        summary = self.summary
        summary.files_seen += len(files)
        summary.files_unchanged += sum(f.outcome in ("unchanged", "touched") for f in files)
        summary.documents_loaded += result.documents_staged
        summary.quarantined += quarantined
        self.logger.info(
            "Batch %s: %d files, %d new or changed documents, %d figures  %s",
            int(part),
            len(files),
            result.documents_staged,
            result.figures_found,
            progress_line(self._processed, self.total, time.perf_counter() - self._started),
        )
        share = min(100.0, 100.0 * self._processed / self.total) if self.total else 100.0
        update_progress_artifact(self._progress_id, share)
