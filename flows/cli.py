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

from pydantic import ValidationError

from flows import config, validator
from transforms import EXTRACTOR_VERSION

EXAMPLE_QUERY = (
    "SELECT zone, indicator, period, value, unit, qualifier, status, zone_basis, period_basis FROM indicators "
    "ORDER BY zone, indicator, period_year"
)


def _use_project_prefect_home() -> None:
    """From a checkout, keep Prefect's local database inside the project unless the user points elsewhere
    (an installed package keeps Prefect's own default, ~/.prefect).

    Also keeps a temporary local server from trying to send usage telemetry, which fails (and logs
    an error) on the closed networks these runs usually live on.
    """
    if config.IN_CHECKOUT:
        os.environ.setdefault("PREFECT_HOME", str(config.PROJECT_ROOT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (and exit status 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser(settings: config.Settings) -> argparse.ArgumentParser:
    """Every option's default is its setting (GAOXIN_<NAME>, else flows/config.py); a flag wins."""
    parser = _Parser(prog="gaoxin", description=__doc__)
    parser.add_argument(
        "--version", action="version", version=f"gaoxin {_package_version()} (extractor {EXTRACTOR_VERSION})"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="ingest a folder of text files into the warehouse once")
    _option(run, settings, "--source", "source", type=Path, metavar="DIR")
    _option(run, settings, "--warehouse", "warehouse", type=Path, metavar="FILE")
    _add_processing_options(run, settings)
    reprocess = commands.add_parser(
        "reprocess", help="clean and extract stored documents again after the rules changed (no file is read)"
    )
    _option(reprocess, settings, "--warehouse", "warehouse", type=Path, metavar="FILE")
    reprocess.add_argument(
        "--all",
        action="store_true",
        help="redo every document, not only those extracted by an older extractor version (default: off)",
    )
    _add_processing_options(reprocess, settings)
    _add_production_commands(commands, settings)
    _add_export_command(commands, settings)
    return parser


def _option(command: argparse.ArgumentParser, settings: config.Settings, flag: str, name: str, **kwargs) -> None:
    """--flag for setting `name`: its help text is the setting's description, its default the setting."""
    default = getattr(settings, name)
    shown = "none" if default is None else default
    command.add_argument(
        flag,
        dest=name,
        default=default,
        help=f"{config.Settings.model_fields[name].description} (default: {shown}; env GAOXIN_{name.upper()})",
        **kwargs,
    )


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _add_batch_options(command: argparse.ArgumentParser, settings: config.Settings) -> None:
    """The options a served deployment's runs take as parameters too."""
    _option(command, settings, "--batch-size", "batch_size", type=_at_least_one, metavar="N")
    _option(command, settings, "--workers", "workers", type=_at_least_one, metavar="N")
    _option(command, settings, "--time-budget", "time_budget", type=_positive_seconds, metavar="SECONDS")
    _option(command, settings, "--notify", "notify_url", metavar="URL")
    _option(command, settings, "--publish", "publish_dir", type=Path, metavar="DIR")


def _add_processing_options(command: argparse.ArgumentParser, settings: config.Settings) -> None:
    """Batch options plus the task runner (a served deployment is loaded from its entrypoint, so
    a runner chosen here would not reach its runs: serve takes only the batch options)."""
    _add_batch_options(command, settings)
    command.add_argument(
        "--task-runner",
        choices=("local", "dask"),
        default="local",
        help="local: a process pool on this machine; dask: clean + extract batches on a Dask "
        "cluster (a LocalCluster sized to this machine unless --dask-address is given) "
        "(default: local)",
    )
    command.add_argument(
        "--dask-address", help="scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (default: none)"
    )


def _with_task_runner(flow, args: argparse.Namespace):
    """The flow as asked for: default thread runner + process pool, or a Dask task runner."""
    if args.task_runner == "local":
        return flow
    from prefect_dask import DaskTaskRunner

    if args.dask_address:
        return flow.with_options(task_runner=DaskTaskRunner(address=args.dask_address))
    return flow.with_options(
        task_runner=DaskTaskRunner(cluster_kwargs={"n_workers": args.workers, "threads_per_worker": 1})
    )


def _timezone(name: str) -> str:
    """An IANA time zone name, checked here so a typo fails before anything is registered."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r} (use an IANA name like Asia/Shanghai)") from exc
    return name


def _add_production_commands(commands, settings: config.Settings) -> None:
    server = commands.add_parser("server", help="start a local Prefect server (UI + API) for runs to report to")
    _option(server, settings, "--host", "host")
    _option(server, settings, "--port", "port", type=_at_least_one)
    serve = commands.add_parser("serve", help="register the deployment and run it on a cron schedule until stopped")
    _option(serve, settings, "--source", "source", type=Path, metavar="DIR")
    _option(serve, settings, "--warehouse", "warehouse", type=Path, metavar="FILE")
    _add_batch_options(serve, settings)
    _option(serve, settings, "--cron", "cron")
    _option(serve, settings, "--timezone", "timezone", type=_timezone)
    _option(serve, settings, "--name", "deployment")


def _add_export_command(commands, settings: config.Settings) -> None:
    export = commands.add_parser(
        "export", help="write the BI views to Parquet or CSV files, for tools that cannot open this DuckDB file"
    )
    _option(export, settings, "--warehouse", "warehouse", type=Path, metavar="FILE")
    export.add_argument(
        "--format", choices=("parquet", "csv"), default="parquet", help="file format (default: parquet)"
    )
    export.add_argument("out_dir", type=Path, metavar="DIR", help="folder to write <view>.parquet or <view>.csv into")


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What argparse cannot check per option, before anything starts (exit 2 with one line)."""
    if getattr(args, "dask_address", None) and args.task_runner != "dask":
        parser.error("--dask-address needs --task-runner dask")
    if args.command in ("run", "serve"):
        if args.source is None:
            parser.error("no source folder: pass --source DIR or set GAOXIN_SOURCE")
        if not args.source.is_dir():
            parser.error(f"--source {args.source}: not an existing folder")


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gaoxin")
    except PackageNotFoundError:
        return "(not installed)"


def _export(args: argparse.Namespace) -> int:
    import duckdb

    from warehouse.export import export_views

    try:
        written = export_views(args.warehouse.absolute(), args.out_dir, args.format)
    except (OSError, RuntimeError, duckdb.Error) as exc:  # no warehouse, a bad or unwritable DIR, a busy file
        print(f"gaoxin export failed: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


@contextlib.contextmanager
def _prefect_api() -> Iterator[Callable[[], str]]:
    """The API the run reports to: the configured server, or a temporary one started right now.

    Yields a function that returns the URL once the API answers. Without PREFECT_API_URL in the
    environment the temporary API is started before Prefect's own import (~2 s), which it then
    overlaps; if the active Prefect profile names a server after all, it is stopped unused. With an
    unchecked Prefect release the function returns None and Prefect starts its own server.
    """
    from flows.local_api import TemporaryPrefectAPI, matches_installed_prefect

    with contextlib.ExitStack() as stack:
        own = not os.environ.get("PREFECT_API_URL") and matches_installed_prefect()
        temporary = stack.enter_context(TemporaryPrefectAPI()) if own else None
        from prefect.settings import PREFECT_API_URL

        configured = PREFECT_API_URL.value()
        if configured or temporary is None:
            stack.close()  # a profile's server: the temporary API is not needed
            yield lambda: configured  # None: Prefect starts its own temporary server
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
    quality = "all expectations met" if summary.dq_success else "some rows held back, see quarantine"
    print(f"  data quality         {quality}")
    if summary.data_docs:
        print(f"  Data Docs            {summary.data_docs}")
    print(f"  warehouse            {warehouse}")
    print()
    print("Try:")
    print(
        f'  .venv/bin/python -c "import duckdb; duckdb.sql(\\"{EXAMPLE_QUERY}\\", '
        f"connection=duckdb.connect('{warehouse}', read_only=True)).show()\""
    )


def _stop_on_sigterm() -> None:
    """SIGTERM (systemd stopping the unit, `timeout`, `kill`) unwinds the run like Ctrl-C: its workers are
    killed, its temporary API stopped, the warehouse left as it was, and the exit code is 143.
    (During the flow itself, Prefect's own handler does the same by raising TerminationSignal.)"""

    def stop(signum, frame):
        print("\ngaoxin: stopped by SIGTERM; the warehouse is as it was before this run", file=sys.stderr)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def main(argv: list[str] | None = None) -> int:
    """Exit status: 0 done (files may have been quarantined), 1 the run failed (warehouse unchanged),
    2 a usage or settings error (nothing started), 130 Ctrl-C, 143 SIGTERM."""
    try:
        settings = config.settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        print(f"gaoxin: error: GAOXIN_{str(error['loc'][0]).upper()}: {error['msg']}", file=sys.stderr)
        return 2
    parser = _parser(settings)
    args = parser.parse_args(argv)
    _check(parser, args)
    if args.command == "export":
        return _export(args)
    _use_project_prefect_home()
    if args.command in ("server", "serve"):
        return _run_production_command(args)
    _stop_on_sigterm()
    return _run_flow(args)


def _run_flow(args: argparse.Namespace) -> int:
    """`gaoxin run` or `gaoxin reprocess`: one flow run, against a server or a temporary API of its own."""
    warehouse = args.warehouse.absolute()
    options = dict(
        warehouse=warehouse,
        batch_size=args.batch_size,
        workers=args.workers,
        time_budget=args.time_budget,
        notify_url=args.notify_url,
        publish_dir=args.publish_dir.absolute() if args.publish_dir else None,
        return_state=True,
    )
    # The flow will validate in a process of its own: start it (GX's import) on the core this one
    # leaves idle. Against a server that is at once, Prefect's own import running beside it; when a
    # temporary API is starting, only once this process waits for it (the API is the longer wait).
    own_validator = args.workers > 1 or args.task_runner == "dask"
    if own_validator and os.environ.get("PREFECT_API_URL"):
        validator.prestart()
    with _prefect_api() as api_url:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.etl import gaoxin_etl, gaoxin_reprocess  # imports overlap the temporary API's start-up

        if own_validator:
            validator.prestart()
        url = api_url()
        with temporary_settings(updates={PREFECT_API_URL: url} if url else {}):
            if args.command == "reprocess":
                state = _with_task_runner(gaoxin_reprocess, args)(all_documents=args.all, **options)
            else:
                state = _with_task_runner(gaoxin_etl, args)(source=args.source, **options)
            if not state.is_completed():
                print(
                    f"\ngaoxin {args.command} failed: {state.message}\n"
                    f"The warehouse {warehouse} was left as it was before the run.",
                    file=sys.stderr,
                )
                return 1
            _print_summary(state.result(), warehouse)
    return 0


def _run_production_command(args: argparse.Namespace) -> int:
    from flows import serving

    if args.command == "server":
        serving.start_server(args.host, args.port)  # replaces this process
    if not serving.configured_api_url():
        print(
            "gaoxin serve needs a running Prefect server to keep the schedule: start `gaoxin server` and "
            f"export PREFECT_API_URL={serving.server_urls(args.host, args.port)[1]}",
            file=sys.stderr,
        )
        return 2
    from flows.etl import gaoxin_etl

    parameters = {name: getattr(args, name) for name in ("batch_size", "workers", "time_budget", "notify_url")}
    parameters["publish_dir"] = str(args.publish_dir.absolute()) if args.publish_dir else None
    serving.serve_etl(gaoxin_etl, args.source, args.warehouse, args.cron, args.timezone, args.deployment, parameters)
    return 0


if __name__ == "__main__":
    sys.exit(main())
