"""`gaoxin` command line: run the ETL flow once and print what it did."""
from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows import config, validator

EXAMPLE_QUERY = (
    "SELECT zone, indicator, period, value, unit, qualifier, status, zone_basis, period_basis FROM indicators "
    "ORDER BY zone, indicator, period_year"
)


def _use_project_prefect_home() -> None:
    """Keep Prefect's local database inside the project unless the user points elsewhere.

    Also keeps a temporary local server from trying to send usage telemetry, which fails (and logs
    an error) on the closed networks these runs usually live on.
    """
    os.environ.setdefault("PREFECT_HOME", str(config.PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gaoxin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="ingest a folder of text files into the warehouse once")
    run.add_argument("--source", type=Path, default=config.DEFAULT_SOURCE,
                     help="folder searched recursively for *.txt files (default: the bundled sample corpus)")
    run.add_argument("--warehouse", type=Path, default=config.DEFAULT_WAREHOUSE,
                     help="DuckDB file to create or update (default: warehouse/gaoxin.duckdb)")
    _add_processing_options(run)
    reprocess = commands.add_parser(
        "reprocess", help="clean and extract stored documents again after the rules changed (no file is read)")
    reprocess.add_argument("--warehouse", type=Path, default=config.DEFAULT_WAREHOUSE,
                           help="DuckDB file to update (default: warehouse/gaoxin.duckdb)")
    reprocess.add_argument("--all", action="store_true",
                           help="redo every document, not only those extracted by an older extractor version")
    _add_processing_options(reprocess)
    _add_production_commands(commands)
    _add_export_command(commands)
    return parser


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--batch-size", type=int, default=config.DEFAULT_BATCH_SIZE,
                         help="documents per batch (one Prefect task run per stage per batch)")
    command.add_argument("--workers", type=int, default=config.DEFAULT_WORKERS,
                         help="processes that clean and extract in parallel (default: one per core)")


def _add_processing_options(command: argparse.ArgumentParser) -> None:
    """Batch options plus the task runner (a served deployment is loaded from its entrypoint, so
    a runner chosen here would not reach its runs: serve takes only the batch options)."""
    _add_batch_options(command)
    command.add_argument("--time-budget", type=float, default=config.DOCUMENT_BUDGET_SECONDS, metavar="SECONDS",
                         help="a document taking longer than this per started MB in a worker is quarantined "
                              f"(default: {config.DOCUMENT_BUDGET_SECONDS:g})")
    command.add_argument("--task-runner", choices=("local", "dask"), default="local",
                         help="local: a process pool on this machine; dask: clean + extract batches on a Dask "
                              "cluster (a LocalCluster sized to this machine unless --dask-address is given)")
    command.add_argument("--dask-address", help="scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786")


def _with_task_runner(flow, args: argparse.Namespace):
    """The flow as asked for: default thread runner + process pool, or a Dask task runner."""
    if args.task_runner == "local":
        if args.dask_address:
            raise SystemExit("--dask-address needs --task-runner dask")
        return flow
    from prefect_dask import DaskTaskRunner

    if args.dask_address:
        return flow.with_options(task_runner=DaskTaskRunner(address=args.dask_address))
    return flow.with_options(task_runner=DaskTaskRunner(
        cluster_kwargs={"n_workers": config.DEFAULT_WORKERS, "threads_per_worker": 1}))


def _timezone(name: str) -> str:
    """An IANA time zone name, checked here so a typo fails before anything is registered."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r} (use an IANA name like Asia/Shanghai)") from exc
    return name


def _add_production_commands(commands) -> None:
    server = commands.add_parser("server", help="start a local Prefect server (UI + API) for runs to report to")
    server.add_argument("--host", default=config.SERVER_HOST, help="address to bind (default: loopback only)")
    server.add_argument("--port", type=int, default=config.SERVER_PORT)
    serve = commands.add_parser("serve", help="register the deployment and run it on a cron schedule until stopped")
    serve.add_argument("--source", type=Path, default=config.DEFAULT_SOURCE)
    serve.add_argument("--warehouse", type=Path, default=config.DEFAULT_WAREHOUSE)
    _add_batch_options(serve)
    serve.add_argument("--cron", default=config.DEFAULT_CRON, help="when to run (default: '0 2 * * *', 02:00 daily)")
    serve.add_argument("--timezone", type=_timezone, default=config.DEFAULT_TIMEZONE,
                       help="time zone of the cron schedule (default: Asia/Shanghai)")
    serve.add_argument("--name", default=config.DEFAULT_DEPLOYMENT_NAME,
                       help="deployment name; runs show as gaoxin-etl/NAME (default: nightly)")


def _add_export_command(commands) -> None:
    export = commands.add_parser("export", help="write the BI views to Parquet or CSV files, for tools that cannot "
                                                "open this DuckDB file")
    export.add_argument("--warehouse", type=Path, default=config.DEFAULT_WAREHOUSE,
                        help="DuckDB file to read (default: warehouse/gaoxin.duckdb); opened read-only")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet", help="file format (default: parquet)")
    export.add_argument("out_dir", type=Path, metavar="DIR", help="folder to write <view>.parquet or <view>.csv into")


def _export(args: argparse.Namespace) -> int:
    from warehouse.export import export_views

    try:
        written = export_views(args.warehouse.absolute(), args.out_dir, args.format)
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"gaoxin export failed: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


@contextlib.contextmanager
def _prefect_api() -> Iterator[Callable[[], str]]:
    """The API the run reports to: the configured server, or a temporary one started right now.

    Yields a function that returns the URL once the API answers. Without PREFECT_API_URL in the
    environment the temporary API is started before Prefect's own import (~2 s), which it then
    overlaps; if the active Prefect profile names a server after all, it is stopped unused.
    """
    from flows.local_api import TemporaryPrefectAPI

    with contextlib.ExitStack() as stack:
        temporary = None if os.environ.get("PREFECT_API_URL") else stack.enter_context(TemporaryPrefectAPI())
        from prefect.settings import PREFECT_API_URL

        configured = PREFECT_API_URL.value()
        if configured:
            stack.close()  # a profile's server: the temporary API is not needed
            yield lambda: configured
            return

        def ready_url() -> str:
            temporary.wait_until_ready()
            return temporary.url

        yield ready_url


def _print_summary(summary, warehouse: Path) -> None:
    print()
    print(f"gaoxin {summary.run_id} completed ({summary.source})")
    print(f"  files seen           {summary.files_seen}  (unchanged since last run: {summary.files_unchanged})")
    print(f"  documents loaded     {summary.documents_loaded}")
    print(f"  files quarantined    {summary.files_quarantined}")
    for path, reason in summary.quarantined:
        print(f"      {path}: {reason}")
    print(f"  figures loaded       {summary.figures_loaded}")
    print(f"  figures held back    {summary.figures_quarantined}  (failed a data-quality expectation)")
    print(f"  data quality         {'all expectations met' if summary.dq_success else 'some rows held back, see quarantine'}")
    if summary.data_docs:
        print(f"  Data Docs            {summary.data_docs}")
    print(f"  warehouse            {warehouse}")
    print()
    print("Try:")
    print(f'  .venv/bin/python -c "import duckdb; duckdb.sql(\\"{EXAMPLE_QUERY}\\", '
          f'connection=duckdb.connect(\'{warehouse}\', read_only=True)).show()"')


def _stop_on_sigterm() -> None:
    """SIGTERM (systemd stopping the unit, `timeout`, `kill`) unwinds the run like Ctrl-C: its workers are
    killed, its temporary API stopped, the warehouse left as it was, and the exit code is 143.
    (During the flow itself, Prefect's own handler does the same by raising TerminationSignal.)"""
    def stop(signum, frame):
        print("\ngaoxin: stopped by SIGTERM; the warehouse is as it was before this run", file=sys.stderr)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "export":
        return _export(args)
    _use_project_prefect_home()
    if args.command in ("server", "serve"):
        return _run_production_command(args)
    _stop_on_sigterm()
    warehouse = args.warehouse.absolute()
    options = dict(warehouse=warehouse, batch_size=args.batch_size, workers=args.workers,
                   document_budget=args.time_budget, return_state=True)
    # The flow will validate in a process of its own: start it (GX's import) on the core this one
    # leaves idle. Against a server that is at once, Prefect's own import running beside it; when a
    # temporary API is starting, only once this process waits for it (the API is the longer wait).
    own_validator = args.workers > 1 or args.task_runner == "dask"
    if own_validator and os.environ.get("PREFECT_API_URL"):
        validator.prestart()
    with _prefect_api() as api_url:
        from flows.etl import gaoxin_etl, gaoxin_reprocess  # imports overlap the temporary API's start-up
        from prefect.settings import PREFECT_API_URL, temporary_settings

        if own_validator:
            validator.prestart()
        with temporary_settings(updates={PREFECT_API_URL: api_url()}):
            if args.command == "reprocess":
                state = _with_task_runner(gaoxin_reprocess, args)(all_documents=args.all, **options)
            else:
                state = _with_task_runner(gaoxin_etl, args)(source=args.source, **options)
            if not state.is_completed():
                print(f"\ngaoxin {args.command} failed: {state.message}\n"
                      f"The warehouse {warehouse} was left as it was before the run.", file=sys.stderr)
                return 1
            _print_summary(state.result(), warehouse)
    return 0


def _run_production_command(args: argparse.Namespace) -> int:
    from flows import serving

    if args.command == "server":
        serving.start_server(args.host, args.port)  # replaces this process
    if not serving.configured_api_url():
        print("gaoxin serve needs a running Prefect server to keep the schedule: start `gaoxin server` and "
              f"export PREFECT_API_URL={serving.server_urls(config.SERVER_HOST, config.SERVER_PORT)[1]}",
              file=sys.stderr)
        return 2
    from flows.etl import gaoxin_etl

    serving.serve_etl(gaoxin_etl, args.source, args.warehouse, args.cron,
                      args.timezone, args.name, args.batch_size, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
