"""Score a folder of real pages against a gold CSV in process, as shared/eval/score.py reads a warehouse.

Decode, clean and extract each file as a worker does (without the batch's repeated-line rule, which
needs many pages of one site), then match like score.py: same indicator, value within 0.5%, and in
strict mode the same zone (normalised), period_year where gold has one, and status.

    python -m tests.gold_corpus CORPUS_DIR GOLD.csv [-v]     # per-file misses and false positives
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from transforms.clean import clean_document
from transforms.decode import decode_bytes
from transforms.extract import extract_figures
from transforms.model import Figure


def extract_folder(folder: Path) -> dict[str, list[Figure]]:
    out = {}
    for path in sorted(folder.glob("*.txt")):
        decoded = decode_bytes(path.read_bytes())
        out[path.name] = extract_figures(clean_document(decoded.text)) if decoded.text else []
    return out


def load_gold(path: Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        row["value"] = float(row["value"])
        row["period_year"] = int(row["period_year"]) if row["period_year"] else None
        row["optional"] = row["optional"].strip().lower() == "true"
        gold.setdefault(row["file"], []).append(row)
    return gold


def norm_zone(zone: str | None) -> str:
    zone = (zone or "").strip()
    if zone == "国家高新区":
        return zone
    return re.sub(r"^(国家级|国家)", "", zone).replace("高新技术产业开发区", "高新区").replace("国家高新区", "高新区")


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b)) + 1e-9


def wrong_attributes(f: Figure, g: dict) -> list[str]:
    return [
        name
        for name, bad in [
            ("zone", norm_zone(f.zone) != norm_zone(g["zone"])),
            ("year", g["period_year"] is not None and f.period_year != g["period_year"]),
            ("status", f.status != g["status"]),
        ]
        if bad
    ]


def matches(f: Figure, g: dict, strict: bool = True) -> bool:
    if f.indicator != g["indicator"] or not _close(f.value, g["value"]):
        return False
    return not strict or not wrong_attributes(f, g)


def score(
    found: dict[str, list[Figure]],
    gold: dict[str, list[dict]],
    strict: bool = True,
    verbose: bool = False,
    codes: set[str] | None = None,
) -> tuple[int, int, int]:
    """(tp, fp, fn) over the files of `found`, greedily in text order like score.py."""
    tp = fp = fn = 0
    for name, figures in found.items():
        golds, used = gold.get(name, []), set()
        for f in figures:
            if codes is not None and f.indicator not in codes:
                continue
            hit = next((i for i, g in enumerate(golds) if i not in used and matches(f, g, strict)), None)
            if hit is None:
                fp += 1
                if verbose:
                    near = next((g for g in golds if matches(f, g, False)), None)
                    why = (
                        f" wrong {'+'.join(wrong_attributes(f, near))} (gold {near['zone']} {near['period_year']} "
                        f"{near['status']})"
                        if near
                        else ""
                    )
                    print(
                        f"  FP {name}: {f.indicator} {f.value:g} {f.zone} {f.period_year} {f.status}{why}"
                        f" | {f.evidence[:50]}"
                    )
                continue
            used.add(hit)
            tp += not golds[hit]["optional"]
        for i, g in enumerate(golds):
            if i not in used and not g["optional"]:
                fn += 1
                if verbose:
                    print(
                        f"  FN {name}: {g['indicator']} {g['value']:g} {g['zone']} {g['period_year']} {g['status']}"
                        f" | {g['evidence']}"
                    )
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def spec_codes() -> set[str]:
    base = [
        "industrial_output",
        "above_scale_industrial_output",
        "industrial_value_added",
        "gdp",
        "revenue",
        "rd_expenditure",
        "rd_intensity",
        "high_tech_enterprises",
        "above_scale_industrial_enterprises",
        "tech_smes",
        "settled_enterprises",
        "incubated_enterprises",
        "rd_platforms",
    ]
    return set(base) | {c + "_yoy" for c in base}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    found, gold = extract_folder(a.corpus), load_gold(a.gold)
    codes = spec_codes()
    for mode in ("lenient", "strict"):
        tp, fp, fn = score(found, gold, mode == "strict", a.verbose and mode == "strict", codes)
        print(f"{mode}: tp={tp} fp={fp} fn={fn} F1={f1(tp, fp, fn):.3f}")


if __name__ == "__main__":
    main()
