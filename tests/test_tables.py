"""The table contract (warehouse/tables.py) against the tables the migrations create, column by column.

The contract gives each column a polars type, the type rows are staged with; the load inserts the staged
Parquet files BY NAME into the stored tables. A column's DuckDB type is derived from its polars type by
DUCKDB_TYPES below, which is how DuckDB reads that polars type back from Parquet (checked by
`test_the_type_map_is_how_duckdb_reads_staged_parquet`), except the contract's JSON columns: staged as
strings, stored as JSON.
"""

from __future__ import annotations

import ast
import fnmatch
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse import store, tables
from warehouse.tables import TABLES, Table

# polars type -> the type name DuckDB's DESCRIBE shows (List(t) is t's name followed by "[]").
DUCKDB_TYPES = {
    pl.String: "VARCHAR",
    pl.Boolean: "BOOLEAN",
    pl.Int32: "INTEGER",
    pl.Int64: "BIGINT",
    pl.UInt32: "UINTEGER",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Datetime: "TIMESTAMP",
}


def duckdb_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return duckdb_type(dtype.inner) + "[]"
    if isinstance(dtype, pl.Datetime):  # TIMESTAMP is microseconds without a time zone
        assert (dtype.time_unit, dtype.time_zone) == ("us", None), dtype
    return DUCKDB_TYPES[dtype.base_type()]


def contract_columns(table: Table) -> list[tuple[str, str]]:
    """(name, DuckDB type) of every stored column, in the table's order, as the contract says."""
    return [(name, "JSON" if name in table.json else duckdb_type(dtype)) for name, dtype in table.columns.items()]


def stored_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(name, column_type) for name, column_type, *_ in con.execute(f"DESCRIBE {table}").fetchall()]


def disagreements(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[list, list]]:
    """Tables whose stored columns differ from the contract: name -> (contract, stored)."""
    pairs = {name: (contract_columns(table), stored_columns(con, name)) for name, table in TABLES.items()}
    return {name: pair for name, pair in pairs.items() if pair[0] != pair[1]}


@pytest.fixture
def con(tmp_path: Path):
    con = duckdb.connect(str(tmp_path / "fresh.duckdb"))
    store.apply_migrations(con)
    yield con
    con.close()


def test_the_contract_matches_the_migrations(con):
    assert disagreements(con) == {}


def test_every_stored_table_is_in_the_contract(con):
    stored = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert stored - {"schema_version"} == set(TABLES)


def test_a_migration_that_disagrees_with_the_contract_is_caught(con):
    con.execute("ALTER TABLE runs ADD COLUMN not_in_the_contract VARCHAR")
    con.execute("ALTER TABLE quarantine ALTER quarantined_at TYPE VARCHAR")
    con.execute("ALTER TABLE source_files DROP COLUMN run_id")
    assert set(disagreements(con)) == {"runs", "quarantine", "source_files"}


def test_stored_only_columns_need_no_staged_value(con):
    """The load inserts staged rows BY NAME: a column it does not stage must accept NULL or have a default."""
    for table in TABLES.values():
        described = {
            name: (null, default) for name, _, null, _, default, _ in con.execute(f"DESCRIBE {table.name}").fetchall()
        }
        for name in table.stored_only:
            null, default = described[name]
            assert null == "YES" or default is not None, f"{table.name}.{name}"


def test_the_type_map_is_how_duckdb_reads_staged_parquet(tmp_path: Path):
    for table in TABLES.values():
        path = tmp_path / tables.staged_file(table.name, "0")
        table.empty().write_parquet(path)
        read = [
            (name, column_type)
            for name, column_type, *_ in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        ]
        assert read == [(name, duckdb_type(dtype)) for name, dtype in table.staged.items()]


def test_the_load_reads_every_part_staging_writes():
    glob = tables.staged_glob("documents")
    assert fnmatch.fnmatch(tables.staged_file("documents", "000003"), glob)
    assert fnmatch.fnmatch(tables.staged_file("documents", "final"), glob)
    assert not fnmatch.fnmatch(tables.staged_file(tables.CANDIDATES, "000003"), glob)


def test_the_contract_imports_only_the_standard_library_and_polars():
    """Worker processes and the validation process import it: no DuckDB, GX or Prefect."""
    source = Path(tables.__file__).read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported - set(sys.stdlib_module_names) - {"__future__"} == {"polars"}
