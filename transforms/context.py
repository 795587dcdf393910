"""What a document and each of its articles are about, decided before any figure is bound.

Per article: the zone it is about and the year it reports on, each with its basis (shared/spec/indicators.md,
"Where the zone and the period came from"):
- `article`: the article's head (title and the short lines before its body), its opening sentence
  ("2014年,合肥高新区…"), or, for the zone, the zone it names most;
- `document`: a heading that speaks for the whole page (2020年潍坊高新区国民经济和社会发展统计公报), the page
  title, or the source line (常州市统计局 + 高新区 -> 常州高新区);
- `published_date`: the year of the publication date, for relative words (今年, 全年) with nothing nearer.
The extractor resolves each figure from its clause outwards and uses these only when nothing nearer
speaks. The rules are data (transforms/data/context.yaml).

Also here: the words that refer back to the article's zone (全区, 本区, a bare 高新区) and the areas that
are not zones (北京市, 海淀区, 全市), found once per document as `Reference`s.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import yaml

from transforms.model import Article
from transforms.periods import find_cues, reference_year, review_year, title_year
from transforms.places import Area, short_name
from transforms.zones import AGGREGATE, FEWEST_NATIONAL_ZONES, Gazetteer, ZoneMention

CONTEXT_PATH = Path(__file__).parent / "data" / "context.yaml"

ARTICLE, DOCUMENT, PUBLISHED, NONE = "article", "document", "published_date", "none"
_START = attrgetter("start")
_CJK_OR_LIST = re.compile("[\u4e00-\u9fff、]")
_NOT_AFTER_SHORT_FORM = ("区", "园", "市", "县", "省", "高新")
_CLAUSE_END = re.compile(r"[,，;；:：。！？!?]")
_OPENING_YEAR_WITHIN = 6  # characters: "2014年,…" or "在2014年,…" opens with its year; a year further on does not
_GROUP_REACH = 6  # characters between an area and the count of national zones it heads: 四川省4个
_COUNT_BEFORE = re.compile(r"(\d+)\s*[家个]$")
# An aside in brackets: "(2001年时15家)", "(不含新增的亳州高新区)". What it names speaks only inside it.
_BRACKET_RE = re.compile(r"[(（][^()（）\n]{1,60}[)）]")


@dataclass(frozen=True)
class ContextRules:
    heading_chars: int
    heading_lines: int
    body_text: re.Pattern
    document_heading: re.Pattern
    meeting_heading: re.Pattern
    opening_year: re.Pattern
    opening_chars: int
    opening_preamble: re.Pattern
    review_opening: re.Pattern
    topic_opening: re.Pattern
    dominant_min_mentions: int
    dominant_min_share: float
    zone_references: re.Pattern
    anaphora: re.Pattern
    area_references: re.Pattern
    area_not_after: re.Pattern
    area_not_before: re.Pattern
    name_after_area: re.Pattern
    counted_zones_after_area: re.Pattern


def load_context_rules(path: Path = CONTEXT_PATH) -> ContextRules:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return ContextRules(
        heading_chars=data["heading"]["max_chars"],
        heading_lines=data["heading"]["max_lines"],
        body_text=re.compile(data["heading"]["body_text"]),
        document_heading=re.compile(data["document_heading"]),
        meeting_heading=re.compile(data["meeting_heading"]),
        opening_year=re.compile(data["opening_year"]),
        opening_chars=data["opening_chars"],
        opening_preamble=re.compile(data["opening_preamble"]),
        review_opening=re.compile(data["review_opening"]),
        topic_opening=re.compile(data["topic_opening"]),
        dominant_min_mentions=data["dominant_zone"]["min_mentions"],
        dominant_min_share=data["dominant_zone"]["min_share"],
        zone_references=re.compile(data["zone_references"]),
        anaphora=re.compile(data["anaphora"]),
        area_references=_area_references(data["area_references"]),
        area_not_after=re.compile(data["area_not_after"]),
        area_not_before=re.compile(data["area_not_before"]),
        name_after_area=re.compile(data["name_after_area"]),
        counted_zones_after_area=re.compile(data["counted_zones_after_area"]),
    )


def _area_references(spec: dict) -> re.Pattern:
    """One branch per head, each opening with its literal (so the regex engine skips to candidates)."""
    return re.compile("|".join([head + spec["group_suffix"] for head in spec["heads"]] + spec["others"]))


@lru_cache(maxsize=1)
def default_context_rules() -> ContextRules:
    return load_context_rules()


@dataclass(frozen=True)
class ArticleContext:
    zone: str | None
    zone_basis: str
    year: int | None  # the year the article reports on, when its head or opening says
    year_basis: str
    ref_year: int | None  # what 今年 / 目前 mean
    ref_basis: str
    review_year: int | None  # what 全年 / 这一年 / 过去一年 mean
    review_basis: str
    district: str | None = None  # the district a page is about instead of a zone (海淀区): no zone's figures


class Reference(NamedTuple):
    """A word that is not a zone name but decides a figure's zone (a tuple: documents hold many)."""

    kind: str  # zone_reference (全区, a bare 高新区: the article's zone) | anaphora (该区: the zone named last)
    #            | area (海淀区, 全市, 四川省4个国家高新区: no zone)
    name: str | None  # an area's name; for a district the text tied to a zone ("高新区(新北区)"), that zone
    start: int
    end: int
    level: str | None = None  # an area's level: province | city | county


def find_references(
    text: str, zones: list[ZoneMention], gaz: Gazetteer, rules: ContextRules | None = None
) -> tuple[list[ZoneMention], list[Reference]]:
    """Zone references and areas outside zone mentions, left to right, and the zone mentions that remain
    zones: a count of national zones headed by an area (四川省4个国家高新区), or too small to be all of them
    (8个国家高新区), is a group of zones, no zone. A group's name is its text; a plain area's, the area."""
    rules = rules or default_context_rules()
    areas = gaz.places.find_areas(text) if gaz.places else []
    areas = sorted(areas + _short_forms(text, areas), key=lambda a: a.start)
    area_refs = [
        Reference("area", m.group() if "高新" in m.group() else None, m.start(), m.end())
        for m in rules.area_references.finditer(text)
    ]
    heads = {a.end: a for a in [*areas, *area_refs] if text[a.start : a.end] != "全国"}  # 全国178家: the aggregate
    kept, found = [], []
    for z in zones:
        group = _zone_group(text, z, heads) if z.zone == AGGREGATE else None
        if group:
            found.append(group)
        else:
            kept.append(z)
    covered = _Coverage(len(text), [*kept, *found])
    found += covered.claim(r for r in area_refs if not _yardstick(text, r.start, r.end, rules))
    found += covered.claim(
        Reference("anaphora", None, *m.span()) for m in rules.anaphora.finditer(text) if not covered.taken(*m.span())
    )
    found += covered.claim(
        Reference("zone_reference", None, *m.span())
        for m in rules.zone_references.finditer(text)
        if not covered.taken(*m.span())
    )
    zone_ends = {z.end: z.zone for z in kept}
    tied: dict[str, str | None] = {}
    for area in areas:
        if covered.taken(area.start, area.end):
            continue
        # "高新区(新北区)" / "常州高新区（新北区）": the district is the zone's other name in this document.
        if area.start > 0 and text[area.start - 1] in "(（":
            zone = zone_ends.get(area.start - 1)
            if zone or text.endswith("高新区", 0, area.start - 1):
                tied[area.name] = zone
                continue
        if area.name in tied:
            found.append(Reference("zone_reference", tied[area.name], area.start, area.end))
        elif group := rules.counted_zones_after_area.match(text, area.end):  # 湖北省20个高新区: a group of zones
            found.append(Reference("area", text[area.start : group.end()], area.start, group.end(), area.level))
        elif not _yardstick(text, area.start, area.end, rules):
            found.append(Reference("area", area.name, area.start, area.end, area.level))
    return kept, sorted(found, key=lambda r: r.start)


def _zone_group(text: str, z: ZoneMention, heads: dict) -> Reference | None:
    """四川省4个国家高新区 / 全省…国家高新区 (headed by an area), 8个国家高新区 (too few to be all), 其中56个国家高新区
    (a part of them): a group."""
    head = next((heads[end] for end in range(max(0, z.start - _GROUP_REACH), z.start + 1) if end in heads), None)
    if head is not None:
        return Reference("area", text[head.start : z.end], head.start, z.end)
    count = _COUNT_BEFORE.search(text, max(0, z.start - _GROUP_REACH), z.start)
    subset = count is not None and text.endswith("其中", 0, count.start())  # 其中56个国家高新区营业收入超过1000亿元
    if count and (int(count.group(1)) < FEWEST_NATIONAL_ZONES or subset):
        return Reference("area", text[count.start() : z.end], count.start(), z.end)
    return None


class _Coverage:
    """Which characters a mention already claimed: a later, overlapping match is not another mention."""

    def __init__(self, length: int, spans: list):
        self._mask = bytearray(length)
        for span in spans:
            self._mark(span)

    def _mark(self, span) -> None:
        self._mask[span.start : span.end] = b"\x01" * (span.end - span.start)

    def taken(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) >= 0

    def claim(self, spans) -> list:
        """The spans that overlap nothing claimed so far, each claimed in turn."""
        kept = []
        for span in spans:
            if not self.taken(span.start, span.end):
                self._mark(span)
                kept.append(span)
        return kept


def _short_forms(text: str, areas: list[Area]) -> list[Area]:
    """A city or district the text names in full is named short too: after 海淀区, 海淀 (not 海淀园, 海淀高新区),
    as a clause's topic (",海淀GDP…", "2020年海淀…"), not inside a firm's name (济南得安计算机有限公司)."""
    names = {short_name(a.name): a for a in areas if a.level != "province" and short_name(a.name) != a.name}
    found = []
    for name, area in names.items():
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not text.startswith(_NOT_AFTER_SHORT_FORM, end) and (
                at == 0 or text[at - 1] == "年" or not _CJK_OR_LIST.match(text[at - 1])
            ):
                found.append(Area(area.name, area.level, at, end))
            at = text.find(name, end)
    return found


def _yardstick(text: str, start: int, end: int, rules: ContextRules) -> bool:
    """位于成都市 / 全省首个 / 深圳市三俊电池有限公司 / 山东省大学科技园 / 全市万亿工业目标: the area is a place,
    a ranking's field, where a firm or park is from or whose goal it is, not the figure's subject."""
    return bool(
        rules.area_not_after.search(text, max(0, start - 3), start)
        or rules.area_not_before.match(text, end, end + 4)
        or rules.name_after_area.match(text, end, end + 16)
    )


def article_contexts(
    text: str,
    paragraph_starts: list[int],
    paragraph_ends: list[int],
    articles: list[Article],
    title: str | None,
    published: dt.date | None,
    source: str | None,
    zones: list[ZoneMention],
    references: list[Reference],
    asides: list[Aside],
    gaz: Gazetteer,
    rules: ContextRules | None = None,
) -> list[ArticleContext]:
    """One context per article, in order."""
    rules = rules or default_context_rules()
    ref_year = reference_year(published, text, title)
    document_zone = _first_zone(gaz, title) or _source_zone(gaz, source or _byline_outlet(text), references)
    contexts = []
    for article in articles:
        head, body = _head_and_body(text, paragraph_starts, paragraph_ends, article, rules)
        year, year_basis, reviewed = _article_year(text, head, body, ref_year, rules)
        zone, zone_basis = _article_zone(text, head, body, article, zones, asides, rules)
        inside = _within(references, article.span_start, article.span_end)
        district = _district_topic(inside, zones, article)
        if district:
            zone, zone_basis = None, NONE
        elif zone is None:
            zone = _city_zone(gaz, inside)
            zone_basis = ARTICLE if zone else NONE
        if zone is None and document_zone:
            zone, zone_basis = document_zone, DOCUMENT
        if ref_year is not None:
            ref, ref_basis = ref_year, PUBLISHED
        elif reviewed:  # 总结2021年工作: said in 2022, whose 今年 it is; 去年 is 2021
            ref, ref_basis = year + 1, year_basis
        else:
            ref, ref_basis = year, year_basis
        if year is not None:
            review, review_basis = year, year_basis
        else:
            review = review_year(published, ref_year, title)
            review_basis = PUBLISHED if review is not None else NONE
        contexts.append(
            ArticleContext(zone, zone_basis, year, year_basis, ref, ref_basis, review, review_basis, district)
        )
    return contexts


def default_year(context: ArticleContext, title: str | None) -> tuple[int | None, str]:
    """The year of a figure no cue speaks for: the article's, else the year a title reviews, else 今年's."""
    if context.year is not None:
        return context.year, context.year_basis
    if context.ref_year is None:
        return None, NONE
    return title_year(title, context.ref_year) or context.ref_year, context.ref_basis


def _head_and_body(
    text: str, starts: list[int], ends: list[int], article: Article, rules: ContextRules
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The heading lines of an article and its first body paragraph."""
    head = []
    first = max(0, bisect_left(starts, article.span_start) - 1)
    for start, end in zip(starts[first:], ends[first:], strict=True):
        if end <= article.span_start:
            continue
        if start >= article.span_end:
            break
        line = text[start:end].strip()
        if not line:
            continue
        if len(line) > rules.heading_chars or rules.body_text.search(line):
            return head, (start, end)
        if len(head) < rules.heading_lines:
            head.append((start, end))
    return head, None


def _article_year(
    text: str, head: list[tuple[int, int]], body: tuple[int, int] | None, ref_year: int | None, rules: ContextRules
) -> tuple[int | None, str, bool]:
    """(year, basis, whether the opening reviews that year from the next one): the first year a heading names
    (not a horizon ahead of the page), else the year the opening starts with (after a preamble of source and
    date: 据…消息, 记者从…获悉, 1月30日), else the year the opening reviews (总结2021年工作, 2022年经济社会发展成就)
    or reports on (就2023年经济社会发展情况进行专题发布)."""
    for start, end in head:
        line = text[start:end]
        if "年" not in line or rules.meeting_heading.search(line):
            continue
        for cue in find_cues(line, ref_year):
            year = cue.period.year
            if cue.relative_to is None and not cue.is_deadline and (ref_year is None or year <= ref_year):
                return year, DOCUMENT if rules.document_heading.search(line) else ARTICLE, False
    if body:
        preamble = rules.opening_preamble.match(text, body[0], body[1])
        opening_start = preamble.end() if preamble else body[0]
        first_clause = _CLAUSE_END.search(text, opening_start, body[1])
        clause_end = first_clause.end() if first_clause else body[1]
        years = [
            c.period.year
            for c in find_cues(text[opening_start:clause_end], ref_year)
            if c.relative_to is None and not c.is_deadline and c.start <= _OPENING_YEAR_WITHIN
        ]
        opening = rules.opening_year.search(text, body[0], min(body[1], body[0] + rules.opening_chars))
        year = years[0] if years else int(opening.group("year")) if opening else None
        reviewed = False
        if year is None:
            found = rules.review_opening.search(text, body[0], body[1])
            reviewed = found is not None
            found = found or rules.topic_opening.search(text, body[0], body[1])
            year = int(found.group("year")) if found else None
        if year is not None and (ref_year is None or year <= ref_year):
            return year, ARTICLE, reviewed
    return None, NONE, False


def _article_zone(
    text: str,
    head: list[tuple[int, int]],
    body: tuple[int, int] | None,
    article: Article,
    zones: list[ZoneMention],
    asides: list[Aside],
    rules: ContextRules,
) -> tuple[str | None, str]:
    """The zone a heading names, else the opening sentence's, else the one the article names most."""
    for start, end in head:
        zone = _first_within(zones, start, end)
        if zone:
            return zone, DOCUMENT if rules.document_heading.search(text, start, end) else ARTICLE
    if body:
        sentence_end = rules.body_text.search(text, body[0], body[1])
        end = sentence_end.end() if sentence_end else body[1]
        zone = _first_within(zones, body[0], end, asides)  # 湖北省20个高新区(未含潜江高新区)实现…: not 潜江's page
        if zone:
            return zone, ARTICLE
    counts = Counter(
        z.zone
        for z in _within(zones, article.span_start, article.span_end)
        if z.zone != AGGREGATE and not in_aside(asides, z.start, z.end)
    )
    if counts:
        zone, n = counts.most_common(1)[0]
        if (n >= rules.dominant_min_mentions or len(counts) == 1) and n >= rules.dominant_min_share * sum(
            counts.values()
        ):
            return zone, ARTICLE
    return None, NONE


def _district_topic(references: list[Reference], zones: list[ZoneMention], article: Article) -> str | None:
    """The district a page names more often than any zone (海淀区, with 中关村 in passing): the page is about
    it, its 全区 is the district's, and its figures are no zone's."""
    districts = Counter(r.name for r in references if r.kind == "area" and r.level == "county")
    if not districts:
        return None
    district, count = districts.most_common(1)[0]
    named = Counter(z.zone for z in _within(zones, article.span_start, article.span_end))
    return district if count > max(named.values(), default=0) and count >= 2 else None


def _city_zone(gaz: Gazetteer, references: list[Reference]) -> str | None:
    """The zone of the city an article names most, when it refers to a zone without naming one (大连市…
    高新区召开…): a city has one national zone, listed in the gazetteer as city + 高新区."""
    if not gaz.places or not any(r.kind == "zone_reference" for r in references):
        return None
    cities = Counter(short_name(r.name) for r in references if r.kind == "area" and r.level == "city")
    for city, _ in cities.most_common(1):
        return gaz.canonical.get(city + "高新区")
    return None


def _within(mentions: list, start: int, end: int) -> list:
    """The mentions (ordered by start) that start in [start, end)."""
    return mentions[bisect_left(mentions, start, key=_START) : bisect_left(mentions, end, key=_START)]


def _first_within(zones: list[ZoneMention], start: int, end: int, asides: list[Aside] = ()) -> str | None:
    """The first zone named in [start, end), outside the given asides."""
    return next(
        (z.zone for z in _within(zones, start, end) if z.end <= end and not in_aside(asides, z.start, z.end)), None
    )


class Aside(NamedTuple):
    start: int
    end: int


def find_asides(text: str) -> list[Aside]:
    """The bracketed asides of a text, in order."""
    return [Aside(*m.span()) for m in _BRACKET_RE.finditer(text)]


def in_aside(asides: list[Aside], start: int, end: int) -> Aside | None:
    """The aside that holds [start, end), if any."""
    i = bisect_left(asides, start + 1, key=_START) - 1
    return asides[i] if i >= 0 and asides[i].start < start and end < asides[i].end else None


def _first_zone(gaz: Gazetteer, text: str | None) -> str | None:
    mentions = gaz.find(text)
    return mentions[0].zone if mentions else None


def _source_zone(gaz: Gazetteer, source: str | None, references: list[Reference]) -> str | None:
    """A source line naming a zone, or a city (常州市统计局, 新乡日报) whose 高新区 the page refers to bare."""
    zone = _first_zone(gaz, source)
    if zone or not source or not gaz.places or not any(r.kind == "zone_reference" for r in references):
        return zone
    for end in range(len(source), 1, -1):
        place = gaz.places.place_before(source, end)
        if place and source[place[1] : end].endswith("市"):
            return gaz.canonical.get(place[0] + "高新区")
        if place and place[1] == 0 and _OUTLET.match(source, end):
            # 太仓日报: a county-level city's zone may be a provincial one the gazetteer lacks (spec: place + 高新区)
            name = place[0] + "高新区"
            county = gaz.places.levels.get(place[0] + "市") == "county"
            return gaz.canonical.get(name) or (name if county else None)
    return None


# A city's own newspaper or station: "新乡日报", "江门广播电视台". Named in a page's byline, it says which city's
# 高新区 a page that says only 高新区 is about: "本报讯(新乡日报全媒体记者刘军旗)".
_OUTLET_WORDS = "日报|晚报|都市报|新闻网|广播电视台|融媒体中心"
_OUTLET = re.compile(_OUTLET_WORDS)
_BYLINE_OUTLET = re.compile(rf"本报讯\s*[(（]\s*([\u4e00-\u9fff]{{2,6}}?(?:{_OUTLET_WORDS}))")
_BYLINE_CHARS = 400


def _byline_outlet(text: str) -> str | None:
    m = _BYLINE_OUTLET.search(text, 0, _BYLINE_CHARS)
    return m.group(1) if m else None
