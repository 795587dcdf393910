"""Worker processes for the batches of one flow run.

This module stays light (the flow process imports it): the batch work itself is in flows.batch,
which each worker imports as it starts.
"""
from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from flows.sources import SourceFile
from flows.staging import BatchResult

R = TypeVar("R")


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


def run_batch(*args) -> BatchResult:
    """flows.batch.process_batch(*args), imported where it runs."""
    from flows.batch import process_batch

    return process_batch(*args)


def _warm_up() -> None:
    """Runs first in each worker: the batch work's imports are done by then, so its first batch starts at once."""
    import flows.batch  # noqa: F401


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
