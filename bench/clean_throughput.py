"""Cleaning throughput, one core, per step: the sample corpus repeated to ~5 MB of text.

Usage: .venv/bin/python bench/clean_throughput.py [target_megabytes]
Each step is timed on the input it sees inside clean_document (the output of the steps before it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.clean import clean_document  # noqa: E402
from transforms.cleaning.articles import find_article_starts  # noqa: E402
from transforms.cleaning.boilerplate import find_boilerplate  # noqa: E402
from transforms.cleaning.layout import join_broken_paragraphs, tidy_line  # noqa: E402
from transforms.cleaning.metadata import read_metadata  # noqa: E402
from transforms.cleaning.mojibake import repair_mojibake  # noqa: E402
from transforms.cleaning.pinyin_notes import strip_pinyin_annotations  # noqa: E402
from transforms.cleaning.script import collapse_repeated_punctuation, normalise_width, to_simplified  # noqa: E402
from transforms.decode import decode_bytes  # noqa: E402


def corpus(target_bytes: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sample").glob("*.txt"))]
    size = sum(len(s.encode("utf-8")) for s in seeds)
    return seeds * max(1, round(target_bytes / size))


def timed(name: str, step, inputs: list, chars: int) -> list:
    started = time.perf_counter()
    outputs = [step(item) for item in inputs]
    seconds = time.perf_counter() - started
    print(f"{name:<28}{seconds * 1000:>9.1f} ms{chars / seconds / 1e6:>10.2f} M chars/s")
    return outputs


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    texts = corpus(int(megabytes * 1e6))
    chars = sum(map(len, texts))
    megabytes_utf8 = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} documents, {chars / 1e6:.2f} M chars, {megabytes_utf8:.1f} MB UTF-8")
    print(f"{'step':<28}{'time':>12}{'throughput':>18}")
    data = [t.encode("utf-8") for t in texts]
    timed("decode_bytes (utf-8)", decode_bytes, data, chars)
    texts = [t for t, _ in timed("mojibake", repair_mojibake, texts, chars)]
    texts = [t for t, _ in timed("pinyin_annotations", strip_pinyin_annotations, texts, chars)]
    texts = timed("traditional_to_simplified", to_simplified, texts, chars)
    texts = timed("full_width_to_ascii", normalise_width, texts, chars)
    texts = [t for t, _ in timed("repeated_punctuation", collapse_repeated_punctuation, texts, chars)]
    raw_lines = [t.split("\n") for t in texts]
    kinds = timed("boilerplate", find_boilerplate, raw_lines, chars)
    lines = timed("tidy_lines", lambda ls: [tidy_line(line) for line in ls], raw_lines, chars)
    visible = [[line if i not in k else "" for i, line in enumerate(ls)] for ls, k in zip(lines, kinds, strict=True)]
    timed("metadata", read_metadata, visible, chars)
    timed("articles", find_article_starts, visible, chars)
    timed("join_broken_lines", lambda ls: join_broken_paragraphs(ls, frozenset()), visible, chars)
    originals = corpus(int(megabytes * 1e6))
    timed("clean_document (all steps)", clean_document, originals, chars)


if __name__ == "__main__":
    main()
