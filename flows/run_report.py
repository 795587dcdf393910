"""What a run did, as the flow returns it, records it in `runs`, and shows it in the Prefect UI."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RunSummary:
    run_id: str
    source: str
    warehouse: str
    files_seen: int = 0
    files_unchanged: int = 0
    documents_loaded: int = 0
    files_quarantined: int = 0
    figures_loaded: int = 0
    figures_quarantined: int = 0
    dq_success: bool = True
    data_docs: str | None = None
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def record_validation(self, passed: int, held_back: int, data_docs: Path | None) -> None:
        self.files_quarantined = len(self.quarantined)
        self.figures_loaded, self.figures_quarantined = passed, held_back
        self.dq_success = held_back == 0
        self.data_docs = str(data_docs) if data_docs else None

    def log_line(self) -> str:
        return (
            f"Run complete: {self.files_seen} files seen ({self.files_unchanged} unchanged), "
            f"{self.documents_loaded} documents loaded, {self.files_quarantined} files quarantined, "
            f"{self.figures_loaded} figures loaded, {self.figures_quarantined} figures held back by "
            "data-quality checks"
        )


def run_record(
    summary: RunSummary,
    started: dt.datetime,
    flow_run_name: str | None,
    stage_seconds: dict[str, float],
    extractor_version: str,
) -> dict:
    """The `runs` row of a completed run, written by its own load (whose seconds it cannot hold)."""
    return {
        "run_id": summary.run_id,
        "flow_run_name": flow_run_name,
        "source": summary.source,
        "started_at": started,
        "finished_at": utc_now(),
        "files_seen": summary.files_seen,
        "files_unchanged": summary.files_unchanged,
        "documents_loaded": summary.documents_loaded,
        "files_quarantined": summary.files_quarantined,
        "figures_loaded": summary.figures_loaded,
        "figures_quarantined": summary.figures_quarantined,
        "dq_success": summary.dq_success,
        "status": "completed",
        "extractor_version": extractor_version,
        "data_docs": summary.data_docs,
        "stage_seconds": json.dumps(stage_seconds),
    }


def data_quality_markdown(summary: RunSummary, dq_results: list[dict]) -> str:
    """The `data-quality` artifact: each expectation's result, the Data Docs, the quarantined files."""
    lines = ["| expectation | column | kind | passed | unexpected |", "|---|---|---|---|---|"]
    lines += [
        f"| {r['expectation']} | {r.get('column') or ''} | {r.get('kind')} | {'yes' if r['success'] else 'NO'} "
        f"| {r.get('unexpected_count') or 0} |"
        for r in dq_results
    ]
    docs = f"Data Docs: `{summary.data_docs}`" if summary.data_docs else "Data Docs: not written"
    quarantined = "\n".join(f"- `{path}`: {reason}" for path, reason in summary.quarantined) or "none"
    return (
        f"## Data quality\n\n{summary.figures_loaded} figures loaded, {summary.figures_quarantined} held back."
        f"\n\n{docs}\n\n" + "\n".join(lines) + f"\n\n## Quarantined files\n\n{quarantined}\n"
    )


def utc_now() -> dt.datetime:
    """Naive UTC, as the warehouse's TIMESTAMP columns hold it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
