"""Tell someone, once per run, when a nightly run needs attention: it failed, it crashed (killed,
stopped), or data-quality checks held figures back.

The target is an Apprise URL (Apprise ships with Prefect): `json://host:port/path` posts JSON to a
plain webhook, `mailtos://…`, `dingtalk://…`, `wecombot://…`, `feishu://…`, `slack://…` reach people.
It comes from the flow run's `notify_url` parameter, else GAOXIN_NOTIFY_URL. Failures and crashes are
reported by the flow's state hooks; held-back figures by the flow itself once its report is made.
"""

from __future__ import annotations

import logging
from typing import Any

from flows import config

logger = logging.getLogger("gaoxin.alerts")


def notify(url: str, title: str, body: str) -> bool:
    """Send one message; a bad URL or an unreachable target is logged, never raised (the run's own
    outcome must not change because its alert could not be sent)."""
    import apprise

    targets = apprise.Apprise()
    if not targets.add(url):
        logger.error("Not a valid Apprise notification URL: %s", url)
        return False
    sent = targets.notify(title=title, body=body)
    if not sent:
        logger.error("Could not deliver the alert to %s", url)
    return bool(sent)


def run_link(flow_run_id: Any) -> str:
    """The flow run's page in the Prefect UI, when the run reports to a server with a UI."""
    from prefect.settings import PREFECT_UI_URL

    ui = PREFECT_UI_URL.value()
    return f"{ui}/runs/flow-run/{flow_run_id}" if ui else "(no Prefect UI: the run reported to a temporary API)"


def _notify_url(flow_run) -> str | None:
    return (flow_run.parameters or {}).get("notify_url") or config.settings().notify_url


def alert_on_failure(flow, flow_run, state) -> None:
    """Flow hook (on_failure, on_crashed): the run did not complete, so the warehouse is as it was."""
    url = _notify_url(flow_run)
    if not url:
        return
    parameters = flow_run.parameters or {}
    notify(
        url,
        f"gaoxin: run {flow_run.name} {state.name.lower()}",
        "\n".join(
            [
                f"Flow run {flow.name}/{flow_run.name} ended {state.name}: {state.message}",
                f"Source: {parameters.get('source') or 'default'}; "
                f"warehouse: {parameters.get('warehouse') or 'default'}",
                "The warehouse was left as it was before this run.",
                f"Run: {run_link(flow_run.id)}",
            ]
        ),
    )


def alert_held_back(url: str | None, run_name: str, flow_run_id: Any, summary) -> None:
    """A completed run that held figures back: they are in `quarantine`, not in the warehouse's figures."""
    if not url or not summary.figures_quarantined:
        return
    notify(
        url,
        f"gaoxin: run {run_name} held back {summary.figures_quarantined} figures",
        "\n".join(
            [
                f"Flow run gaoxin-etl/{run_name} completed, but data-quality checks held figures back.",
                f"Files seen {summary.files_seen} (unchanged {summary.files_unchanged}), documents loaded "
                f"{summary.documents_loaded}, files quarantined {summary.files_quarantined}, figures loaded "
                f"{summary.figures_loaded}, figures held back {summary.figures_quarantined}.",
                "SELECT * FROM quarantine WHERE level = 'figure' ORDER BY quarantined_at DESC  -- which, and why",
                f"Data Docs: {summary.data_docs or 'not written'}",
                f"Run: {run_link(flow_run_id)}",
            ]
        ),
    )
