"""What one run holds while it runs: its staging folder, its GX validator process and its worker pool.

All three are gone when the run ends, however it ends: the staging folder is removed, the validator
and the workers are stopped. A staging folder left by a killed run is removed by the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from flows import config
from flows.staging import remove_abandoned_staging
from flows.validator import Validator
from flows.workers import WorkerPool


class RunWorkspace:
    """`with RunWorkspace(...) as run:` creates run.staging and takes the validator; `run.workers()` the pool.

    With the default (thread) task runner, CPU work goes to a pool of our own processes; a Dask
    runner's tasks already run in worker processes, possibly on other machines. One worker means
    everything in this process (tests, debugging); otherwise GX gets a process of its own. A run with
    nothing new to process (`needed` False) stops a validator the CLI started at once.
    """

    def __init__(self, warehouse: Path, run_id: str, options: config.Settings, needed: bool):
        self.run_id = run_id
        self.options = options
        self.local = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
        self.staging = config.staging_dir(warehouse, os.getpid(), run_id)
        self.validator: Validator | None = None
        self._warehouse, self._needed = warehouse, needed

    def __enter__(self) -> RunWorkspace:
        remove_abandoned_staging(self._warehouse)
        self.staging.mkdir(parents=True, exist_ok=True)
        isolated = self.options.workers > 1 or not self.local
        self.validator = Validator.prestarted_or_new(isolated, needed=self._needed)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.validator.close()
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    @contextlib.contextmanager
    def workers(self) -> Iterator[WorkerPool | None]:
        """The pool that decodes, cleans and extracts this run's batches, closed (its processes killed)
        on exit; None under a Dask runner, whose tasks do that work themselves."""
        processes = self.options.workers if self.local and self.options.workers > 1 else 0
        with WorkerPool(processes, self.options.time_budget) as pool:
            yield pool if self.local else None
