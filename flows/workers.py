"""Worker processes for the batches of one flow run, with a time budget per document.

A worker reports each document it starts a step on; the flow process keeps the time each document
has taken. A document over its budget (or one whose worker dies under it, e.g. killed for memory)
has its worker killed and replaced, and the batch is sent again without it: the document is
quarantined with the reason and the run goes on. Closing the pool kills the workers at once, so a
stopped run does not wait for their batches.

This module stays light (the flow process imports it): the batch work itself is in flows.batch,
which each worker imports as it starts.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from flows.processes import exit_with_parent
from flows.sources import SourceFile
from flows.staging import BatchResult

R = TypeVar("R")
POLL_SECONDS = 0.1
Progress = Callable[[str | None, int], None]  # (document path or None between documents, its size in bytes)


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


class DocumentLost(Exception):
    """A document took more than its time budget, or its worker died while processing it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class PoolClosed(Exception):
    """The pool was closed (the run is stopping) while a batch was in a worker."""


def run_batch(*args, progress: Progress | None = None) -> BatchResult:
    """flows.batch.process_batch(*args), imported where it runs."""
    from flows.batch import process_batch

    return process_batch(*args, progress=progress)


def process_within_budget(pool: WorkerPool, files: list[SourceFile], *args) -> BatchResult:
    """run_batch(files, *args) in a worker; each document that is lost is quarantined and the rest sent again."""
    lost: list[tuple[str, str]] = []
    while files:
        try:
            result = pool.run(run_batch, files, *args)
        except DocumentLost as exc:
            lost.append((exc.path, exc.reason))
            files = [f for f in files if f.path != exc.path]
            continue
        result.failed += lost
        return result
    result = BatchResult.empty()
    result.failed = lost
    return result


def _serve(conn: Connection, parent_pid: int) -> None:
    """A worker process: run each job sent, reporting its documents, until the pipe closes."""
    exit_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the flow process's to handle: it stops us
    from flows.batch import warm_up

    warm_up()  # the batch work's imports and rule tables, before the first batch arrives

    def progress(path: str | None, size: int) -> None:
        conn.send(("document", path, size))

    while True:
        try:
            fn, args = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("result", fn(*args, progress=progress)))
        except Exception as exc:  # noqa: BLE001 - the flow process raises it in the batch's task
            conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context):
        self._context = context
        self.spawn()

    def spawn(self) -> None:
        self.conn, child = self._context.Pipe()
        self.process = self._context.Process(
            target=_serve, args=(child, os.getpid()), name="gaoxin-worker", daemon=True
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """Spawned worker processes for one flow run, or in-process calls with `processes=0`.

    Workers are spawned, not forked: the flow process runs Prefect's threads, and forking a
    process with threads can deadlock the child on a lock some thread held. `start()` spawns them
    ahead of their first batch, so their imports overlap the flow's reading. `budget_seconds` is a
    document's budget per started megabyte (None: no budget); in-process calls have none.
    """

    def __init__(self, processes: int, budget_seconds: float | None = None):
        self.processes = processes
        self.budget_seconds = budget_seconds
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()  # batches in flight start and run from several threads
        self._closed = threading.Event()

    def start(self) -> None:
        if not self.processes:
            return
        with self._lock:
            while len(self._workers) < self.processes and not self._closed.is_set():
                worker = _Worker(self._context)
                self._workers.append(worker)
                self._idle.put(worker)

    def run(self, fn: Callable[..., R], *args) -> R:
        """fn(*args, progress=…) in a worker process (fn(*args) in this process with `processes=0`)."""
        if not self.processes:
            return fn(*args)
        self.start()
        worker = self._take_idle()
        try:
            worker.conn.send((fn, args))
            return self._wait(worker)
        finally:
            if not self._closed.is_set():
                self._idle.put(worker)

    def _take_idle(self) -> _Worker:
        while True:
            if self._closed.is_set():
                raise PoolClosed("the worker pool was closed")
            try:
                return self._idle.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue

    def _wait(self, worker: _Worker):
        """The job's result, following its documents; a document over budget costs the worker its life."""
        spent: dict[str, float] = {}
        current, size, since = None, 0, time.monotonic()
        while True:
            if self._closed.is_set():
                raise PoolClosed("the worker pool was closed")
            try:
                ready = worker.conn.poll(POLL_SECONDS)
                message = worker.conn.recv() if ready else None
            except (EOFError, OSError):  # the worker died: killed, out of memory, or the pool closed
                if self._closed.is_set():
                    raise PoolClosed("the worker pool was closed") from None
                code = worker.process.exitcode
                self._replace(worker)
                if current is None:
                    raise RuntimeError(f"a worker process exited with code {code} between documents") from None
                raise DocumentLost(current, f"worker process died (exit code {code}) while processing it") from None
            now = time.monotonic()
            if message is None:
                if current is not None and self.budget_seconds is not None:
                    budget = self._budget(size)
                    if spent[current] + now - since > budget:
                        self._replace(worker)
                        raise DocumentLost(current, f"processing exceeded {budget:g} s")
                continue
            kind, *payload = message
            if current is not None:
                spent[current] += now - since
            if kind == "document":
                current, size = payload
                since = now
                if current is not None:
                    spent.setdefault(current, 0.0)
            elif kind == "result":
                return payload[0]
            else:
                raise RuntimeError(f"batch failed in a worker process: {payload[0]}")

    def _budget(self, size_bytes: int) -> float:
        """budget_seconds per started megabyte of the document."""
        return self.budget_seconds * max(1, -(-size_bytes // 1_000_000))

    def _replace(self, worker: _Worker) -> None:
        """Kill worker's process and spawn a new one in its place."""
        worker.kill()
        with self._lock:
            if not self._closed.is_set():
                worker.spawn()

    def close(self) -> None:
        """Kill the workers now: a batch in progress is abandoned (the run is over or stopping), and their
        memory goes back to the system at once. Threads waiting on them raise PoolClosed."""
        self._closed.set()
        with self._lock:
            for worker in self._workers:
                worker.kill()
            self._workers.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
