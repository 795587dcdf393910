"""Scaling benchmark: decode, clean and extract on adversarial document shapes at n, 2n, 4n, 8n.

    .venv/bin/python -m bench.scaling [--base-kb 1024] [--doublings 3] [--shapes digits_line,prose]
                                      [--json OUT] [--stage-timeout 120] [--repeats 3]

Each shape is one generated document (seeded, so the same on every run) of n KB of UTF-8, then 2n, 4n, ...
Every (shape, size) is measured in a fresh child process (multiprocessing spawn), on one core, after a
warm-up on a sample page: decode = decode_with_notes on the document's UTF-8 bytes, ftfy = ftfy.fix_text
(the yardstick), clean = clean_document, extract = extract_figures on the cleaned document; each stage
is run --repeats times and its fastest run counts. Seconds are the child's CPU seconds (time.process_time),
which other load on a shared machine disturbs less than wall time. ftfy runs before clean so that the
yardstick is known even when clean stalls. A run that passes --stage-timeout (wall time) is stopped,
printed as "> S s (stopped)", and the shape's larger sizes are skipped.

Printed per shape and size: MB of UTF-8, seconds and M chars/s per stage (chars of the generated document
for every stage), (clean+extract)/ftfy, and the ratio of clean+extract seconds to the previous size's.
Then one verdict line per shape against the targets: at most 2.3x per doubling (a pair whose timings are
both under 0.05 s is noise and not judged) and clean+extract below ftfy at the size nearest 1 MB.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402
import yaml  # noqa: E402

from transforms.clean import clean_document  # noqa: E402
from transforms.decode import decode_with_notes  # noqa: E402
from transforms.extract import extract_figures  # noqa: E402

SAMPLES = ROOT / "data" / "sample"
TAXONOMY = ROOT / "transforms" / "data" / "taxonomy.yaml"
ZONES = ROOT / "transforms" / "data" / "zones.yaml"
SEED = 20240605
STAGES = ("decode", "clean", "extract", "ftfy")  # as printed; run order is RUN_ORDER
RUN_ORDER = ("decode", "ftfy", "clean", "extract")
STARTUP_TIMEOUT_S = 300  # imports, generating the document and the warm-up, before any stage is timed
MAX_RATIO_PER_DOUBLING = 2.3
NOISE_S = 0.05  # a doubling whose two clean+extract timings are both below this is not judged
ONE_MB = 1e6
CELL_WIDTH = 20  # one stage: seconds and M chars/s

DIGITS_AND_UNITS = "0123456789.亿万元家%"
CONNECTIVES = ["增长", "同比", "高新区", "全区", "2021年", "截至", "达到", "实现", "其中", "累计"]
AMOUNT_FORMATS = ("{0}.{1}亿元", "{1}.{0}%", "{0}家", "{0}万元", "{1}%")
PLAIN_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9&]+")  # a taxonomy alias that is a word, not a pattern
WRAPPED_OPENING = "2023年高新区主要经济指标如下。\n"  # a sentence: what follows is no table of contents
TABLE_HEADER = "年份  工业总产值(亿元)  增长(%)  高新技术企业(家)\n"
CELL_GAPS = ("  ", "\t", "    ", " \t ")
TRADITIONAL_PINYIN = (
    ("區", "qū"),
    ("經", "jīng"),
    ("濟", "jì"),
    ("產", "chǎn"),
    ("業", "yè"),
    ("總", "zǒng"),
    ("億", "yì"),
    ("萬", "wàn"),
    ("園", "yuán"),
    ("術", "shù"),
    ("發", "fā"),
    ("開", "kāi"),
    ("營", "yíng"),
    ("實", "shí"),
    ("現", "xiàn"),
    ("長", "zhǎng"),
    ("興", "xīng"),
    ("資", "zī"),
    ("創", "chuàng"),
    ("規", "guī"),
    ("劃", "huà"),
    ("達", "dá"),
    ("與", "yǔ"),
    ("點", "diǎn"),
)
NOTE_BRACKETS = ("({})", "（{}）")
OPENING_BRACKETS = "（(（(【[《"
CLOSING_BRACKETS = "）)】]》"


# ---------------------------------------------------------------- shapes: target bytes -> one document


def _fill(piece: Callable[[random.Random], str], target_bytes: int) -> str:
    """Seeded pieces joined up to target_bytes of UTF-8; a character cut at the end is dropped."""
    rng = random.Random(SEED)
    pieces, size = [], 0
    while size < target_bytes:
        pieces.append(piece(rng))
        size += len(pieces[-1].encode("utf-8"))
    return "".join(pieces).encode("utf-8")[:target_bytes].decode("utf-8", errors="ignore")


def _amount(rng: random.Random) -> str:
    return rng.choice(AMOUNT_FORMATS).format(rng.randint(1, 9999), rng.randint(0, 99))


def indicator_aliases() -> list[str]:
    """The taxonomy's aliases that are plain words (工业总产值, 营业收入, 高新技术企业, GDP, ...)."""
    indicators = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["indicators"]
    return sorted({alias for rule in indicators.values() for alias in rule["aliases"] if PLAIN_WORD.fullmatch(alias)})


def zone_names() -> list[str]:
    return [entry["zone"] for entry in yaml.safe_load(ZONES.read_text(encoding="utf-8"))]


def digits_line(target_bytes: int) -> str:
    """One line of digits, points and units (0123456789.亿万元家%), no line break."""
    return _fill(lambda rng: "".join(rng.choices(DIGITS_AND_UNITS, k=1024)), target_bytes)


def alias_soup(target_bytes: int) -> str:
    """Indicator aliases, connectives and amounts glued together: no 。！？, no line break, no punctuation."""
    words = indicator_aliases() + CONNECTIVES
    return _fill(lambda rng: rng.choice(words) if rng.random() < 0.7 else _amount(rng), target_bytes)


def figure_lines(target_bytes: int) -> str:
    """Short figure lines, one per line: 2021年,高新区实现产值1234.5亿元 (the year varies)."""
    return _fill(
        lambda rng: f"{rng.randint(2000, 2024)}年,高新区实现产值{rng.randint(1, 99999) / 10}亿元\n", target_bytes
    )


def wrapped_clauses(target_bytes: int) -> str:
    """An opening sentence, then clauses one a line, each ending in a comma (高新区营业收入1234.5亿元，): a dump
    wrapped mid-sentence that never closes one, so every line joins one growing paragraph."""
    words = indicator_aliases()
    lines = _fill(
        lambda rng: f"高新区{rng.choice(words)}{_amount(rng)}，\n", target_bytes - len(WRAPPED_OPENING.encode())
    )
    return WRAPPED_OPENING + lines


def text_table(target_bytes: int) -> str:
    """A header line, then rows "2019年  1234.5  12.3%  567家" (a zone name in the first cell one time in five)."""
    zones = zone_names()

    def row(rng: random.Random) -> str:
        first = rng.choice(zones) if rng.random() < 0.2 else f"{rng.randint(2000, 2024)}年"
        cells = [first, str(rng.randint(1, 99999) / 10), f"{rng.randint(-50, 500) / 10}%", f"{rng.randint(1, 2000)}家"]
        return rng.choice(CELL_GAPS).join(cells) + "\n"

    return TABLE_HEADER + _fill(row, target_bytes - len(TABLE_HEADER.encode("utf-8")))


def _annotated_run(rng: random.Random) -> str:
    """Traditional characters, most with a bracketed pinyin note: 區(qū)經(jīng)濟(jì)."""
    chars = rng.choices(TRADITIONAL_PINYIN, k=rng.randint(2, 12))
    return "".join(
        char + rng.choice(NOTE_BRACKETS).format(pinyin) if rng.random() < 0.8 else char for char, pinyin in chars
    )


def _bracket_run(rng: random.Random) -> str:
    """Nested, unbalanced brackets: many openings, a few closings."""
    openings = rng.choices(OPENING_BRACKETS, k=rng.randint(1, 40))
    return "".join(openings + rng.choices(CLOSING_BRACKETS, k=rng.randint(0, 5)))


def brackets_pinyin(target_bytes: int) -> str:
    """Runs of pinyin-annotated traditional characters and of unbalanced brackets, mixed with amounts; one line."""

    def piece(rng: random.Random) -> str:
        draw = rng.random()
        return _annotated_run(rng) if draw < 0.5 else _bracket_run(rng) if draw < 0.8 else _amount(rng)

    return _fill(piece, target_bytes)


def prose(target_bytes: int) -> str:
    """Control: the sample pages of data/sample concatenated and repeated, as one document."""
    pages = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt")))
    return _fill(lambda _rng: pages + "\n", target_bytes)


SHAPES = {
    shape.__name__: shape
    for shape in (digits_line, alias_soup, figure_lines, wrapped_clauses, text_table, brackets_pinyin, prose)
}


# ---------------------------------------------------------------- child process: time the stages of one document


def _warm_up() -> None:
    """Load dictionaries and compile patterns before anything is timed."""
    page = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    decode_with_notes(page.encode("utf-8"))
    ftfy.fix_text(page)
    extract_figures(clean_document(page))


def _run_stage(report, stage: str, call: Callable, argument, repeats: int):
    """call(argument), `repeats` times; tells the parent when each run starts and the CPU seconds it took."""
    for _ in range(repeats):
        report.send({"running": stage})
        started = time.process_time()
        result = call(argument)
        report.send({stage: time.process_time() - started})
    return result


def time_document(shape: str, target_bytes: int, repeats: int, report) -> None:
    """Child process: build the document, warm up, then run the stages, reporting each run as it ends."""
    text = SHAPES[shape](target_bytes)
    data = text.encode("utf-8")
    _warm_up()
    report.send({"bytes": len(data), "chars": len(text)})
    _run_stage(report, "decode", decode_with_notes, data, repeats)
    _run_stage(report, "ftfy", ftfy.fix_text, text, repeats)
    cleaned = _run_stage(report, "clean", clean_document, text, repeats)
    figures = _run_stage(report, "extract", extract_figures, cleaned, repeats)
    report.send({"clean_chars": len(cleaned.clean_text), "figures": len(figures), "done": True})


# ---------------------------------------------------------------- parent: measurements, table, verdicts


@dataclass
class Measurement:
    target_bytes: int
    bytes: int = 0
    chars: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> its fastest run
    clean_chars: int | None = None
    figures: int | None = None
    stopped_stage: str | None = None  # ran past the stage timeout
    failed_stage: str | None = None  # the child process died (its traceback is on stderr)
    ratio_per_doubling: float | None = None
    ratio_is_noise: bool = False

    @property
    def megabytes(self) -> float:
        return (self.bytes or self.target_bytes) / 1e6

    @property
    def clean_extract_s(self) -> float | None:
        if "clean" in self.seconds and "extract" in self.seconds:
            return self.seconds["clean"] + self.seconds["extract"]
        return None

    @property
    def over_ftfy(self) -> float | None:
        if self.clean_extract_s is None or not self.seconds.get("ftfy"):
            return None
        return self.clean_extract_s / self.seconds["ftfy"]

    @property
    def complete(self) -> bool:
        return self.stopped_stage is None and self.failed_stage is None

    def record(self, message: dict) -> None:
        for key, value in message.items():
            if key in RUN_ORDER:
                self.seconds[key] = min(value, self.seconds.get(key, value))
            else:
                setattr(self, key, value)


def measure(shape: str, target_bytes: int, stage_timeout: float, repeats: int) -> Measurement:
    """Time one document's stages in a spawned child, stopping it when a run of a stage passes stage_timeout."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=time_document, args=(shape, target_bytes, repeats, sender), daemon=True)
    child.start()
    sender.close()
    measurement = Measurement(target_bytes)
    running, finished = "startup", False
    try:
        while not finished:
            if not receiver.poll(STARTUP_TIMEOUT_S if running == "startup" else stage_timeout):
                measurement.stopped_stage = running
                break
            try:
                message = receiver.recv()
            except EOFError:
                measurement.failed_stage = running
                break
            running = message.pop("running", running)
            finished = message.pop("done", False)
            measurement.record(message)
    finally:
        child.kill()
        child.join()
        receiver.close()
    return measurement


def set_ratio(measurement: Measurement, previous: Measurement | None) -> None:
    """clean+extract seconds over the previous size's; marked as noise when both are under NOISE_S."""
    if previous is None or measurement.clean_extract_s is None or previous.clean_extract_s is None:
        return
    measurement.ratio_per_doubling = measurement.clean_extract_s / previous.clean_extract_s
    measurement.ratio_is_noise = max(measurement.clean_extract_s, previous.clean_extract_s) < NOISE_S


def stage_cell(measurement: Measurement, stage: str, stage_timeout: float) -> str:
    if stage in measurement.seconds:
        seconds = measurement.seconds[stage]
        rate = f"{measurement.chars / seconds / 1e6:.2f}" if seconds > 0 else "inf"
        return f"{seconds:9.3f}{rate:>11}"
    if stage == measurement.stopped_stage:
        return f"> {stage_timeout:g} s (stopped)"
    if stage == measurement.failed_stage:
        return "failed"
    return "-"


def print_header(shape: str) -> None:
    names = "".join(f"{stage:>{CELL_WIDTH}}" for stage in STAGES)
    units = f"{'s':>9}{'M chars/s':>11}" * len(STAGES)
    print(f"\n{shape}\n{'':>7}{names}{'clean+extract':>14}{'clean+extract':>14}")
    print(f"{'MB':>7}{units}{'/ ftfy':>14}{'per doubling':>14}")


def print_row(measurement: Measurement, stage_timeout: float) -> None:
    cells = "".join(f"{stage_cell(measurement, stage, stage_timeout):>{CELL_WIDTH}}" for stage in STAGES)
    over_ftfy = "-" if measurement.over_ftfy is None else f"{measurement.over_ftfy:.2f}"
    ratio = "-" if measurement.ratio_per_doubling is None else f"{measurement.ratio_per_doubling:.2f}"
    if measurement.ratio_is_noise:
        ratio += " (noise)"
    print(f"{measurement.megabytes:7.2f}{cells}{over_ftfy:>14}{ratio:>14}", flush=True)


def stop_reason(measurement: Measurement, stage_timeout: float) -> str | None:
    if measurement.stopped_stage:
        limit = STARTUP_TIMEOUT_S if measurement.stopped_stage == "startup" else stage_timeout
        return f"{measurement.stopped_stage} > {limit:g} s at {measurement.megabytes:.2f} MB"
    if measurement.failed_stage:
        return f"{measurement.failed_stage} failed at {measurement.megabytes:.2f} MB"
    return None


def verdict(measurements: list[Measurement], stage_timeout: float) -> dict:
    """PASS/FAIL against the per-doubling target and against ftfy at the size nearest 1 MB."""
    judged = [m.ratio_per_doubling for m in measurements if m.ratio_per_doubling is not None and not m.ratio_is_noise]
    noise = sum(m.ratio_is_noise for m in measurements)
    last = measurements[-1]
    stopped = stop_reason(last, stage_timeout)
    max_ratio = max(judged, default=None)
    mean_ratio = math.exp(sum(map(math.log, judged)) / len(judged)) if judged else None
    nearest = min(measurements, key=lambda m: abs(m.target_bytes - ONE_MB))
    return {
        "max_ratio_per_doubling": max_ratio,
        "geometric_mean_ratio_per_doubling": mean_ratio,
        "pairs_ignored_as_noise": noise,
        "stopped": stopped,
        "ratio_pass": not stopped and (max_ratio is None or max_ratio <= MAX_RATIO_PER_DOUBLING),
        "nearest_1mb": nearest.target_bytes / 1e6,
        "clean_extract_s": nearest.clean_extract_s,
        "ftfy_s": nearest.seconds.get("ftfy"),
        "below_ftfy_pass": nearest.over_ftfy is not None and nearest.over_ftfy < 1,
    }


def verdict_line(shape: str, result: dict) -> str:
    def mark(passed: bool) -> str:
        return "PASS" if passed else "FAIL"

    if result["stopped"]:
        ratio = f"stopped ({result['stopped']}; larger sizes skipped)"
    elif result["max_ratio_per_doubling"] is None:
        ratio = "one size only" if not result["pairs_ignored_as_noise"] else f"all pairs under {NOISE_S} s (noise)"
    else:
        ratio = (
            f"max {result['max_ratio_per_doubling']:.2f}, "
            f"geometric mean {result['geometric_mean_ratio_per_doubling']:.2f}"
        )
    if result["pairs_ignored_as_noise"] and result["max_ratio_per_doubling"] is not None:
        ratio += f", {result['pairs_ignored_as_noise']} pair(s) under {NOISE_S} s ignored as noise"
    if result["clean_extract_s"] is None:
        ftfy_text = "clean+extract not measured"
    else:
        ftfy_text = f"clean+extract {result['clean_extract_s']:.3f} s vs ftfy {result['ftfy_s']:.3f} s"
    ratio_target = f"(target <= {MAX_RATIO_PER_DOUBLING}): {mark(result['ratio_pass'])}"
    return (
        f"verdict {shape}: per doubling {ratio} {ratio_target}; "
        f"at {result['nearest_1mb']:.2f} MB (nearest 1 MB) {ftfy_text}: {mark(result['below_ftfy_pass'])}"
    )


def run_shape(shape: str, sizes: list[int], stage_timeout: float, repeats: int) -> tuple[list[Measurement], dict]:
    print_header(shape)
    measurements: list[Measurement] = []
    for target_bytes in sizes:
        measurement = measure(shape, target_bytes, stage_timeout, repeats)
        set_ratio(measurement, measurements[-1] if measurements else None)
        measurements.append(measurement)
        print_row(measurement, stage_timeout)
        if not measurement.complete:
            break
    result = verdict(measurements, stage_timeout)
    print(verdict_line(shape, result))
    return measurements, result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-kb", type=float, default=1024, help="n, the smallest size, in KB of UTF-8")
    parser.add_argument("--doublings", type=int, default=3, help="sizes n, 2n, ..., n * 2**doublings")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of: {', '.join(SHAPES)}")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--stage-timeout", type=float, default=120, help="seconds before a run of a stage is stopped")
    parser.add_argument("--repeats", type=int, default=3, help="runs per stage; the fastest counts")
    args = parser.parse_args(argv)
    args.shapes = args.shapes.split(",")
    unknown = [shape for shape in args.shapes if shape not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s) {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    sizes = [int(args.base_kb * 1024) * 2**k for k in range(args.doublings + 1)]
    print(
        f"sizes {', '.join(f'{size / 1e6:.2f}' for size in sizes)} MB; s = CPU seconds, fastest of {args.repeats} "
        f"run(s) per stage; M chars/s = chars of the generated document per second; "
        f"stage timeout {args.stage_timeout:g} s"
    )
    figures = {
        "base_kb": args.base_kb,
        "doublings": args.doublings,
        "stage_timeout_s": args.stage_timeout,
        "repeats": args.repeats,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "shapes": {},
    }
    for shape in args.shapes:
        measurements, result = run_shape(shape, sizes, args.stage_timeout, args.repeats)
        rows = [asdict(m) | {"clean_extract_s": m.clean_extract_s, "over_ftfy": m.over_ftfy} for m in measurements]
        figures["shapes"][shape] = {"sizes": rows, "verdict": result}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
