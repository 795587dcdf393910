"""`gaoxin` command line: run the ETL flow once and print what it did."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from flows import config

EXAMPLE_QUERY = (
    "SELECT zone, indicator, period, value, unit, qualifier, status FROM indicators "
    "ORDER BY zone, indicator, period_year"
)


def _use_project_prefect_home() -> None:
    """Keep Prefect's local database inside the project unless the user points elsewhere."""
    os.environ.setdefault("PREFECT_HOME", str(config.PROJECT_ROOT / ".prefect"))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gaoxin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="ingest a folder of text files into the warehouse once")
    run.add_argument("--source", type=Path, default=config.DEFAULT_SOURCE,
                     help="folder searched recursively for *.txt files (default: the bundled sample corpus)")
    run.add_argument("--warehouse", type=Path, default=config.DEFAULT_WAREHOUSE,
                     help="DuckDB file to create or update (default: warehouse/gaoxin.duckdb)")
    run.add_argument("--batch-size", type=int, default=config.DEFAULT_BATCH_SIZE,
                     help="documents per batch (one Prefect task run per stage per batch)")
    return parser


def _print_summary(summary, warehouse: Path) -> None:
    print()
    print(f"gaoxin run {summary.run_id} completed")
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _use_project_prefect_home()
    from flows.etl import gaoxin_etl  # Prefect reads its settings at import time

    warehouse = args.warehouse.absolute()
    state = gaoxin_etl(source=args.source, warehouse=warehouse, batch_size=args.batch_size, return_state=True)
    if not state.is_completed():
        print(f"\ngaoxin run failed: {state.message}\nThe warehouse {warehouse} was left as it was before the run.",
              file=sys.stderr)
        return 1
    _print_summary(state.result(), warehouse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
