"""Turn a cleaned document into reported figures (`Figure`) following shared/spec/indicators.md.

The rules are data (transforms/data/taxonomy.yaml); this engine only knows the grammar of a
Chinese statistics sentence:

    [period/status cues] [zone | entity] [industry] ALIAS [linking words] [qualifier] NUMBER UNIT [qualifier]
    NUMBER UNIT [国家级…] ALIAS                                  (counts: 拥有1042家国家高新技术企业)
    …LEVEL, 同比增长 NUMBER%  /  ALIAS 同比增长 NUMBER%           (growth -> <code>_yoy)

A number becomes a figure only when an alias of the same unit names it within its clause and
nothing between them marks a flow, a share or a label (see `blockers`, `label_after`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import yaml

from transforms.context import (
    ARTICLE,
    DOCUMENT,
    NONE,
    PUBLISHED,
    ArticleContext,
    Aside,
    Reference,
    article_contexts,
    default_year,
    find_asides,
    find_references,
    in_aside,
)
from transforms.model import Article, CleanedDocument, Figure
from transforms.numbers import CNY, COUNT, PERCENT, Quantity, find_quantities, parse_number
from transforms.periods import PeriodCue, attached_year, find_cues, make_period
from transforms.tables import (
    SHARE,
    YOY,
    Column,
    Row,
    TableWords,
    compile_words,
    header_columns,
    parse_row,
    unit_of_line,
)
from transforms.taxonomy_check import TaxonomyError, check_taxonomy, is_plain, requires
from transforms.zones import Gazetteer, ZoneMention, default_gazetteer

TAXONOMY_PATH = Path(__file__).parent / "data" / "taxonomy.yaml"

_SENTENCE_END = "。！？!?\n"
_PART_END = "。！？!?\n;；"  # each of these, and of _SENTENCE_END, is a clause break too
# Clause breaks; an ASCII comma between digits (1,234) is a thousands separator, not a break.
_CLAUSE_BREAK = re.compile(r"[，；;：:。！？!?\n]|,(?!\d{3}(?!\d))")
# A number right after a park name makes the name a list item (孵化器2个).
_NUMBER_AFTER_ENTITY = re.compile(r"\s*[\d一二三四五六七八九十两]")
_START = attrgetter("start")
_SPAN_START = attrgetter("span_start")
_CONTINUED_LINE = ";；,，:：—"
_MAX_CONTINUED_LINES = 20
_LONGEST_ZONE = 40  # characters; bounds the search for a zone mention around a position
# An industry name right before an alias; it may start with a Latin acronym (AI产业, IC设计产业).
_MODIFIER_RE = re.compile(r"(?:[A-Za-z]{2,6})?[\u4e00-\u9fff]{2,10}$")
_STATUS_REACH = 300  # characters before a number searched for its status cue
_GROWTH_TAIL_REACH = 64  # characters before a percent searched for its growth words (同比增长, 比上年下降了)
_FIRM_WINDOW = 60  # characters before an alias searched for a firm that owns the figure
# A clause, sentence part or sentence longer than this is cut into pieces of this length for binding and
# evidence (the longest in the real pages is ~480 characters): every look from a number back to the start
# of its scope is then bounded, so a megabyte with no punctuation costs its length, not its square.
_MAX_SCOPE = 600


# ---------------------------------------------------------------- taxonomy


@dataclass(frozen=True)
class IndicatorRule:
    code: str
    unit: str
    yoy: bool
    subject_from_modifier: bool
    not_after: re.Pattern | None  # matches text that ends right before the alias


@dataclass(frozen=True)
class Taxonomy:
    """taxonomy.yaml compiled: one regex per alias, plus the cue, blocker and phrase patterns."""

    rules: dict[str, IndicatorRule]
    aliases: list[tuple[re.Pattern, str]]
    alias_scans: list[tuple[re.Pattern, str, str | None]]  # (pattern, code, hint: a word every match contains)
    count_noun_gap: re.Pattern
    blockers: re.Pattern
    label_after: re.Pattern
    projection: re.Pattern
    continuation_start: re.Pattern
    flow_before: re.Pattern  # matches text ending in a flow word (新增, 新认定) right before an alias
    # ... or before examples of it (新培育金诺电气等省级): a count alias after it names a flow too
    flow_examples_before: re.Pattern
    stock_continuation: re.Pattern
    max_gap: int
    qualifiers_before: list[tuple[str, str]]  # longest word first
    qualifiers_after: list[tuple[str, str]]
    target_cues: re.Pattern
    future_cues: re.Pattern
    target_after: re.Pattern
    estimate_cues: re.Pattern
    growth_not_after: re.Pattern
    growth_tails: list[tuple[re.Pattern, int]]  # (rise|fall cue ending a clause head, sign)
    growth_manner: re.Pattern  # 以8.3%的经济增长率: a rate named after the number
    growth_respectively: re.Pattern  # 分别增长a%、b%: one rate per level before it
    respectively_hint: str | None  # a word every match of growth_respectively contains
    subject_stopwords: re.Pattern
    share_clauses: list[tuple[str, str, re.Pattern]]  # (of code, share code, clause pattern)
    firm: re.Pattern
    firm_released_by: re.Pattern
    table: TableWords  # compiled `tables` section
    subject_verb: re.Pattern  # matches text ending in 实现/完成 right before an alias
    entity: re.Pattern  # a park or incubator heading a clause (group head) or quoted (group quoted)
    entity_leading_verb: re.Pattern  # a park name opened by a verb (拥有国家级孵化器): an object
    zone_as_model: re.Pattern  # matches text ending right before a zone named as a model (学习借鉴了)
    from_to_link: re.Pattern  # between the numbers of a from-to pair
    undated_start: re.Pattern  # matches text ending right before an undated start value (由245家增至…)
    respectively: re.Pattern  # 分别达到: n names before, n numbers after
    level_to_growth: re.Pattern  # all that may stand between a level and its growth rate
    alias_to_growth: re.Pattern  # ... and between an alias and its own growth word (GDP预计增长14%)
    above_scale_subject: tuple[str, str, re.Pattern]  # (code, its above-scale code, what ends right before)
    comparable_price: re.Pattern
    rate_then_level: re.Pattern  # between an alias and a rate before the level (营业收入同比增长9.1%至…)
    rate_to_level: re.Pattern  # between that rate and the level
    rates_joined_by: re.Pattern  # between the rates after 分别增长
    estimate_before: re.Pattern  # matches text ending right before a forecast's horizon (预计到2023年)
    target_list_head: re.Pattern  # 主要目标是: heading a list whose parts are targets


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    """Read, check (TaxonomyError lists every problem, each naming its entry) and compile a taxonomy."""
    data = _read_checked(path)
    rules, aliases, alias_scans = _compile_indicators(data["indicators"])
    return Taxonomy(
        rules=rules,
        aliases=aliases,
        alias_scans=alias_scans,
        count_noun_gap=re.compile(data["count_noun_gap"]),
        blockers=_any(data["blockers"]),
        label_after=_any(data["label_after"]),
        projection=_any(data["projection"]),
        continuation_start=re.compile(data["continuation_start"]),
        flow_before=_ending(data["flows"]),
        flow_examples_before=_ending(
            [f"(?:{'|'.join(data['flows'])})[^,，。;；:：\\s]{{1,16}}?等{data['count_noun_gap']}"]
        ),
        stock_continuation=re.compile(data["stock_continuation"]),
        max_gap=data["max_gap"],
        qualifiers_before=_longest_first(data["qualifiers"]["before"]),
        qualifiers_after=_longest_first(data["qualifiers"]["after"]),
        target_cues=_any(data["status"]["target"]),
        future_cues=_any(data["status"]["future"]),
        target_after=re.compile(data["status"]["target_after"]),
        estimate_cues=_any(data["status"]["estimate"]),
        growth_not_after=_any(data["growth"]["not_after"]),
        growth_manner=re.compile(data["growth"]["manner"]),
        **_growth_cues(data["growth"], data["qualifiers"]["before"]),
        subject_stopwords=_any(sorted(data["subject_stopwords"], key=len, reverse=True)),
        share_clauses=[(c["of"], c["code"], re.compile(c["clause"])) for c in data.get("share_clauses", [])],
        firm=re.compile(data["firm"]),
        firm_released_by=re.compile(data["firm_released_by"]),
        table=compile_words(data["tables"]),
        subject_verb=_ending([data["subject_verb"]]),
        entity=_entity_pattern(data["entities"]),
        entity_leading_verb=re.compile(
            f"^(?:{data['entities']['zone_before_verb']})?(?:{'|'.join(data['entities']['leading_verbs'])})"
        ),
        zone_as_model=_ending([data["zone_as_model"]]),
        from_to_link=re.compile(data["from_to"]["link"]),
        undated_start=_ending([data["from_to"]["undated_start"]]),
        respectively=re.compile(data["respectively"]),
        level_to_growth=re.compile(data["growth"]["level_to_growth"]),
        alias_to_growth=re.compile(data["growth"]["alias_to_growth"]),
        above_scale_subject=(
            data["above_scale_subject"]["of"],
            data["above_scale_subject"]["becomes"],
            re.compile(data["above_scale_subject"]["pattern"]),
        ),
        comparable_price=re.compile(data["growth"]["comparable_price"]),
        rate_then_level=re.compile(data["growth"]["rate_then_level"]),
        rate_to_level=re.compile(data["growth"]["rate_to_level"]),
        rates_joined_by=re.compile(data["growth"]["rates_joined_by"]),
        estimate_before=_ending(data["status"]["estimate_before"]),
        target_list_head=re.compile(data["status"]["list_head"]),
    )


def _read_checked(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        try:
            data = yaml.safe_load(fh)
        except yaml.YAMLError as exc:
            raise TaxonomyError(path.name, [f"not valid YAML: {exc}"]) from None
    check_taxonomy(data, path.name)
    return data


def _compile_indicators(indicators: dict) -> tuple[dict[str, IndicatorRule], list, list]:
    """Each indicator's rule, its aliases compiled, and the aliases with the word that pre-filters them."""
    rules, aliases, alias_scans = {}, [], []
    for code, spec in indicators.items():
        rules[code] = IndicatorRule(
            code,
            spec["unit"],
            spec.get("yoy", False),
            spec.get("subject_from_modifier", False),
            _ending(spec["not_after"]) if spec.get("not_after") else None,
        )
        aliases += [(re.compile(a), code) for a in spec["aliases"]]
        alias_scans += [(re.compile(a), code, _hint(a, spec.get("hints", []))) for a in spec["aliases"]]
    return rules, aliases, alias_scans


def _growth_cues(growth: dict, qualifiers_before: dict[str, str]) -> dict:
    """A rise or fall word ending a clause head (增长了约), and 分别增长 followed by one rate per level."""
    qualifier = "|".join(re.escape(w) for w, _ in _longest_first(qualifiers_before))
    linking = "|".join(growth["linking_verbs"])
    tails = [
        (re.compile(f"(?:{growth[kind]})\\s*(?:{linking})?\\s*(?:{qualifier})?\\s*$"), sign)
        for kind, sign in (("rise", 1), ("fall", -1))
    ]
    respectively = re.compile(
        f"(?:{growth['respectively']})\\s*(?:(?P<rise>{growth['rise']})"
        f"|(?P<fall>{growth['fall']}))\\s*(?:{linking})?\\s*"
    )
    return dict(growth_tails=tails, growth_respectively=respectively, respectively_hint=growth["respectively_hint"])


def _hint(alias: str, hints: list[str]) -> str | None:
    """The word every match of alias contains: itself when it is a plain word, else the longest of the
    indicator's hints that the pattern requires (see taxonomy_check.requires); None: scan everywhere."""
    if is_plain(alias):
        return alias
    return max((h for h in hints if requires(alias, h)), key=len, default=None)


def _entity_pattern(spec: dict) -> re.Pattern:
    """A park/incubator named at the head of a clause, or in quotes anywhere. Matched in a line break + text (so a
    clause head is always after a break character) and written to start with that character or the
    opening quote: the regex engine then skips to candidate characters instead of trying every position."""
    suffix = f"(?:{'|'.join(spec['suffixes'])})"
    openers = "|".join(spec["clause_openers"])
    return re.compile(
        rf"[，,。；;：:\n“\"「](?:(?<=[，,。；;：:\n])\s*(?:{openers})?(?P<head>[\u4e00-\u9fff]{{2,20}}?{suffix})"
        rf"|(?<=[“\"「])(?P<quoted>[^”\"」，,。]{{2,20}}?{suffix})[”\"」])"
    )


def _scan(pattern: re.Pattern, text: str, hint: str | None):
    """pattern.finditer(text), or nothing without looking when text lacks the hint every match contains.

    A pattern without a literal prefix ("(?:规(?:模以)?上)?工业增加值") is tried by the regex engine at
    every position of the text; a document without its hint is skipped at C speed."""
    return pattern.finditer(text) if hint is None or hint in text else iter(())


def _longest_first(words: dict[str, str]) -> list[tuple[str, str]]:
    """So that 超过 is tried before 超 and 将近 before 近."""
    return sorted(words.items(), key=lambda kv: -len(kv[0]))


def _ending(words: list[str]) -> re.Pattern:
    """Matches when one of words ends the searched text."""
    return re.compile(f"(?:{'|'.join(words)})$")


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    return load_taxonomy()


def indicator_codes(taxonomy: Taxonomy | None = None) -> list[str]:
    """Every code the extractor can emit: each taxonomy code, and <code>_yoy where growth is extracted."""
    rules = (taxonomy or default_taxonomy()).rules.values()
    return sorted([r.code for r in rules] + [f"{r.code}_yoy" for r in rules if r.yoy])


# ---------------------------------------------------------------- document layout


@dataclass(frozen=True)
class AliasHit:
    code: str | None  # None: the alias is negated (人均GDP, 财政总收入) and names nothing
    start: int
    end: int
    flow_of: str | None = None  # negated by a flow word (新增国家高新技术企业): the code whose flow it names


class Span(NamedTuple):
    start: int
    end: int


class _Segments:
    """Contiguous spans covering a text, as two int lists (no object per span until one is asked for)."""

    __slots__ = ("starts", "ends", "last_pos", "last_span")

    def __init__(self, starts: list[int], ends: list[int]):
        self.starts, self.ends = starts, ends
        self.last_pos, self.last_span = -1, None  # _containing's last answer: a figure asks it many times

    def __iter__(self):
        return map(Span, self.starts, self.ends)

    def __len__(self) -> int:
        return len(self.starts)


def _segments(text: str, ends: str, clause_cuts: list[int] | None = None) -> _Segments:
    """Split text after each end character (kept in the segment). Every end character but "\n" alone
    also ends a clause: given the clause cuts, the segment cuts are picked from them."""
    if ends == "\n":
        cuts = list(accumulate(map((1).__add__, map(len, text.split("\n")))))[:-1]
    elif clause_cuts is not None:
        cuts = [cut for cut in clause_cuts if text[cut - 1] in ends]
    else:
        cuts = [m.end() for m in re.finditer(f"[{re.escape(ends)}]", text)]
    starts = [0, *cuts]
    if starts[-1] < len(text):
        cuts.append(len(text))
    else:
        starts.pop()
    return _Segments(starts, cuts)


def _clause_cuts(text: str) -> list[int]:
    return [m.end() for m in _CLAUSE_BREAK.finditer(text)]


def _clauses(text: str, cuts: list[int]) -> _Segments:
    """Comma/semicolon/colon-delimited clauses: the scope in which an alias names a number."""
    return _Segments([0, *cuts], [*cuts, len(text)])


def _capped(segments: _Segments, extra_cuts: list[int] = ()) -> tuple[_Segments, list[int]]:
    """segments also cut at extra_cuts (a wider scope's cuts, so scopes stay nested) and then into pieces
    of at most _MAX_SCOPE characters; returns them and every cut added (both ordered)."""
    cuts = sorted(set(segments.ends[:-1]).union(extra_cuts)) if extra_cuts else segments.ends[:-1]
    starts, ends, added = [], [], []
    start, bounds = segments.starts[0] if segments.starts else 0, [*cuts, segments.ends[-1] if segments.ends else 0]
    for end in bounds:
        while end - start > _MAX_SCOPE:
            starts.append(start)
            start += _MAX_SCOPE
            ends.append(start)
            added.append(start)
        if end > start:
            starts.append(start)
            ends.append(end)
        start = end
    return _Segments(starts, ends), sorted(set(added).union(extra_cuts))


def _between(items: list, start: int, end: int) -> list:
    """Items of a list ordered by .start whose start lies in [start, end) (binary search)."""
    return items[bisect_left(items, start, key=_START) : bisect_left(items, end, key=_START)]


def _containing(spans: _Segments, pos: int) -> Span:
    """The span of a contiguous, ordered list that holds pos (binary search; the last answer is kept)."""
    if pos == spans.last_pos:
        return spans.last_span
    i = max(0, bisect_right(spans.starts, pos) - 1)
    spans.last_pos, spans.last_span = pos, Span(spans.starts[i], spans.ends[i])
    return spans.last_span


_ABOVE_SCALE_REACH = 40  # characters before an output alias where a count of above-scale firms may end


def _find_aliases(text: str, tax: Taxonomy) -> list[AliasHit]:
    """Non-overlapping alias matches, longest first at each position; negated ones keep code None."""
    candidates, present = [], {None: True}
    for pattern, code, hint in tax.alias_scans:
        found = present.get(hint)
        if found is None:
            found = present[hint] = hint in text
        if found:
            candidates += [(m.start(), m.end(), code) for m in pattern.finditer(text)]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    hits, last_end = [], 0
    of, becomes, subject = tax.above_scale_subject
    for start, end, code in candidates:
        if start < last_end:
            continue
        rule = tax.rules[code]
        before = text[max(0, start - 8) : start]
        negated = rule.not_after is not None and rule.not_after.search(before)
        flow = code if negated and tax.flow_before.search(before) else None
        if not negated and rule.unit == COUNT and tax.flow_examples_before.search(text, max(0, start - 30), start):
            negated, flow = True, code
        if code == of and not negated and subject.search(text, max(0, start - _ABOVE_SCALE_REACH), start):
            code = becomes
        hits.append(AliasHit(None if negated else code, start, end, flow))
        last_end = end
    return hits


def _resolved():
    """A _Layout field that _resolve sets on first use (no default: reading it before calls __getattr__)."""
    return field(init=False, repr=False)


@dataclass
class _Layout:
    """Everything about a document that figures are resolved against.

    The fields marked _resolved (zones, references, asides, article contexts, period cues of the whole text)
    are found on first use, all at once (_resolve): only a figure's attributes and the rules about named
    things read them, so a long text whose numbers no alias names (a text table) never pays for them."""

    text: str
    paragraphs: _Segments
    sentences: _Segments
    parts: _Segments
    clauses: _Segments
    aliases: list[AliasHit]
    zones: list[ZoneMention] = _resolved()
    entities: list[tuple[str, Span]] = _resolved()
    cues: list[PeriodCue] = _resolved()
    articles: list[Article]
    contexts: list[ArticleContext] = _resolved()  # per article: its zone and year, with their bases
    # per article: (year, basis) of a figure no cue speaks for
    default_years: list[tuple[int | None, str]] = _resolved()
    # 全区 / 该区 / 高新区(新北区): words that refer to a zone without naming it
    zone_references: list[Reference] = _resolved()
    # 海淀区 / 全市 / 全省16家高新区: areas and groups of zones, whose figures are no zone's
    areas: list[Reference] = _resolved()
    asides: list[Aside] = _resolved()  # "(2001年时15家)": a cue or zone inside only speaks for numbers inside
    headlines: list[Span]  # paragraphs that are the document or an article title
    doc: CleanedDocument
    gaz: Gazetteer
    tax: Taxonomy

    def __getattr__(self, name: str):  # only called for an attribute not set yet: a _resolved field
        if name not in _RESOLVED:
            raise AttributeError(name)
        self.__dict__.update(_resolve(self))
        return self.__dict__[name]


_RESOLVED = frozenset(f.name for f in fields(_Layout) if not f.init)


def _layout(doc: CleanedDocument, tax: Taxonomy, gaz: Gazetteer, aliases: list[AliasHit]) -> _Layout:
    text = doc.clean_text
    paragraphs = _segments(text, "\n")
    clause_cuts = _clause_cuts(text)
    articles = doc.articles or [Article(0, doc.title, 0, len(text))]
    sentences, cut = _capped(_segments(text, _SENTENCE_END, clause_cuts))
    parts, cut = _capped(_segments(text, _PART_END, clause_cuts), cut)
    clauses, _ = _capped(_clauses(text, clause_cuts), cut)
    return _Layout(
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        parts=parts,
        clauses=clauses,
        aliases=aliases,
        articles=articles,
        headlines=_headlines(text, paragraphs, [doc.title] + [a.title for a in articles]),
        doc=doc,
        gaz=gaz,
        tax=tax,
    )


def _resolve(lay: _Layout) -> dict:
    """The attributes of _RESOLVED, by name."""
    text, doc, gaz, tax, paragraphs, articles = lay.text, lay.doc, lay.gaz, lay.tax, lay.paragraphs, lay.articles
    zones, references = find_references(
        text, [z for z in gaz.find(text) if not tax.zone_as_model.search(text, max(0, z.start - 6), z.start)], gaz
    )
    asides = find_asides(text)
    contexts = article_contexts(
        text,
        paragraphs.starts,
        paragraphs.ends,
        articles,
        doc.title,
        doc.published_date,
        doc.source,
        zones,
        references,
        asides,
        gaz,
    )
    cues = []
    for art, context in zip(articles, contexts, strict=True):
        cues += [
            PeriodCue(c.start + art.span_start, c.end + art.span_start, c.period, c.is_deadline, c.relative_to)
            for c in find_cues(
                text[art.span_start : art.span_end],
                context.ref_year,
                context.review_year,
                context.ref_basis,
                context.review_basis,
                (context.year, context.year_basis) if context.year is not None else None,
            )
        ]
    return dict(
        zones=zones,
        entities=[(name, span) for name, span in _find_entities(text, tax) if not _inside_zone(span, zones)],
        cues=cues,
        contexts=contexts,
        default_years=[default_year(context, doc.title) for context in contexts],
        zone_references=[r for r in references if r.kind != "area"],
        areas=[r for r in references if r.kind == "area"],
        asides=asides,
    )


def _find_entities(text: str, tax: Taxonomy) -> list[tuple[str, Span]]:
    """Parks and incubators that a sentence is about: "重庆电子电路产业园的建设…", "“古思特创客空间”".

    A name opened by a verb (拥有国家级孵化器) or followed by a number (孵化器2个) is a list
    item, not the topic.
    """
    entities = []
    for m in tax.entity.finditer("\n" + text):
        group = "head" if m.group("head") else "quoted"
        name = m.group(group)
        start, end = m.start(group) - 1, m.end(group) - 1
        if tax.entity_leading_verb.match(name) or _NUMBER_AFTER_ENTITY.match(text, end):
            continue
        entities.append((name, Span(start, end)))
    return entities


def _headlines(text: str, paragraphs: _Segments, titles: list[str | None]) -> list[Span]:
    """Paragraphs that are a title (the cleaner keeps titles in the text)."""
    wanted = {t.strip() for t in titles if t}
    return (
        [
            Span(start, end)
            for start, end in zip(paragraphs.starts, paragraphs.ends, strict=True)
            if text[start:end].strip() in wanted
        ]
        if wanted
        else []
    )


def _inside_zone(span: Span, zones: list[ZoneMention]) -> bool:
    """苏州工业园区 is a zone, not a park inside one."""
    return any(span.end <= z.end for z in _between(zones, span.start - _LONGEST_ZONE, span.start + 1))


# ---------------------------------------------------------------- binding numbers to indicators


def _bind(
    q: Quantity, lay: _Layout, tax: Taxonomy, quantities: list[Quantity], bound: dict[int, AliasHit]
) -> AliasHit | None:
    """The alias that names quantity q within its clause, if any names it cleanly."""
    clause = _containing(lay.clauses, q.start)
    if q.end > clause.end:
        return None  # a number across a cut of an overlong clause is not read
    if q.unit == COUNT and q.value == 1 and lay.text.startswith("一", q.start):
        return None  # 一个/一家: "a", not a count (…高新技术企业已经成为衡量一个区域…)
    hit = (
        _bind_number_first(q, clause, lay, tax)
        or _bind_alias_first(q, clause, lay, tax, quantities, bound)
        or _bind_continuation(q, clause, lay, tax)
    )
    if (
        hit is None
        or hit.code is None
        or tax.rules[hit.code].unit != q.unit
        or tax.projection.search(lay.text, clause.start, q.start)
        or _projected(q, clause, lay, tax)
    ):
        return None
    return hit


def _projected(q: Quantity, clause: Span, lay: _Layout, tax: Taxonomy) -> bool:
    """项目建成后将推动…,预计年产值超24亿元: an estimate after a project's completion earlier in the
    sentence is the project's projection too."""
    sentence = _containing(lay.sentences, q.start)
    return bool(
        sentence.start < clause.start
        and tax.estimate_cues.search(lay.text, clause.start, q.start)
        and tax.projection.search(lay.text, sentence.start, clause.start)
    )


def _bind_respectively(
    lay: _Layout, tax: Taxonomy, quantities: list[Quantity]
) -> dict[int, tuple[AliasHit, str | None]]:
    """Pair n named things with n numbers in order, before 分别: n aliases (营业收入、工业总产值分别
    达到3200亿元、2100亿元), n listed items of which some are aliases (地区生产总值、财政收入分别达到328亿元、
    16亿元: the item that names no indicator keeps its number unread), or n zones and one alias (东湖高新区、
    襄阳高新区高新技术企业分别达到4500家和800家). Each number gets (alias, zone or None for the usual zone)."""
    pairs = {}
    for m in tax.respectively.finditer(lay.text):
        clause = _containing(lay.clauses, m.start())
        hits = [h for h in _between(lay.aliases, clause.start, m.start()) if h.end <= m.start()]
        values = [q for q in _between(quantities, m.end(), clause.end) if q.end <= clause.end]
        if not hits or _blocked_around(hits, lay.text, clause.start, m.start(), tax):
            continue
        zones = [z.zone for z in _between(lay.zones, clause.start, hits[0].start) if z.end <= hits[0].start]
        if len(hits) == 1 and len(zones) >= 2:
            hits, named = hits * len(zones), zones
        else:
            if len(hits) != len(values):
                hits = _hits_per_item(hits, lay.text, clause.start, m.start(), len(values))
            named = [None] * len(hits)
        if (
            len(hits) < 2
            or len(hits) != len(values)
            or any(
                h and (h.code is None or tax.rules[h.code].unit != q.unit) for h, q in zip(hits, values, strict=True)
            )
        ):
            continue
        pairs.update({q.start: (h, zone) for h, q, zone in zip(hits, values, named, strict=True) if h})
    return pairs


def _blocked_around(hits: list[AliasHit], text: str, start: int, end: int, tax: Taxonomy) -> bool:
    """A blocker in text[start:end] outside the aliases (工业增加值 holds 增加 and is no flow)."""
    gaps = zip([start, *(h.end for h in hits)], [*(h.start for h in hits), end], strict=True)
    return any(tax.blockers.search(text, a, b) for a, b in gaps if a < b)


_LIST_SEPARATOR = re.compile(r"、|和|及|与")


def _hits_per_item(hits: list[AliasHit], text: str, start: int, end: int, n: int) -> list[AliasHit | None]:
    """The alias ending each of n listed items in text[start:end] (None for an item naming no indicator),
    or [] unless the list has n items and every alias ends its own item."""
    item_ends = [m.start() for m in _LIST_SEPARATOR.finditer(text, start, end)] + [end]
    by_end = {h.end: h for h in hits}
    if len(item_ends) != n or not by_end.keys() <= set(item_ends):
        return []
    return [by_end.get(e) for e in item_ends]


def _bind_number_first(q: Quantity, clause: Span, lay: _Layout, tax: Taxonomy) -> AliasHit | None:
    """拥有1042家国家高新技术企业: a count followed by its noun."""
    if q.unit != COUNT:
        return None
    noun_start = tax.count_noun_gap.match(lay.text, q.end, clause.end).end()
    hit = next(iter(_between(lay.aliases, q.end, noun_start + 1)), None)
    return None if hit is None or tax.blockers.search(lay.text, clause.start, q.start) else hit


def _bind_alias_first(
    q: Quantity, clause: Span, lay: _Layout, tax: Taxonomy, quantities: list[Quantity], bound: dict[int, AliasHit]
) -> AliasHit | None:
    """工业总产值达到1200亿元: the nearest alias before the number, with a clean gap between."""
    hit = next((h for h in reversed(_between(lay.aliases, clause.start, q.start)) if h.end <= q.start), None)
    if hit is None:
        return None
    between = [p for p in _between(quantities, hit.end, q.start) if p.end <= q.start]
    if between:
        previous = between[-1]
        gap = lay.text[previous.end : q.start]
        rate_first = (
            len(between) == 1
            and previous.unit == PERCENT
            and tax.rate_then_level.fullmatch(lay.text, hit.end, previous.start)
            and tax.rate_to_level.fullmatch(gap)
        )
        if not rate_first and (bound.get(previous.start) != hit or not tax.from_to_link.fullmatch(gap)):
            return None
    else:
        gap = lay.text[hit.end : q.start]
        if len(gap) > tax.max_gap:
            return None
    prefix = lay.text[max(clause.start, hit.start - 6) : hit.start]
    if tax.blockers.search(gap) or tax.blockers.search(prefix):
        return None
    return hit


def _bind_continuation(q: Quantity, clause: Span, lay: _Layout, tax: Taxonomy) -> AliasHit | None:
    """新增40家,累计达295家: a stock clause without alias takes the alias of the clause before.
    A zone heading the clause (而重庆高新区仅为1000余家) only changes the zone.
    After a flow alias (新增国家高新技术企业80家), a clause opened by a stock word (总数达到1411家)
    reports the stock of the flow's indicator."""
    head_start = max([clause.start] + [z.end for z in _between(lay.zones, clause.start, q.start) if z.end <= q.start])
    head = lay.text[head_start : q.start].strip()
    if not tax.continuation_start.match(head) or clause.start == 0:
        return None
    if _between(lay.aliases, clause.start, q.start):
        return None
    previous = _containing(lay.clauses, clause.start - 1)
    sentence = _containing(lay.sentences, q.start)
    if previous.start < sentence.start:
        return None
    hit = next(reversed(_between(lay.aliases, previous.start, previous.end)), None)
    if hit is not None and hit.code is None and hit.flow_of and tax.stock_continuation.match(head):
        return AliasHit(hit.flow_of, hit.start, hit.end)
    return hit


def _share_figure(q: Quantity, lay: _Layout, tax: Taxonomy, figures: list[Figure]) -> Figure | None:
    """ "R&D经费支出38.6亿元,占地区生产总值的比重为7.9%": a share clause right after a level."""
    if q.unit != PERCENT or not tax.share_clauses or not figures:
        return None
    clause = _containing(lay.clauses, q.start)
    level = figures[-1]
    if (
        level.span_end > clause.start
        or lay.text[level.span_end : clause.start].strip(" ,，")
        or _containing(lay.sentences, level.span_start).end < q.start
    ):
        return None
    head = lay.text[clause.start : q.start].strip()
    for word, _ in tax.qualifiers_before:
        if head.endswith(word):
            head = head[: -len(word)].rstrip()
            break
    for of, code, pattern in tax.share_clauses:
        if level.indicator == of and pattern.fullmatch(head):
            return replace(
                level,
                indicator=code,
                value=q.value,
                unit=PERCENT,
                qualifier=_qualifier(lay.text, q, tax),
                span_start=q.start,
                span_end=q.end,
            )
    return None


def _firm_owned(hit: AliasHit, lay: _Layout, tax: Taxonomy) -> bool:
    """区内龙头企业好孩子集团实现营业收入…: a named firm heads the sentence part before the alias."""
    part = _containing(lay.parts, hit.start)
    firms = list(tax.firm.finditer(lay.text, max(part.start, hit.start - _FIRM_WINDOW), hit.start))
    if not firms:
        return False
    rest = lay.text[firms[-1].end() : hit.start]
    return not tax.firm_released_by.search(rest) and not _between(lay.zones, firms[-1].end(), hit.start)


# ---------------------------------------------------------------- attributes of a figure


def _qualifier(text: str, q: Quantity, tax: Taxonomy) -> str:
    before = text[max(0, q.start - 5) : q.start].rstrip()
    before = before[:-1].rstrip() if before.endswith("了") else before  # 突破了900亿元
    for word, symbol in tax.qualifiers_before:
        if before.endswith(word):
            return symbol
    after = text[q.end : q.end + 2]
    for word, symbol in tax.qualifiers_after:
        if after.startswith(word):
            return symbol
    return ">" if q.more else "="


def _period(pos: int, lay: _Layout) -> tuple[int | None, str | None, bool, str]:
    """(period_year, period, is_deadline, basis) of a number at pos: from the attached year, else the last cue of
    the paragraph (a cue inside brackets only speaks inside them), else the article's year or the publication
    date's."""
    year = attached_year(lay.text, pos)
    if year:
        return year, str(year), False, "clause"
    start = _period_scope_start(pos, lay)
    sentence_start = _containing(lay.sentences, pos).start
    cue = next(
        (
            c
            for c in reversed(_between(lay.cues, start, pos))
            if c.end <= pos and not _bracketed_away(c.start, pos, lay) and (c.start >= sentence_start or _speaks_on(c))
        ),
        None,
    )
    if cue:
        return (
            cue.period.year,
            cue.period.period,
            cue.is_deadline,
            cue.relative_to or _scope_basis(cue.start, pos, lay),
        )
    previous = _previous_paragraph_year(start, pos, lay)
    if previous:
        return previous.period.year, previous.period.period, False, "paragraph"
    year, basis = lay.default_years[_article_index(lay, pos)]
    return year, make_period(year).period, False, basis


def _speaks_on(cue: PeriodCue) -> bool:
    """Whether a cue sets the period of sentences after its own: not a relative word that an undated page
    could not resolve, or resolved only against a year named just before (去年 on an undated page)."""
    return cue.period.year is not None and cue.relative_to not in ("paragraph", NONE)


def _period_scope_start(pos: int, lay: _Layout) -> int:
    """The start of pos's paragraph, moved back over lines ending in ;/,/: (one sentence broken into lines:
    "…数据——2016年,…;\n规模以上工业企业实现总产值…;") until the scope holds a cue."""
    start = _containing(lay.paragraphs, pos).start
    for _ in range(_MAX_CONTINUED_LINES):
        if start < 2 or lay.text[start - 2] not in _CONTINUED_LINE or _last_before(lay.cues, start, pos):
            break
        start = _containing(lay.paragraphs, start - 2).start
    return start


def _previous_paragraph_year(start: int, pos: int, lay: _Layout) -> PeriodCue | None:
    """For a list item (a line ending in ;/,), the year the paragraph before it (same article) ended on, when it
    named one: a list of figures after "…以下经济发展数据——2016年,…。" goes on reporting 2016."""
    if (
        start < 2
        or _article_index(lay, start - 2) != _article_index(lay, start)
        or _last_character(_containing(lay.paragraphs, pos), lay) not in _CONTINUED_LINE
    ):
        return None
    cue = _last_before(lay.cues, _containing(lay.paragraphs, start - 2).start, start)
    return cue if cue and cue.relative_to is None and not cue.is_deadline and cue.period.year else None


def _last_character(span: Span, lay: _Layout) -> str:
    """The last character of span that is not white space (looked for backwards: a line may be megabytes)."""
    end = span.end
    while end > span.start and lay.text[end - 1].isspace():
        end -= 1
    return lay.text[end - 1] if end > span.start else ""


def _bracketed_away(pos: int, target: int, lay: _Layout) -> bool:
    """pos is inside brackets that close before target: "达到1800余家(2001年时15家)" """
    aside = in_aside(lay.asides, pos, pos)
    return aside is not None and aside.end <= target


def _scope_basis(pos: int, target: int, lay: _Layout) -> str:
    """clause, sentence or paragraph: the nearest scope of target that also holds pos."""
    if pos >= _containing(lay.clauses, target).start:
        return "clause"
    return "sentence" if pos >= _containing(lay.sentences, target).start else "paragraph"


def _status(q: Quantity, lay: _Layout, tax: Taxonomy, year: int | None) -> str:
    """The last target/estimate cue of the sentence part before the number decides; a future
    tense (将达到) only counts when there is no other cue; else a list head earlier in the sentence
    (主要目标是:) makes every part after it a target."""
    part = _containing(lay.parts, q.start)
    part = Span(max(part.start, q.start - _STATUS_REACH), part.end)  # bounded: linear on run-on text
    scope = lay.text[part.start : q.start]
    found = [(m.start(), "target") for m in tax.target_cues.finditer(scope)]
    found += [(m.start(), "estimate") for m in tax.estimate_cues.finditer(scope)]
    if not found:
        clause_start = max(0, _containing(lay.clauses, q.start).start - part.start)
        found = [(m.start(), "target") for m in tax.future_cues.finditer(scope, clause_start)]
    found += [
        (c.start - part.start, "target")
        for c in _between(lay.cues, part.start, q.start)
        if c.is_deadline
        and c.end <= q.start
        and not tax.estimate_before.search(lay.text, max(part.start, c.start - 2), c.start)
    ]
    if tax.target_after.match(lay.text, q.end):
        found.append((len(scope), "target"))
    if found:
        return max(found)[1]
    sentence_start = _containing(lay.sentences, q.start).start
    if sentence_start < part.start and tax.target_list_head.search(
        lay.text, max(sentence_start, part.start - _STATUS_REACH), part.start
    ):
        return "target"  # 主要目标是:产业增加值增长11%;规模以上工业增加值增长12%
    context = lay.contexts[_article_index(lay, q.start)]
    if year and context.ref_year and context.ref_basis == PUBLISHED and year > context.ref_year:
        return "target"
    return "actual"


def _article_index(lay: _Layout, pos: int) -> int:
    """The article holding pos (articles are contiguous and ordered: binary search)."""
    return max(0, bisect_right(lay.articles, pos, key=_SPAN_START) - 1)


def _zone(pos: int, lay: _Layout) -> tuple[str | None, str, str | None]:
    """(zone, basis, area) of a figure at pos: the nearest zone named, or referred to (全区 -> the article's
    zone), before pos in its clause, sentence, then paragraph; else the article's or document's zone. An
    area (海淀区, 全市) in a clause or sentence that names no zone makes it the area's figure: no zone (in
    绍兴高新区拥有…浙江省科技型中小企业1453家 the zone is the subject, the province a label).
    A zone in brackets that close before pos ("(不含新增的亳州高新区)") does not speak for it."""
    context = lay.contexts[_article_index(lay, pos)]
    paragraph = _containing(lay.paragraphs, pos)
    for basis, scope in (
        ("clause", _containing(lay.clauses, pos)),
        ("sentence", _containing(lay.sentences, pos)),
        ("paragraph", paragraph),
    ):
        zone = _last_before(lay.zones, scope.start, pos, lambda z: not _bracketed_away(z.start, pos, lay))
        ref = _last_before(lay.zone_references, scope.start, pos)
        last = max((m for m in (zone, ref) if m is not None), key=_START, default=None)
        if last is None:
            # An area decides in its clause or sentence; a group of zones (全省16家高新区) in its paragraph too.
            area = _last_before(
                lay.areas, scope.start, pos, lambda r, basis=basis: basis != "paragraph" or "高新" in (r.name or "")
            )
            if area is not None:
                return None, NONE, area.name
            continue
        if last is zone:
            return zone.zone, basis, None
        if ref.name:  # a district the text tied to a zone: 高新区(新北区)
            return ref.name, basis, None
        return _referred_zone(ref, paragraph, context, lay)
    if context.zone or context.district:
        return context.zone, context.zone_basis, context.district
    article = lay.articles[_article_index(lay, pos)]
    earlier = _last_before(lay.zones, article.span_start, pos, lambda z: not _bracketed_away(z.start, pos, lay))
    return (earlier.zone, "article", None) if earlier else (None, NONE, None)


def _last_before(items: list, start: int, pos: int, accept=None):
    """The last of items (ordered by .start) that lies in [start, pos) and that accept takes (binary search,
    then back over the few that end after pos or are refused)."""
    i = bisect_left(items, pos, key=_START) - 1
    while i >= 0 and items[i].start >= start:
        if items[i].end <= pos and (accept is None or accept(items[i])):
            return items[i]
        i -= 1
    return None


def _referred_zone(
    ref: Reference, paragraph: Span, context: ArticleContext, lay: _Layout
) -> tuple[str | None, str, str | None]:
    """全区 / 高新区: the article's zone, else the zone its paragraph named last; 该区: the zone named last in
    the paragraph, else in the article, else the article's zone."""
    named = _last_before(lay.zones, paragraph.start, ref.start)
    if ref.kind == "anaphora":
        earlier = named or _last_before(lay.zones, lay.articles[_article_index(lay, ref.start)].span_start, ref.start)
        if earlier:
            return earlier.zone, "paragraph" if named else "article", None
    if context.zone or context.district:
        return context.zone, context.zone_basis, context.district
    return (named.zone, "paragraph", None) if named else (None, NONE, None)


def _subject(hit: AliasHit, q: Quantity, zone: str | None, lay: _Layout, tax: Taxonomy) -> str | None:
    """An industry named right before the alias, else a park/incubator heading the sentence, else zone."""
    if tax.rules[hit.code].subject_from_modifier:
        industry = _industry_before(hit, lay, tax)
        if industry:
            return industry
    return _entity_before(q.start, lay) or zone


def _industry_before(hit: AliasHit, lay: _Layout, tax: Taxonomy) -> str | None:
    clause = _containing(lay.clauses, hit.start)
    start = max([clause.start] + [z.end for z in _between(lay.zones, clause.start, hit.start) if z.end <= hit.start])
    head = lay.text[start : hit.start]
    verb = tax.subject_verb.search(head)  # 生物医药产业实现营业收入: the industry is before the verb
    head = head[: verb.start()] if verb else head
    stops = list(tax.subject_stopwords.finditer(head))
    head = head[stops[-1].end() :] if stops else head
    m = _MODIFIER_RE.search(head)
    if not m:
        return None
    if m.group().endswith("产业"):
        return m.group()
    # "集成电路产值": right before 产值/产业规模 a bare name is the industry; elsewhere it needs 产业.
    return m.group() + "产业" if not verb and lay.text.startswith("产", hit.start) else None


def _entity_start(entity: tuple[str, Span]) -> int:
    return entity[1].start


def _entity_before(pos: int, lay: _Layout) -> str | None:
    """The last park or incubator named in pos's sentence before it, unless a zone is named after it."""
    sentence = _containing(lay.sentences, pos)
    i = bisect_right(lay.entities, pos, key=_entity_start) - 1  # entities are in text order
    while i >= 0 and lay.entities[i][1].start >= sentence.start:
        name, span = lay.entities[i]
        if span.end <= pos:
            return None if _last_before(lay.zones, span.end, pos) else name
        i -= 1
    return None


def _evidence(pos: int, lay: _Layout) -> str:
    sentence = _containing(lay.sentences, pos)
    return lay.text[sentence.start : sentence.end].strip()


def _figure(code: str, hit: AliasHit, q: Quantity, lay: _Layout, tax: Taxonomy, zone: str | None = None) -> Figure:
    year, period, deadline, period_basis = _period(q.start, lay)
    zone, zone_basis, area = (zone, "clause", None) if zone else _zone(q.start, lay)
    status = _status(q, lay, tax, year)
    status = "target" if deadline and status == "actual" else status
    if status == "target" and period_basis in _ARTICLE_BASES:
        year, period, period_basis = _target_year(q.start, year, period, period_basis, lay)
    return Figure(
        zone=zone,
        subject=_subject(hit, q, zone or area, lay, tax),
        indicator=code,
        value=q.value,
        unit=q.unit,
        period_year=year,
        period=period,
        status=status,
        qualifier=_qualifier(lay.text, q, tax),
        evidence=_evidence(q.start, lay),
        span_start=q.start,
        span_end=q.end,
        article_no=lay.articles[_article_index(lay, q.start)].article_no,
        zone_basis=zone_basis,
        period_basis=period_basis if year is not None else NONE,
    )


_ARTICLE_BASES = frozenset({ARTICLE, DOCUMENT})


def _target_year(
    pos: int, year: int | None, period: str | None, basis: str, lay: _Layout
) -> tuple[int | None, str | None, str]:
    """A target no cue dates (力争高新技术企业总数突破170家) is for the year it is set in, 今年, even in an
    article about the year before (a review published the next year): (year, period, basis)."""
    context = lay.contexts[_article_index(lay, pos)]
    if context.ref_year is not None and year is not None and context.ref_year > year:
        return context.ref_year, str(context.ref_year), context.ref_basis
    return year, period, basis


# ---------------------------------------------------------------- growth


def _growth_cue(q: Quantity, lay: _Layout, tax: Taxonomy) -> tuple[int, int] | None:
    """(cue start, sign) when a percent is a growth rate (同比增长4.52%, 下降3%, 以8.3%的增速)."""
    if q.unit != PERCENT:
        return None
    clause = _containing(lay.clauses, q.start)
    head_start = max(clause.start, q.start - _GROWTH_TAIL_REACH)  # the tails end at the number: a bounded look
    for pattern, sign in tax.growth_tails:
        m = pattern.search(lay.text, head_start, q.start)
        if m:
            start = m.start()
            if tax.growth_not_after.search(lay.text[max(clause.start, start - 4) : start]):
                return None
            return start, sign
    if q.start > clause.start and lay.text[q.start - 1] == "以" and tax.growth_manner.match(lay.text, q.end):
        return q.start - 1, 1
    return None


def _level_at(figures: list[Figure], pos: int) -> Figure | None:
    """The level figure (not a growth rate) whose number starts at pos; figures are in text order."""
    i = bisect_left(figures, pos, key=_SPAN_START)
    while i < len(figures) and figures[i].span_start == pos:
        if not figures[i].indicator.endswith("_yoy"):
            return figures[i]
        i += 1
    return None


def _respective_rates(lay: _Layout, tax: Taxonomy, quantities: list[Quantity]) -> dict[int, tuple[int, int, int, int]]:
    """ "…分别增长6.1%、8.4%、9.7%": per rate, (cue start, sign, its index, number of rates)."""
    rates = {}
    for m in _scan(tax.growth_respectively, lay.text, tax.respectively_hint):
        run, pos = [], m.end()
        for i in range(bisect_left(quantities, pos, key=_START), len(quantities)):
            q = quantities[i]
            if (
                q.unit != PERCENT
                or (run and not tax.rates_joined_by.fullmatch(lay.text, pos, q.start))
                or (not run and q.start != pos)
            ):
                break
            run.append(q)
            pos = q.end
        if len(run) < 2:
            continue  # "分别增长5%": one rate for several levels is not a figure of any one of them
        sign = -1 if m.group("fall") else 1
        rates.update({q.start: (m.start(), sign, i, len(run)) for i, q in enumerate(run)})
    return rates


def _respective_growth(
    q: Quantity,
    rate: tuple[int, int, int, int],
    lay: _Layout,
    tax: Taxonomy,
    quantities: list[Quantity],
    figures: list[Figure],
) -> Figure | None:
    """The i-th of n rates is the growth of the i-th of the last n numbers before the cue in its sentence,
    when each of them is a level and only punctuation lies between the last one and the cue."""
    start, sign, index, n = rate
    sentence = _containing(lay.sentences, start)
    first, last = bisect_left(quantities, sentence.start, key=_START), bisect_left(quantities, start, key=_START)
    before = [p for p in quantities[max(first, last - n) : last] if p.end <= start]
    levels = [_level_at(figures, p.start) for p in before]  # each of the last n numbers must be a level
    if len(levels) != n or None in levels or not tax.level_to_growth.fullmatch(lay.text[levels[-1].span_end : start]):
        return None
    level = levels[index]
    return _growth_of(level, q, sign, lay, tax)


def _growth_of(level: Figure, q: Quantity, sign: int, lay: _Layout, tax: Taxonomy) -> Figure | None:
    """The <code>_yoy figure of rate q for a level figure, when its indicator has a growth rate."""
    if not tax.rules[level.indicator].yoy:
        return None
    return replace(
        level,
        indicator=level.indicator + "_yoy",
        value=sign * q.value,
        unit=PERCENT,
        qualifier=_qualifier(lay.text, q, tax),
        span_start=q.start,
        span_end=q.end,
    )


def _last_alias_before(aliases: list[AliasHit], pos: int) -> AliasHit | None:
    """The last alias that ends by pos (binary search; aliases do not overlap)."""
    i = bisect_left(aliases, pos, key=_START)
    while i > 0:
        i -= 1
        if aliases[i].end <= pos:
            return aliases[i]
    return None


def _growth_figure(
    q: Quantity, cue: tuple[int, int], lay: _Layout, tax: Taxonomy, figures: list[Figure]
) -> Figure | None:
    """<code>_yoy for the level just before the growth, or for an alias right before it (GDP同比增长)."""
    start, sign = cue
    sentence = _containing(lay.sentences, q.start)
    level = None
    for f in reversed(figures):  # in text order here: the look ends at the sentence's start
        if f.span_start < sentence.start:
            break
        if f.span_end <= start:
            level = f
            break
    if level and tax.level_to_growth.fullmatch(lay.text[level.span_end : start]):
        if level.indicator.endswith("_yoy"):  # 名义增长24.5%,按可比价计算增长14.1%: the comparable rate is the figure
            if not tax.comparable_price.search(lay.text, level.span_end, start):
                return None
            figures.remove(level)
            return replace(
                level, value=sign * q.value, qualifier=_qualifier(lay.text, q, tax), span_start=q.start, span_end=q.end
            )
        return _growth_of(level, q, sign, lay, tax)
    hit = _last_alias_before(lay.aliases, start)
    if (
        hit is None
        or hit.code is None
        or not tax.alias_to_growth.fullmatch(lay.text, hit.end, start)
        or not tax.rules[hit.code].yoy
    ):
        return None
    figure = _figure(hit.code, hit, q, lay, tax)
    return replace(figure, indicator=hit.code + "_yoy", value=sign * q.value)


# ---------------------------------------------------------------- entry point

_NOT_SPACE = re.compile(r"\S")


def _nameable_quantities(lay: _Layout, tax: Taxonomy) -> list[Quantity]:
    """find_quantities(lay.text), less quantities that _unnamed would skip for sure: when aliases are few and
    no 分别 list is written, only the (uncapped) sentences an alias touches, or that a coded alias is followed
    by with only white space between, are scanned, each up to and including the position of its end (where a
    number of the next sentence can start: the figure-reach case of _unnamed, which makes no figure there).
    A quantity holds no sentence-end character, so each scan starts where the whole text's scan would be."""
    text, aliases = lay.text, lay.aliases
    if (
        len(aliases) * 4 > len(lay.sentences)
        or "分别" in text
        or next(_scan(tax.growth_respectively, text, tax.respectively_hint), None)
    ):
        return find_quantities(text)  # not worth it, or 分别 lists (rates, listed) are read: every quantity
    sentences = _segments(text, _SENTENCE_END)
    starts, ends = sentences.starts, sentences.ends
    live = bytearray(len(starts))
    for hit in aliases:
        i = bisect_right(starts, hit.start) - 1
        if i > 0 and starts[i] == hit.start:
            i -= 1  # the sentence ending where the alias starts is touched too (_unnamed is inclusive)
        while i < len(starts) and starts[i] < hit.end:
            live[i] = 1
            i += 1
        if hit.code is not None:  # GDP\n同比增长5%: the sentences starting in the white space after the alias
            m = _NOT_SPACE.search(text, hit.end)
            reach = m.start() if m else len(text)
            i = bisect_left(starts, hit.end)
            while i < len(starts) and starts[i] <= reach:
                live[i] = 1
                i += 1
    quantities, i = [], 0
    while True:
        i = live.find(1, i)
        if i < 0:
            return quantities
        j = i
        while j + 1 < len(live) and live[j + 1]:
            j += 1
        quantities += find_quantities(text, starts[i], ends[j])
        i = j + 1


def _unnamed(q: Quantity, lay: _Layout, figures: list[Figure], alias_free: dict[int, tuple[bool, bool]]) -> bool:
    """True when no rule can make q a figure, so it is skipped unread (a run of numbers without aliases then
    costs little). Every rule that reads q outside `rates` and `listed` needs, in q's (capped) sentence, an
    alias or a figure before q: _bind and its three ways look in q's clause or the clause before it in the
    sentence; _share_figure and _growth_figure's level look at a figure whose sentence reaches q; the one
    reach past the sentence is a growth rate after an alias with only white space between (GDP\n同比增长5%).
    alias_free caches, per sentence start, (no alias touches the sentence, no coded alias ends before it
    with only white space between)."""
    i = max(0, bisect_right(lay.sentences.starts, q.start) - 1)
    start, end = lay.sentences.starts[i], lay.sentences.ends[i]
    flags = alias_free.get(start)
    if flags is None:
        aliases = lay.aliases
        j = bisect_right(aliases, end, key=_START) - 1  # the last alias starting by the sentence's end
        no_alias = j < 0 or aliases[j].end <= start
        before = _last_alias_before(aliases, start) if no_alias else None
        adjacent = before is not None and before.code is not None and not _NOT_SPACE.search(lay.text, before.end, start)
        flags = alias_free[start] = (no_alias, not adjacent)
    if not flags[0] or (q.unit == PERCENT and not flags[1]):
        return False
    return not figures or _containing(lay.sentences, figures[-1].span_start).end < q.start


def extract_figures(
    doc: CleanedDocument, taxonomy: Taxonomy | None = None, gazetteer: Gazetteer | None = None
) -> list[Figure]:
    """All indicator figures reported in doc, in text order, each with its evidence sentence."""
    tax = taxonomy or default_taxonomy()
    aliases = _find_aliases(doc.clean_text, tax)
    if not any(h.code or h.flow_of for h in aliases):
        return []  # every figure is named by an alias that names something (see _unnamed): here none does
    lay = _layout(doc, tax, gazetteer or default_gazetteer(), aliases)
    quantities = _nameable_quantities(lay, tax)
    figures: list[Figure] = []
    bound: dict[int, AliasHit] = {}
    listed = _bind_respectively(lay, tax, quantities)
    rates = _respective_rates(lay, tax, quantities)
    alias_free: dict[int, tuple[bool, bool]] = {}
    for q in quantities:
        if q.start in rates:
            figure = _respective_growth(q, rates[q.start], lay, tax, quantities, figures)
            if figure:
                figures.append(figure)
            continue
        if q.start not in listed and _unnamed(q, lay, figures, alias_free):
            continue
        growth = _growth_cue(q, lay, tax)
        if growth:
            figure = _growth_figure(q, growth, lay, tax, figures)
            if figure:
                figures.append(figure)
            continue
        if q.unit == CNY and tax.label_after.match(lay.text, q.end):
            continue
        share = _share_figure(q, lay, tax, figures)
        if share:
            figures.append(share)
            continue
        hit, zone = listed.get(q.start) or (_bind(q, lay, tax, quantities, bound), None)
        if hit and _firm_owned(hit, lay, tax):
            continue
        if hit and tax.undated_start.search(lay.text, max(0, q.start - 4), q.start):
            bound[q.start] = hit  # still links the pair, so the end value binds
        elif hit:
            bound[q.start] = hit
            figures.append(_figure(hit.code, hit, q, lay, tax, zone))
    tables = _table_figures(lay, tax)
    if tables:
        figures = sorted(figures + tables, key=attrgetter("span_start"))
    return _first_of_each(_without_weak_repeats(_without_headline_repeats(figures, lay)))


# ---------------------------------------------------------------- tables


_UNIT_REACH = 3  # paragraphs between a "单位:亿元" line and the header it speaks for


def _table_figures(lay: _Layout, tax: Taxonomy) -> list[Figure]:
    """Figures of statistical tables rendered one row per line (transforms/tables.py, `tables` in taxonomy.yaml)."""
    words, figures = tax.table, []
    columns, table_unit, unit_line_at = None, None, -_UNIT_REACH - 1
    for index, para in enumerate(lay.paragraphs):
        line = lay.text[para.start : para.end].rstrip("\n")
        row = parse_row(line, len(columns), words) if columns else None
        if row:
            figures += _table_row(row, line, para.start, columns, table_unit, lay, tax)
            continue
        columns = header_columns(line, words) if " " in line or "|" in line else None
        if columns:
            table_unit = table_unit if index - unit_line_at <= _UNIT_REACH else None
        elif unit := unit_of_line(line, words):
            table_unit, unit_line_at = unit, index
    return figures


def _table_row(
    row: Row, line: str, offset: int, columns: list[Column], table_unit: str | None, lay: _Layout, tax: Taxonomy
) -> list[Figure]:
    label_start, label_end = offset + row.label.start, offset + row.label.end
    hits = [h for h in _between(lay.aliases, label_start, label_end) if h.end <= label_end]
    if (
        len(hits) != 1
        or hits[0].code is None
        or hits[0].end != label_end
        or not tax.table.prefix.fullmatch(lay.text, label_start, hits[0].start)
    ):
        return []
    hit = hits[0]
    rule = tax.rules[hit.code]
    kind, factor = tax.table.units.get(row.unit or table_unit, (None, 0))
    zone, zone_basis, area = _zone(label_start, lay)
    years = [c for c in columns if isinstance(c, int)]
    out = []
    for column, cell in zip(columns, row.cells, strict=True):
        if cell is None or column == SHARE or (column == YOY and not rule.yoy) or (column != YOY and kind != rule.unit):
            continue
        start = offset + cell.start
        if column == YOY and years:
            year, period, basis = years[0], str(years[0]), "paragraph"
        elif isinstance(column, int):
            year, period, basis = column, str(column), "paragraph"
        else:
            year, period, _, basis = _period(start, lay)
        growth = column == YOY
        out.append(
            Figure(
                zone=zone,
                subject=zone or area,
                indicator=hit.code + "_yoy" if growth else hit.code,
                value=float(parse_number(cell.text) * (1 if growth else factor)),
                unit=PERCENT if growth else kind,
                period_year=year,
                period=period,
                status="actual",
                qualifier="=",
                evidence=line.strip(),
                span_start=start,
                span_end=offset + cell.end,
                article_no=lay.articles[_article_index(lay, label_start)].article_no,
                zone_basis=zone_basis,
                period_basis=basis if year is not None else NONE,
            )
        )
    return out


_HEADLINE_ROUNDING = 0.05


def _without_headline_repeats(figures: list[Figure], lay: _Layout) -> list[Figure]:
    """A headline figure that the body reports too (with its own period) is the same figure."""
    if not lay.headlines:
        return figures

    def in_headline(f: Figure) -> bool:  # headlines are paragraphs, in text order
        i = bisect_right(lay.headlines, f.span_start, key=_START) - 1
        return i >= 0 and f.span_start < lay.headlines[i].end

    body: dict[str, list[Figure]] = {}
    for f in figures:
        if not in_headline(f):
            body.setdefault(f.indicator, []).append(f)

    def repeated(f: Figure) -> bool:  # the same value, or a headline's round version (超6500亿 / 6580亿)
        return any(
            b.value == f.value or (b.zone == f.zone and abs(b.value - f.value) <= _HEADLINE_ROUNDING * abs(b.value))
            for b in body.get(f.indicator, ())
        )

    return [f for f in figures if not (in_headline(f) and repeated(f))]


_STATED_PERIOD = frozenset({"clause", "sentence"})


def _without_weak_repeats(figures: list[Figure]) -> list[Figure]:
    """A figure whose period the page only implies (no year near it) that repeats, value for value, a figure
    stated with its year elsewhere is a restatement of it: "光谷的GDP已突破3200亿元" in the lead and
    "2024年,…地区生产总值突破3200亿元" in the body are one figure."""
    stated = {(f.zone, f.indicator, f.value, f.status): f.period for f in figures if f.period_basis in _STATED_PERIOD}
    return [
        f
        for f in figures
        if f.period_basis in _STATED_PERIOD
        or stated.get((f.zone, f.indicator, f.value, f.status), f.period) == f.period
    ]


def _first_of_each(figures: list[Figure]) -> list[Figure]:
    """One row per reported figure: a headline repeating a body figure is not a second one."""
    seen, kept = set(), []
    for f in figures:
        key = (f.zone, f.subject, f.indicator, f.value, f.period, f.status)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept
