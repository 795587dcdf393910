"""The one writer of the DuckDB warehouse: schema migrations, file state, and the per-run load.

Everything a run changes is applied in a single transaction from the run's staged Parquet files,
so a failed or killed run leaves the warehouse exactly as it was before that run.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from transforms.cleaning import near_duplicates
from warehouse.tables import (
    ARTICLES,
    DOCUMENTS,
    DQ_RESULTS,
    FIGURES,
    QUARANTINE,
    RUNS,
    SOURCE_FILES,
    Table,
    staged_glob,
)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

# The tables of a run's rows, in the order they are loaded, each from its staged files (`tables.staged_glob`).
RUN_ROWS = (SOURCE_FILES, DOCUMENTS, ARTICLES, FIGURES, QUARANTINE)
# The run's own record, staged beside its rows and loaded last in the same transaction.
RUN_RECORD = (DQ_RESULTS, RUNS)


class WarehouseBusyError(RuntimeError):
    """Another process holds the DuckDB write lock (DuckDB allows one writer per file)."""


@dataclass(frozen=True)
class FileState:
    doc_id: str | None
    size_bytes: int
    mtime_ns: int
    status: str
    extractor_version: str | None


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file not named NNNN_name.sql: {path.name}")
        found.append((int(match.group(1)), path))
    return found


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the versioned SQL files not yet recorded in schema_version; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    applied = []
    for version, path in migrations():
        if version <= current:
            continue
        con.execute(path.read_text(encoding="utf-8"))
        con.execute(f"INSERT INTO schema_version (version, name) VALUES ({version:d}, {sql_string(path.name)})")
        applied.append(version)
    return applied


def connect(warehouse: Path, read_only: bool = False, wait_seconds: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; while another process holds DuckDB's file lock, retry for up to `wait_seconds`
    (a concurrent run finishes its load, a BI tool lets go), then fail with a message a user can act on."""
    deadline, pause = time.monotonic() + wait_seconds, 0.1
    while True:
        try:
            return duckdb.connect(str(warehouse), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"{warehouse} is in use by another process (DuckDB allows one writer at a time; "
                    f"waited {wait_seconds:g} s); wait for the other run to finish and try again"
                ) from exc
        time.sleep(min(pause, max(deadline - time.monotonic(), 0)))
        pause = min(pause * 2, 5.0)


def _read(warehouse: Path, sql: str, wait_seconds: float) -> list[tuple]:
    """A read-only query; a warehouse that does not exist yet has no rows."""
    if not warehouse.exists():
        return []
    con = connect(warehouse, read_only=True, wait_seconds=wait_seconds)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def sql_string(text: str) -> str:
    """`text` as an SQL string literal.

    The flow process passes no query parameters: DuckDB's Python client imports pandas (1.1 s,
    ~50 MB) on the first parameter it converts, and every run would pay that.
    """
    return "'" + text.replace("'", "''") + "'"


def read_file_state(warehouse: Path, wait_seconds: float = 0.0) -> dict[str, FileState]:
    """What the warehouse knows about each source file, to skip files that have not changed."""
    rows = _read(
        warehouse,
        "SELECT source_path, doc_id, size_bytes, mtime_ns, status, extractor_version FROM source_files",
        wait_seconds,
    )
    return {path: FileState(*state) for path, *state in rows}


def document_ids(warehouse: Path, not_version: str | None = None, wait_seconds: float = 0.0) -> list[str]:
    """Stored document ids, sorted; with `not_version`, only those extracted by another version."""
    where = f" WHERE extractor_version IS DISTINCT FROM {sql_string(not_version)}" if not_version else ""
    return [r[0] for r in _read(warehouse, f"SELECT doc_id FROM documents{where} ORDER BY doc_id", wait_seconds)]


def count_stale_documents(warehouse: Path, version: str, wait_seconds: float = 0.0) -> int:
    rows = _read(
        warehouse,
        f"SELECT count(*) FROM documents WHERE extractor_version IS DISTINCT FROM {sql_string(version)}",
        wait_seconds,
    )
    return rows[0][0] if rows else 0


def read_documents(warehouse: Path, doc_ids: list[str], wait_seconds: float = 0.0) -> list[tuple]:
    """(doc_id, source_path, encoding, raw_text, size_bytes, mtime_ns) of the given documents."""
    wanted = ", ".join(sql_string(doc_id) for doc_id in doc_ids) or "NULL"
    return _read(
        warehouse,
        "SELECT d.doc_id, d.source_path, d.encoding, d.raw_text, f.size_bytes, f.mtime_ns FROM documents d "
        f"LEFT JOIN source_files f ON f.source_path = d.source_path WHERE d.doc_id IN ({wanted}) "
        "ORDER BY d.doc_id",
        wait_seconds,
    )


def _staged(staging_dir: Path, table: Table) -> str | None:
    """A read_parquet() expression over the run's staged files of one table, or None if there are none."""
    pattern = staged_glob(table.name)
    if not any(staging_dir.glob(pattern)):
        return None
    return f"read_parquet({sql_string(str(staging_dir / pattern))}, union_by_name = true)"


def load_run(warehouse: Path, staging_dir: Path, memory_limit: str, wait_seconds: float = 0.0) -> dict[str, int]:
    """Apply one run's staged rows, and its `runs` and `dq_results` records, in a single transaction;
    return row counts written per table. While another process holds the file, wait up to `wait_seconds`.

    Rows are replaced per source file and per document: a file whose bytes changed drops its old
    document, figures and quarantine rows; a document no file points to any more is removed.
    """
    existed = warehouse.exists()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    con = connect(warehouse, wait_seconds=wait_seconds)
    # DuckDB would otherwise cache up to 80% of RAM while inserting a large run's text; past the
    # limit it writes pages out instead. One thread loads a 20,000-document run faster than two
    # (1.30 s against 1.54 s) in ~170 MB instead of ~430 MB; the rows' order in storage is free.
    con.execute(f"SET memory_limit = {sql_string(memory_limit)}")
    con.execute("SET threads = 1")
    con.execute("SET preserve_insertion_order = false")
    try:
        con.execute("BEGIN TRANSACTION")
        apply_migrations(con)
        written = _apply_staged(con, staging_dir)
        _insert_run(con, staging_dir)
        con.execute("COMMIT")
        _checkpoint(con, existed)
        return written
    except BaseException:
        # After a failed COMMIT (disk full) DuckDB has invalidated the connection and ROLLBACK
        # raises too: the transaction is gone either way, and the original error is the one to show.
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        con.close()
        if not existed:
            for leftover in (warehouse, Path(f"{warehouse}.wal")):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        con.close()


def _checkpoint(con: duckdb.DuckDBPyConnection, new_file: bool) -> None:
    """Fold the committed run from the WAL into the file.

    A failure here (disk full) is the run's failure for a new warehouse, which is then removed. For
    an existing one the run is already durable in the WAL, which DuckDB applies on the next open.
    """
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error:
        if new_file:
            raise


def _apply_staged(con: duckdb.DuckDBPyConnection, staging_dir: Path) -> dict[str, int]:
    written = {table.name: 0 for table in RUN_ROWS}
    if not _stage_keys(con, staging_dir):
        return written
    written[SOURCE_FILES.name] = _replace_files(con)
    written.update(_replace_documents(con, staging_dir))
    _remove_unheld_documents(con)
    _mark_near_duplicates(con)
    con.execute("DROP TABLE staged_files")
    con.execute("DROP TABLE staged_docs")
    return written


def _stage_keys(con: duckdb.DuckDBPyConnection, staging_dir: Path) -> bool:
    """Temp tables of the run's file states (`staged_files`) and the ids of its documents (`staged_docs`);
    False when the run staged no file states (nothing to apply)."""
    files = _staged(staging_dir, SOURCE_FILES)
    if files is None:
        return False
    con.execute(f"CREATE TEMP TABLE staged_files AS SELECT * FROM {files}")
    docs = _staged(staging_dir, DOCUMENTS)
    con.execute(
        f"CREATE TEMP TABLE staged_docs AS SELECT doc_id FROM {docs}"
        if docs
        else "CREATE TEMP TABLE staged_docs AS SELECT NULL::VARCHAR AS doc_id WHERE false"
    )
    return True


def _replace_files(con: duckdb.DuckDBPyConnection) -> int:
    """Files seen again with new bytes or state: their old quarantine rows and state go. Returns the rows written."""
    con.execute("DELETE FROM quarantine WHERE source_path IN (SELECT source_path FROM staged_files)")
    con.execute("DELETE FROM source_files WHERE source_path IN (SELECT source_path FROM staged_files)")
    con.execute(
        "INSERT INTO source_files BY NAME SELECT source_path, doc_id, size_bytes, mtime_ns, status, "
        "extractor_version, run_id FROM staged_files"
    )
    return con.execute("SELECT count(*) FROM staged_files").fetchone()[0]


def _replace_documents(con: duckdb.DuckDBPyConnection, staging_dir: Path) -> dict[str, int]:
    """Documents processed this run replace any earlier version of the same bytes. Returns rows written per table."""
    for table in ("figures", "articles", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM staged_docs)")
    con.execute("DELETE FROM quarantine WHERE doc_id IN (SELECT doc_id FROM staged_docs)")
    written = {}
    for table in (DOCUMENTS, ARTICLES, FIGURES, QUARANTINE):
        staged = _staged(staging_dir, table)
        if staged is not None:
            written[table.name] = con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM {staged}").fetchone()[0]
    return written


def _remove_unheld_documents(con: duckdb.DuckDBPyConnection) -> None:
    """Documents no file points to any more (their file changed or was quarantined) are removed, and the
    files that hold the rest agree with them."""
    live = "SELECT doc_id FROM source_files WHERE status = 'loaded' AND doc_id IS NOT NULL"
    for table in ("figures", "articles", "documents"):
        con.execute(f"DELETE FROM {table} WHERE doc_id NOT IN ({live})")
    con.execute(f"DELETE FROM quarantine WHERE level = 'figure' AND doc_id NOT IN ({live})")
    # A document's source_path must name a file that still holds it.
    con.execute(
        """
        UPDATE documents SET source_path = (
            SELECT min(sf.source_path) FROM source_files sf
            WHERE sf.doc_id = documents.doc_id AND sf.status = 'loaded')
        WHERE source_path NOT IN (
            SELECT sf.source_path FROM source_files sf WHERE sf.doc_id = documents.doc_id)
        """
    )
    # Every file holding a document carries the version that document was extracted with.
    con.execute(
        "UPDATE source_files SET extractor_version = d.extractor_version FROM documents d "
        "WHERE source_files.doc_id = d.doc_id AND source_files.status = 'loaded' "
        "AND source_files.extractor_version IS DISTINCT FROM d.extractor_version"
    )


# Each stored document against every other, by the rule of transforms/cleaning/near_duplicates.py
# (`first_copies`): candidates share a band of minhash values, and are near-duplicates when at least
# MIN_AGREEMENT values agree; a document's first copy is its earliest such document, in the order the
# documents were first seen (ingested_at, then source_path as a run reads them, then doc_id).
_NEAR_DUPLICATES = f"""
CREATE TEMP TABLE near_duplicates AS
WITH signed AS (
    SELECT doc_id, minhash, row_number() OVER (ORDER BY ingested_at, source_path, doc_id) AS seen
    FROM documents WHERE minhash IS NOT NULL
),
bands AS (
    SELECT doc_id, seen, band,
           hash({
    ", ".join(f"minhash[band * {near_duplicates.BAND_ROWS} + {row}]" for row in range(1, near_duplicates.BAND_ROWS + 1))
}) AS key
    FROM signed, range({near_duplicates.BANDS}) AS numbers(band)
),
candidates AS (
    SELECT DISTINCT later.doc_id, earlier.doc_id AS earlier_id, earlier.seen AS earlier_seen
    FROM bands later
    JOIN bands earlier ON earlier.band = later.band AND earlier.key = later.key AND earlier.seen < later.seen
)
SELECT c.doc_id, arg_min(c.earlier_id, c.earlier_seen) AS duplicate_of
FROM candidates c
JOIN signed a ON a.doc_id = c.doc_id
JOIN signed b ON b.doc_id = c.earlier_id
WHERE len(list_filter(range(1, {near_duplicates.SIGNATURE_BINS + 1}), lambda i: a.minhash[i] = b.minhash[i]))
      >= {near_duplicates.MIN_AGREEMENT}
GROUP BY c.doc_id
"""


def _mark_near_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    """Set documents.duplicate_of over all stored documents: a run's reposts of earlier documents are found,
    and a document whose first copy was removed gets the next one (or none)."""
    con.execute(_NEAR_DUPLICATES)
    # Through chains (c near b, b near a, c not near a): every copy names a document that is no copy.
    while con.execute(
        "UPDATE near_duplicates SET duplicate_of = first.duplicate_of FROM near_duplicates first "
        "WHERE near_duplicates.duplicate_of = first.doc_id"
    ).fetchone()[0]:
        pass
    con.execute(
        "UPDATE documents SET duplicate_of = found.duplicate_of FROM ("
        "  SELECT d.doc_id, n.duplicate_of FROM documents d LEFT JOIN near_duplicates n USING (doc_id)) found "
        "WHERE documents.doc_id = found.doc_id AND documents.duplicate_of IS DISTINCT FROM found.duplicate_of"
    )
    con.execute("DROP TABLE near_duplicates")


def _insert_run(con: duckdb.DuckDBPyConnection, staging_dir: Path) -> None:
    """The run's record and its data-quality results, last: a run row means the run is complete."""
    for table in RUN_RECORD:
        staged = _staged(staging_dir, table)
        if staged is not None:
            con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM {staged}")
