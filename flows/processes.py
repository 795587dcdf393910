"""Child processes that never outlive the process that started them.

A run stopped by SIGKILL (or by an OOM killer, or a crash) runs no clean-up of its own: its worker
processes, its validator and its temporary Prefect API would go on, orphaned, holding memory and a
port. Each of them therefore watches its parent and exits when the parent is gone. Standard library
only: every child imports this first.
"""

from __future__ import annotations

import os
import threading
import time

PARENT_POLL_SECONDS = 0.5


def exit_with_parent(parent_pid: int, poll_seconds: float = PARENT_POLL_SECONDS) -> None:
    """End this process within `poll_seconds` of its parent's end (it is then re-parented: getppid changes)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
