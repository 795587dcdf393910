"""Finding and reading source files: the pipeline's only file-system input, kept out of transforms."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flows.config import MAX_FILE_BYTES, SOURCE_SUFFIXES

if TYPE_CHECKING:  # worker processes import this module: they need neither DuckDB nor the warehouse
    from warehouse.store import FileState


@dataclass(frozen=True)
class SourceFile:
    """One file after reading: a document to process, an unchanged file, or a quarantined one.

    A document carries its raw bytes (`data`, decoded by a worker) or, when it is reprocessed from
    the warehouse, its stored text and encoding.
    """

    path: str
    outcome: str  # document | unchanged | touched | quarantined
    size_bytes: int | None = None
    mtime_ns: int | None = None
    doc_id: str | None = None
    encoding: str | None = None
    text: str | None = None
    reason: str | None = None  # why it was quarantined
    data: bytes | None = None


def discover_files(source: Path) -> list[str]:
    """Absolute paths of candidate files below `source`, sorted so runs are reproducible.

    Picks up names ending in SOURCE_SUFFIXES (any case), skips hidden files and folders, and does
    not descend into symlinked folders (no loops); a symlinked file is read through its link.
    """
    if not source.is_dir():
        raise NotADirectoryError(f"source folder not found: {source}")
    found = []
    for folder, subfolders, names in os.walk(source.absolute(), followlinks=False):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found.extend(
            os.path.join(folder, name)
            for name in names
            if not name.startswith(".") and name.lower().endswith(SOURCE_SUFFIXES)
        )
    return sorted(found)


def _stat(path: str) -> tuple[int | None, int | None, str | None]:
    """(size, mtime_ns, error): a file that cannot be stat'ed has no size and says why."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        return None, None, f"cannot stat file: {exc.strerror or exc}"
    return stat.st_size, stat.st_mtime_ns, None


def is_unchanged(path: str, known: FileState | None, extractor_version: str) -> bool:
    """Same size, mtime and extractor version as when the warehouse last took this file: skip it unread."""
    size, mtime, _ = _stat(path)
    return known is not None and (known.size_bytes, known.mtime_ns, known.extractor_version) == (
        size,
        mtime,
        extractor_version,
    )


def read_source_file(path: str, known: FileState | None, extractor_version: str) -> SourceFile:
    """Stat, read and hash one file; never raises for a bad file, quarantines it instead."""
    size, mtime, stat_error = _stat(path)
    if known and (known.size_bytes, known.mtime_ns, known.extractor_version) == (size, mtime, extractor_version):
        return SourceFile(path, "unchanged", size, mtime, known.doc_id)
    if stat_error:
        return SourceFile(path, "quarantined", reason=stat_error)
    if size > MAX_FILE_BYTES:
        return SourceFile(
            path,
            "quarantined",
            size,
            mtime,
            reason=f"file too large: {size / 2**20:.1f} MiB > {MAX_FILE_BYTES / 2**20:.0f} MiB limit",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return SourceFile(path, "quarantined", size, mtime, reason=f"cannot read file: {exc.strerror or exc}")
    doc_id = hashlib.sha256(data).hexdigest()
    if known and known.status == "loaded" and known.doc_id == doc_id and known.extractor_version == extractor_version:
        return SourceFile(path, "touched", size, mtime, doc_id)
    return SourceFile(path, "document", size, mtime, doc_id, data=data)
