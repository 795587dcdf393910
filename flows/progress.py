"""How far a run is, and where its time went: the progress bar of its log lines and its stage timer."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


class StageTimer:
    """Seconds per stage of one run, summed over batches: the flow's own steps are timed here, the
    workers' steps (decode, clean, extract, rows) are added from each batch's result."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def rounded(self) -> dict[str, float]:
        return {name: round(value, 3) for name, value in self.seconds.items()}


def progress_line(done: int, total: int, elapsed: float, width: int = 20) -> str:
    """`[#####---------------]  25%  500/2000 files  41 files/s  ETA 37 s`: a bar that reads the same
    in a terminal, in journald and in the Prefect UI's log view."""
    share = done / total if total else 1.0
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = f"ETA {(total - done) / rate:.0f} s" if rate and done < total else "done" if done >= total else "ETA ?"
    filled = round(share * width)
    return f"[{'#' * filled}{'-' * (width - filled)}] {share:4.0%}  {done}/{total} files  {rate:.0f} files/s  {eta}"
