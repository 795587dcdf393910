"""Strict F1 on real pages, through the whole pipeline and the shared scorer: the product's truth.

One flow run loads the seeds, the shared development set and the labelled batches of
tests/real_pages; ../shared/eval/score.py scores each corpus of that warehouse. The floors sit a little
under the figures the README reports, so a change that costs real-page accuracy fails here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.etl import gaoxin_etl
from tests.conftest import SHARED

REAL_PAGES = Path(__file__).parent / "real_pages"
SCORER = SHARED / "eval" / "score.py"
CORPORA = {  # name: (corpus folder, gold file, strict F1 floor)
    "seeds": (SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.csv", 0.97),
    "real": (SHARED / "corpus" / "real", SHARED / "gold" / "real.csv", 0.85),
    "batch_a": (REAL_PAGES / "batch_a", REAL_PAGES / "batch_a" / "gold.csv", 0.89),
    "batch_b": (REAL_PAGES / "batch_b", REAL_PAGES / "batch_b" / "gold.csv", 0.80),
    "batch_c": (REAL_PAGES / "batch_c", REAL_PAGES / "batch_c" / "gold.csv", 0.84),
    "batch_d": (REAL_PAGES / "batch_d", REAL_PAGES / "batch_d" / "gold.csv", 0.77),
    "batch_e": (REAL_PAGES / "batch_e", REAL_PAGES / "batch_e" / "gold.csv", 0.77),
    "batch_f": (REAL_PAGES / "batch_f", REAL_PAGES / "batch_f" / "gold.csv", 0.88),
    "batch_g": (REAL_PAGES / "batch_g", REAL_PAGES / "batch_g" / "gold.csv", 0.76),
    "batch_h": (REAL_PAGES / "batch_h", REAL_PAGES / "batch_h" / "gold.csv", 0.81),
    "batch_i": (REAL_PAGES / "batch_i", REAL_PAGES / "batch_i" / "gold.csv", 0.67),
    "batch_j": (REAL_PAGES / "batch_j", REAL_PAGES / "batch_j" / "gold.csv", 0.83),
}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason=f"shared scorer not found at {SCORER}")


@pytest.fixture(scope="module")
def warehouse(prefect_harness, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("real_pages")
    for name, (corpus, _, _) in CORPORA.items():
        shutil.copytree(corpus, root / "src" / name, ignore=shutil.ignore_patterns("*.csv", "*.md"))
    path = root / "w.duckdb"
    gaoxin_etl(source=root / "src", warehouse=path)
    return path


@pytest.mark.parametrize("name", list(CORPORA))
def test_strict_f1_on_real_pages_stays_above_its_floor(warehouse: Path, name: str):
    corpus, gold, floor = CORPORA[name]
    result = subprocess.run(
        [sys.executable, str(SCORER), str(warehouse), str(gold), "--corpus", str(corpus), "--min-f1", str(floor)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_real_page_figure_records_its_bases(warehouse: Path):
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        missing = con.execute(
            "SELECT count(*) FROM indicators WHERE zone_basis IS NULL OR period_basis IS NULL"
        ).fetchone()[0]
        bases = dict(con.execute("SELECT period_basis, count(*) FROM indicators GROUP BY ALL").fetchall())
    finally:
        con.close()
    assert missing == 0
    # real pages lean on every scope: the nearest one wins, and the page-level ones are used
    assert {"clause", "sentence", "article", "published_date"} <= set(bases)
