"""Great Expectations in a process of its own, started early so its import overlaps other work.

GX and pandas take ~5 s to import and ~300 MB that would stay in the flow process for the whole
run (and their import would hold its GIL while the batches are staged). A validator process
imports GX as soon as it starts, runs one validation, and is terminated afterwards, so its memory
goes back to the system before the load. `gaoxin run` starts it before Prefect is even imported
(`prestart`); a flow run started any other way starts its own at the first batch with documents.

This module imports nothing heavy: the CLI imports it first thing.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from flows.processes import exit_with_parent

POLL_SECONDS = 0.2

_prestarted: Validator | None = None


def _serve_one(conn: Connection, parent_pid: int) -> None:
    """The validator process: import GX, then run the one job sent and send back its outcome."""
    exit_with_parent(parent_pid)
    import great_expectations  # noqa: F401

    fn, args = conn.recv()
    try:
        outcome: tuple[bool, Any] = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 - reported to the flow, which fails the run
        outcome = (False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
    conn.send(outcome)


class Validator:
    """Runs one job in the validator process (in this process when not `isolated`)."""

    def __init__(self, isolated: bool):
        self.isolated = isolated
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._outcome: Any = None

    @classmethod
    def prestarted_or_new(cls, isolated: bool, needed: bool = True) -> Validator:
        """The validator `prestart` started for this process, if any and wanted; else a new one.

        One not `needed` (the run has nothing to validate) is stopped at once, freeing its core.
        """
        global _prestarted
        validator, _prestarted = _prestarted, None
        if validator is not None and isolated and needed:
            return validator
        if validator is not None:
            validator.close()
        return cls(isolated)

    def start(self) -> None:
        if not self.isolated or self._process is not None:
            return
        context = multiprocessing.get_context("spawn")  # never fork a process that runs Prefect's threads
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve_one, args=(child, os.getpid()), name="gaoxin-validator", daemon=True
        )
        self._process.start()
        child.close()

    def submit(self, fn: Callable[..., Any], *args) -> None:
        """Send the job (without isolation: run it now); `result()` waits for its outcome."""
        if not self.isolated:
            self._outcome = fn(*args)
            return
        self.start()
        self._conn.send((fn, args))

    def result(self) -> Any:
        if not self.isolated:
            return self._outcome
        try:
            while not self._conn.poll(POLL_SECONDS):
                if not self._process.is_alive():
                    raise EOFError
            ok, value = self._conn.recv()
        except EOFError:  # it died without an answer (killed, out of memory)
            self._process.join(timeout=5)
            raise RuntimeError(f"the validation process exited with code {self._process.exitcode}") from None
        if not ok:
            raise RuntimeError(f"validation failed: {value}")
        return value

    def close(self) -> None:
        """Stop the process, whether it is still importing GX, waiting, or done."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=5)
            self._conn.close()
            self._process, self._conn = None, None

    def __enter__(self) -> Validator:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def prestart() -> None:
    """Start this process's validator now; the next flow run in this process takes it over."""
    global _prestarted
    if _prestarted is None:
        _prestarted = Validator(isolated=True)
        _prestarted.start()
