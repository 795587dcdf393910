"""Checks of transforms/data/taxonomy.yaml as loaded, before anything is compiled from it.

`check_taxonomy` walks the data against `SCHEMA` (every section the extractor reads: required keys,
types, units, qualifier symbols; unknown keys are typos) and collects every problem with the path of
the entry ("indicators.rd_intensity.aliases[2]: does not compile: ..."), then raises one
`TaxonomyError` listing them all.

Hand-written rather than pydantic models: importing pydantic and building the models costs ~200 ms in
every worker process that imports transforms (more than importing transforms and loading the taxonomy
together, ~120 ms), while this check costs about a millisecond.

`required_literals` finds the words every match of an alias pattern contains, from the pattern text
alone (no private regex parser), so that each `hints` entry of the taxonomy can be checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from transforms.numbers import CNY, COUNT, PERCENT

UNITS = (CNY, COUNT, PERCENT)
QUALIFIER_SYMBOLS = ("=", "~", ">", ">=", "<")  # as expectations/figures.py QUALIFIERS

Check = Callable[[object, str, list[str]], None]  # (value, where, problems): appends problems


class TaxonomyError(ValueError):
    """taxonomy.yaml is not usable; `problems` lists every problem found, each naming its entry."""

    def __init__(self, source: str, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


# ---------------------------------------------------------------- checks of one value


def _type_name(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def text(value: object, where: str, problems: list[str]) -> None:
    if not isinstance(value, str) or not value:
        problems.append(f"{where}: expected a non-empty string, got {_type_name(value)} {value!r}")


def pattern(value: object, where: str, problems: list[str]) -> None:
    if not isinstance(value, str) or not value:
        problems.append(f"{where}: expected a pattern (a non-empty string), got {_type_name(value)} {value!r}")
        return
    try:
        re.compile(value)
    except re.error as exc:
        problems.append(f"{where}: does not compile: {exc}")


def boolean(value: object, where: str, problems: list[str]) -> None:
    if not isinstance(value, bool):
        problems.append(f"{where}: expected true or false, got {_type_name(value)} {value!r}")


def positive_int(value: object, where: str, problems: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        problems.append(f"{where}: expected a positive integer, got {_type_name(value)} {value!r}")


def one_of(choices: tuple[str, ...]) -> Check:
    def check(value: object, where: str, problems: list[str]) -> None:
        if value not in choices:
            problems.append(f"{where}: {value!r} is not one of {', '.join(choices)}")

    return check


def list_of(item: Check) -> Check:
    def check(value: object, where: str, problems: list[str]) -> None:
        if not isinstance(value, list) or not value:
            problems.append(f"{where}: expected a non-empty list, got {_type_name(value)} {value!r}")
            return
        for i, element in enumerate(value):
            item(element, f"{where}[{i}]", problems)

    return check


def mapping_of(item: Check, key: Check = text) -> Check:
    def check(value: object, where: str, problems: list[str]) -> None:
        if not isinstance(value, dict) or not value:
            problems.append(f"{where}: expected a non-empty mapping, got {_type_name(value)} {value!r}")
            return
        for name, element in value.items():
            key(name, f"{where}: key", problems)
            item(element, f"{where}.{name}", problems)

    return check


def pair(first: Check, second: Check) -> Check:
    def check(value: object, where: str, problems: list[str]) -> None:
        if not isinstance(value, list) or len(value) != 2:
            problems.append(f"{where}: expected a pair [a, b], got {_type_name(value)} {value!r}")
            return
        first(value[0], f"{where}[0]", problems)
        second(value[1], f"{where}[1]", problems)

    return check


def record(required: dict[str, Check], optional: dict[str, Check] | None = None) -> Check:
    """A mapping with these keys: each required one present, no key outside both."""
    optional = optional or {}

    def check(value: object, where: str, problems: list[str]) -> None:
        prefix = f"{where}." if where else ""
        if not isinstance(value, dict):
            problems.append(f"{where or 'the file'}: expected a mapping, got {_type_name(value)} {value!r}")
            return
        for name in required:
            if name not in value:
                problems.append(f"{prefix}{name}: missing (required)")
        for name, element in value.items():
            checker = required.get(name) or optional.get(name)
            if checker is None:
                known = ", ".join([*required, *optional])
                problems.append(f"{prefix}{name}: unknown key (known here: {known})")
            else:
                checker(element, f"{prefix}{name}", problems)

    return check


# ---------------------------------------------------------------- the schema

patterns = list_of(pattern)

INDICATOR = record(
    {"unit": one_of(UNITS), "aliases": patterns},
    {"yoy": boolean, "subject_from_modifier": boolean, "not_after": patterns, "hints": list_of(text)},
)

SCHEMA = record(
    {
        "indicators": mapping_of(INDICATOR),
        "count_noun_gap": pattern,
        "blockers": patterns,
        "label_after": patterns,
        "projection": patterns,
        "continuation_start": pattern,
        "flows": patterns,
        "stock_continuation": pattern,
        "max_gap": positive_int,
        "from_to": record({"link": pattern, "undated_start": pattern}),
        "respectively": pattern,
        "qualifiers": record(
            {"before": mapping_of(one_of(QUALIFIER_SYMBOLS)), "after": mapping_of(one_of(QUALIFIER_SYMBOLS))}
        ),
        "status": record(
            {
                "target": patterns,
                "future": patterns,
                "estimate": patterns,
                "target_after": pattern,
                "estimate_before": patterns,
                "list_head": pattern,
            }
        ),
        "growth": record(
            {
                "rise": pattern,
                "fall": pattern,
                "linking_verbs": patterns,
                "not_after": patterns,
                "manner": pattern,
                "respectively": pattern,
                "respectively_hint": text,
                "level_to_growth": pattern,
                "alias_to_growth": pattern,
                "comparable_price": pattern,
                "rate_then_level": pattern,
                "rate_to_level": pattern,
                "rates_joined_by": pattern,
            }
        ),
        "firm": pattern,
        "firm_released_by": pattern,
        "tables": record(
            {
                "year_cell": pattern,
                "growth_cell": pattern,
                "value_cell": pattern,
                "share_cell": pattern,
                "label_prefix": pattern,
                "label_enumerator": pattern,
                "unit_line": pattern,
                "skip_header": pattern,
                "units": mapping_of(pair(one_of(UNITS), positive_int)),
            }
        ),
        "subject_stopwords": patterns,
        "subject_verb": pattern,
        "entities": record(
            {"suffixes": patterns, "clause_openers": patterns, "zone_before_verb": pattern, "leading_verbs": patterns}
        ),
        "zone_as_model": pattern,
    },
    {
        "share_clauses": list_of(record({"of": text, "code": text, "clause": pattern})),
        "above_scale_subject": record({"of": text, "becomes": text, "pattern": pattern}),
    },
)


def check_taxonomy(data: object, source: str = "taxonomy.yaml") -> None:
    """Raise TaxonomyError listing every problem of the loaded taxonomy; return when there is none."""
    problems: list[str] = []
    SCHEMA(data, "", problems)
    if not problems:  # the cross-references assume the shapes above
        _check_references(data, problems)
    if problems:
        raise TaxonomyError(source, problems)


def _check_references(data: dict, problems: list[str]) -> None:
    indicators = data["indicators"]
    for i, clause in enumerate(data.get("share_clauses", [])):
        for key in ("of", "code"):
            if clause[key] not in indicators:
                problems.append(f"share_clauses[{i}].{key}: {clause[key]!r} is not an indicator code")
        if clause["code"] in indicators and indicators[clause["code"]]["unit"] != PERCENT:
            problems.append(f"share_clauses[{i}].code: {clause['code']!r} is not a percent indicator")
    promotion = data["above_scale_subject"]
    for key in ("of", "becomes"):
        if promotion[key] not in indicators:
            problems.append(f"above_scale_subject.{key}: {promotion[key]!r} is not an indicator code")
    for code, spec in indicators.items():
        aliases = [a for a in spec["aliases"] if not is_plain(a)]
        for i, hint in enumerate(spec.get("hints", [])):
            if not any(requires(a, hint) for a in aliases):
                problems.append(
                    f"indicators.{code}.hints[{i}]: {hint!r} is not a word that every match of one of "
                    f"the pattern aliases contains (outside any group, alternative or repeat)"
                )
    growth = data["growth"]
    if not requires(growth["respectively"], growth["respectively_hint"]):
        problems.append(
            f"growth.respectively_hint: {growth['respectively_hint']!r} is not a word that every match "
            f"of growth.respectively contains (outside any group, alternative or repeat)"
        )


# ---------------------------------------------------------------- words every match contains

_SPECIAL = frozenset(".^$*+?{}[]\\|()")


def is_plain(alias: str) -> bool:
    """A word, not a pattern: it matches itself only."""
    return not _SPECIAL.intersection(alias)


def requires(source: str, word: str) -> bool:
    """Whether every match of the pattern source contains word (judged from its text: see required_literals)."""
    return any(word in run for run in required_literals(source))


def required_literals(source: str) -> list[str]:
    """The runs of plain characters that stand at the top level of a pattern (outside any group, character
    class or escape, not made optional or repeated by a quantifier): every match contains each of them, so
    any part of one is a sound hint. [] for a pattern with a top-level alternative or case/verbose flags."""
    if re.compile(source).flags & (re.IGNORECASE | re.VERBOSE):
        return []
    runs, run, depth, i = [], [], 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":  # an escape (\s, \(, \d): no plain character
            runs.append(run)
            run, i = [], i + 2
            continue
        if char == "[":  # a character class, up to its closing bracket (a "]" first in the class is literal)
            j = i + 1 + (source.startswith("^", i + 1))
            j += source.startswith("]", j)
            while j < len(source) and source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            runs.append(run)
            run, i = [], j + 1
            continue
        if char == "|" and depth == 0:
            return []
        if char in "?*{" and run:
            run.pop()  # the character before an optional or counted repeat is not required
        if char == "{":  # {m,n}: skipped whole
            runs.append(run)
            run, i = [], source.find("}", i) % (len(source) + 1) + 1
            continue
        if char in _SPECIAL:
            depth += (char == "(") - (char == ")")
            runs.append(run)
            run = []
        elif depth == 0:
            run.append(char)
        i += 1
    runs.append(run)
    return ["".join(r) for r in runs if r]
