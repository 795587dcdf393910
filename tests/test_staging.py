"""The staging folder between the workers, the validation process and the load."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from flows.staging import ROW_GROUP_ROWS, validate_staged, write_frame, write_rows
from flows.validator import Validator
from tests.test_expectations import CODES, fig, frame
from warehouse.tables import CANDIDATES, TABLES


def test_staged_files_hold_small_row_groups_whatever_the_batch_size(tmp_path: Path):
    """The load reads a row group at a time: one of a whole large batch's text would not fit in its memory."""
    write_frame(
        tmp_path,
        "documents",
        "000000",
        pl.DataFrame({"doc_id": [str(i) for i in range(1000)], "raw_text": ["正文" * 500] * 1000}),
    )
    metadata = pq.ParquetFile(tmp_path / "documents-000000.parquet").metadata
    assert metadata.num_rows == 1000
    assert max(metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)) <= ROW_GROUP_ROWS


def test_an_empty_frame_stages_no_file(tmp_path: Path):
    write_frame(tmp_path, "articles", "000000", pl.DataFrame({"doc_id": []}, schema={"doc_id": pl.String}))
    assert not list(tmp_path.iterdir())


def test_rows_are_staged_with_the_contracts_columns_and_types(tmp_path: Path):
    row = {
        "source_path": "/a.txt",
        "doc_id": None,
        "size_bytes": 3,
        "mtime_ns": 1,
        "status": "quarantined",
        "extractor_version": "v",
        "run_id": "r",
    }
    write_rows(tmp_path, "source_files", "000000", [row])
    assert pl.read_parquet(tmp_path / "source_files-000000.parquet").schema == TABLES["source_files"].staged
    with pytest.raises(ValueError, match="not those of the contract"):  # a column the table does not have
        write_rows(tmp_path, "source_files", "000001", [{**row, "checksum": "x"}])
    with pytest.raises(ValueError, match="not those of the contract"):  # a column left out
        write_rows(tmp_path, "source_files", "000001", [{k: v for k, v in row.items() if k != "run_id"}])


def test_validation_stages_the_passing_figures_and_returns_the_held_back_ones(tmp_path: Path):
    write_frame(tmp_path, CANDIDATES, "000000", frame([fig(0), fig(1, unit="bananas")]))
    write_frame(tmp_path, CANDIDATES, "000001", frame([fig(2)]))
    outcome = validate_staged(tmp_path, CODES, None, "staging-test")
    assert outcome.table_success and outcome.passed == 2
    assert pl.read_parquet(tmp_path / "figures-all.parquet")["figure_no"].to_list() == [0, 2]
    assert outcome.failed["figure_no"].to_list() == [1]
    assert outcome.passed_per_zone == [{"zone": "高新区", "indicator": "gdp", "figures": 2}]
    assert outcome.seconds > 0


def test_the_validation_process_reports_a_failure_instead_of_hanging(tmp_path: Path):
    with Validator(isolated=True) as validator:
        validator.submit(validate_staged, tmp_path / "missing", CODES, None, "x")  # glob of a missing folder: no rows
        assert validator.result().passed == 0
    with Validator(isolated=True) as validator:
        validator.submit(int, "not a number")
        with pytest.raises(RuntimeError, match="validation failed: ValueError"):
            validator.result()
    with Validator(isolated=True) as validator:
        validator.submit(os._exit, 3)  # the process dies (out of memory, killed) without an answer
        with pytest.raises(RuntimeError, match="exited with code 3"):
            validator.result()
