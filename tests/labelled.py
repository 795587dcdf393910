"""Scoring harness shared by the hand-labelled held-out test files (tests/test_extract_unseen.py,
tests/test_extract_heldout2.py, tests/test_extract_heldout3.py).

Each raw page goes through clean_document and extract_figures, as in the pipeline, and is matched
like shared/eval/score.py in strict mode: same indicator, value within 0.5%, same zone, same
period_year when the label has one, same status. Optional labels are neither misses nor false
positives when they match on indicator and value. Subject, period and qualifier are checked
separately (`wrong_attributes`).

    python -m tests.labelled tests.test_extract_heldout3   # per-document table and totals
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass

import pytest

from transforms.extract import extract_figures
from transforms.model import Figure

ANY = "*"  # period of a label that is not checked


@dataclass(frozen=True)
class Label:
    indicator: str
    value: float
    zone: str | None
    year: int | None  # None: any year is accepted (score.py checks period_year only when gold has one)
    period: str | None = None  # default: str(year); ANY: not checked
    status: str = "actual"
    qualifier: str = "="
    subject: str | None = None  # default: zone
    optional: bool = False


Docs = dict[str, tuple[str, list[Label]]]


def extract_raw(raw: str) -> list[Figure]:
    """The pipeline on one raw page: clean_document, then extract_figures."""
    from transforms.clean import clean_document

    return extract_figures(clean_document(raw))


def matches_strict(f: Figure, g: Label) -> bool:
    """shared/eval/score.py strict: a label without a year accepts any year."""
    if f.indicator != g.indicator or abs(f.value - g.value) > 0.005 * max(abs(f.value), abs(g.value)) + 1e-9:
        return False
    return g.optional or (f.zone == g.zone and (g.year is None or f.period_year == g.year) and f.status == g.status)


def align(found: list[Figure], labels: list[Label]) -> tuple[list[tuple[Figure, Label]], list[Figure], list[Label]]:
    """(matched pairs, false positives, misses), greedily in text order like score.py."""
    used, pairs, spurious = set(), [], []
    for f in found:
        i = next((i for i, g in enumerate(labels) if i not in used and matches_strict(f, g)), None)
        if i is None:
            spurious.append(f)
        else:
            used.add(i)
            pairs.append((f, labels[i]))
    missed = [g for i, g in enumerate(labels) if i not in used and not g.optional]
    return pairs, spurious, missed


def align_doc(docs: Docs, name: str):
    raw, labels = docs[name]
    return align(extract_raw(raw), labels)


def wrong_attributes(pairs: list[tuple[Figure, Label]]) -> list[tuple[Figure, Label]]:
    """Matched required pairs whose subject, period or qualifier differ from the label."""

    def wrong(f: Figure, g: Label) -> bool:
        period = g.period or (str(g.year) if g.year else None)
        return (
            f.subject != (g.subject or g.zone) or (period != ANY and f.period != period) or f.qualifier != g.qualifier
        )

    return [(f, g) for f, g in pairs if not g.optional and wrong(f, g)]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def print_report(docs: Docs, verbose: bool = True) -> tuple[int, int, int]:
    """Per-document tp/fp/fn (with each miss and false positive when verbose), then totals."""
    tp = fp = fn = 0
    for name in docs:
        pairs, spurious, missed = align_doc(docs, name)
        dtp = sum(not g.optional for _, g in pairs)
        print(f"{name:40s} tp={dtp:2d} fp={len(spurious):2d} fn={len(missed):2d}")
        if verbose:
            for f in spurious:
                print(f"    FP {f.indicator} {f.value:g} {f.zone} {f.period_year} {f.status} | {f.evidence[:60]}")
            for g in missed:
                print(f"    FN {g.indicator} {g.value:g} {g.zone} {g.year} {g.status}")
            for f, g in wrong_attributes(pairs):
                print(
                    f"    ATTR {f.indicator} {f.value:g}: subject {f.subject}/{g.subject or g.zone} "
                    f"period {f.period}/{g.period or g.year} qualifier {f.qualifier}/{g.qualifier}"
                )
        tp, fp, fn = tp + dtp, fp + len(spurious), fn + len(missed)
    p, r, f1 = prf(tp, fp, fn)
    print(f"tp={tp} fp={fp} fn={fn} precision={p:.3f} recall={r:.3f} F1={f1:.3f}")
    return tp, fp, fn


if __name__ == "__main__":
    for module in sys.argv[1:]:
        print_report(importlib.import_module(module).DOCS)


def document_tests(docs: Docs, subject_limits: dict[str, str] | None = None):
    """The two tests every labelled batch runs, parametrized over its documents.

    Figures found exactly as labelled (strict, as score.py matches), then their subject, period and
    qualifier right; `subject_limits` names documents with a known limit (strict xfail, with why).
    Assign the pair to module-level test_* names so pytest collects them.
    """
    limits = subject_limits or {}

    @pytest.mark.parametrize("name", list(docs))
    def test_document_matches_its_labels(name):
        _, spurious, missed = align_doc(docs, name)
        assert not spurious, spurious
        assert not missed, missed

    @pytest.mark.parametrize(
        "name",
        [pytest.param(n, marks=pytest.mark.xfail(reason=limits[n], strict=True)) if n in limits else n for n in docs],
    )
    def test_subject_period_and_qualifier(name):
        pairs, _, _ = align_doc(docs, name)
        bad = wrong_attributes(pairs)
        assert not bad, bad

    return test_document_matches_its_labels, test_subject_period_and_qualifier
