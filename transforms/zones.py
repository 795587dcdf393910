"""Zone gazetteer (transforms/data/zones.yaml) and a longest-match finder of zone mentions.

The national aggregate 国家高新区 is special: "荣昌国家高新区" or "“泸内荣永”国家高新区产业联盟" must not
read as the aggregate, so its generic names (国家高新区, 国家高新技术产业开发区) count only after a count
("169家国家高新区") or a period ("前4月国家高新区"), or before a total ("…总数达178家", "…129家") or a definition
("国家高新技术产业开发区是指…"), while its explicit aliases (全国国家高新区) always do.

Zones missing from the gazetteer (provincial zones) are found by pattern: a city or county name right
before 高新区 / 高新技术产业开发区 / 高新技术开发区 names the zone place + 高新区 (shared/spec/indicators.md); a
province's name does not (陕西省高新区 is every zone of the province). A bare 高新区 followed by its district in
brackets, "高新区(滨江)", is the zone of that district's city when the gazetteer lists one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from transforms.places import Places, default_places

ZONES_PATH = Path(__file__).parent / "data" / "zones.yaml"
AGGREGATE = "国家高新区"
# The aggregate's generic names count only after a count ("169家国家高新区") or before a total
# ("国家高新技术产业开发区总数达178家").
_GATED_AGGREGATE_NAMES = frozenset(
    {
        AGGREGATE,
        "国家高新技术产业开发区",
        "国家级高新区",
        "国家级高新技术产业开发区",
        "国家高新技术开发区",
        "国家级高新技术开发区",
    }
)
_COUNT_BEFORE_AGGREGATE = re.compile(r"(?:\d+|[一二三四五六七八九十百千两]+)[多余]?\s*[家个]$")
_COUNT_AFTER_AGGREGATE = re.compile(r"\s*(?:(?:总数|数量|总量)\s*(?:已)?(?:达到|达|为|增至|增加到)\s*)?(\d+)\s*[家个]")
# A count right after the name ("全国共有国家级高新区129家") counts only when it can be all of them: there were 53
# national zones in 1991 and more since, so "国家高新区8家" is a province's.
FEWEST_NATIONAL_ZONES = 50
# "在全国178家国家高新区中排名第18位", "居全国高新区第4", "国家高新区综合排名": the aggregate is the field
# of a rank, not the subject.
_RANK_AFTER_AGGREGATE = re.compile(
    r"\s*(?:(?:综合|整体)?(?:评价|考核)?(?:排名|排行)|(?:中|当中|里)\s*(?:排名|排|位列|位居|居|列)"
    r"|(?:中|当中|里)?\s*(?:第\s*[\d一二三四五六七八九十]|前列|前\s*[\d一二三四五六七八九十]|首位))"
)
# After a counted aggregate, a bare 国家高新区 opening a sentence or clause is that aggregate again
# ("178家国家高新区实现…。国家高新区内高新技术企业…"); after a place name it is not.
_CLAUSE_OPENERS = frozenset("。！？；;，,：:、\n ")
# Right after a period or 我国 it is the aggregate whatever came before ("前4月国家高新区规上工业企业营收…",
# "2023年国家高新区…", "2024年,国家高新区实现…", "我国国家高新区…"): a period is not a place, so the name is
# not a zone's.
# Opening a clause and defined ("国家高新技术产业开发区是指经国务院…批准建立的…区域"), it is the class of all zones.
_DEFINED_AFTER_AGGREGATE = re.compile(r"\s*(?:是指|是|系指)")
_PERIOD_BEFORE_AGGREGATE = re.compile(
    r"(?:\d{4}\s*年|[今去上本当]年|\d+\s*个?月|季度|年度|以来|年底|年末|我国)\s*[,，]?\s*$"
)
# Literal branches, longest first: the regex engine then jumps to 国 and 高 instead of trying every position.
_ZONE_WORD = re.compile(
    "|".join(
        prefix + word
        for prefix in ("国家级", "国家", "")
        for word in ("高新技术产业开发区", "高新技术开发区", "高新区")
    )
)
_DISTRICT_AFTER = re.compile(r"[(（]([\u4e00-\u9fff]{2,5})[)）]")


class ZoneMention(NamedTuple):
    zone: str  # canonical name
    start: int
    end: int


class Gazetteer:
    """Maps every surface form of a zone to its canonical name and finds mentions in text."""

    def __init__(self, entries: list[dict], places: Places | None = None):
        self.places = places
        self.canonical: dict[str, str] = {}
        for entry in entries:
            for name in [entry["zone"], *entry.get("aliases", [])]:
                self.canonical[name] = entry["zone"]
        self._pattern = re.compile(_trie_pattern(self.canonical))

    def find(self, text: str | None) -> list[ZoneMention]:
        """Non-overlapping zone mentions in text, left to right: the gazetteer's, and by pattern the zones it
        lacks; where two overlap, the one starting first (马鞍山高新区 over 鞍山高新区)."""
        text = text or ""
        listed = self._listed(text)
        if self.places is None or "高新" not in text:
            return listed
        mentions, last_end = [], 0
        listed_starts = {z.end: z.start for z in listed}
        for mention in sorted(listed + self._by_pattern(text, listed_starts), key=lambda z: (z.start, z.start - z.end)):
            if mention.start >= last_end:
                mentions.append(mention)
                last_end = mention.end
        return mentions

    def _by_pattern(self, text: str, listed_starts: dict[int, int]) -> list[ZoneMention]:
        """Zones by place name; where the gazetteer named one ending here, only a longer name (马鞍山 over 鞍山)."""
        found = []
        for m in _ZONE_WORD.finditer(text):
            listed = listed_starts.get(m.end())
            if listed is not None and not (listed > 0 and "\u4e00" <= text[listed - 1] <= "\u9fff"):
                continue
            place = self.places.place_before(text, m.start())
            if place:
                name, start = place
                found.append(ZoneMention(self.canonical.get(name + "高新区", name + "高新区"), start, m.end()))
                continue
            district = _DISTRICT_AFTER.match(text, m.end())  # 高新区(滨江): the zone of 滨江's city, 杭州高新区
            city = self.places.city_of_district.get(district.group(1)) if district else None
            if city and city + "高新区" in self.canonical:
                found.append(ZoneMention(self.canonical[city + "高新区"], m.start(), district.end()))
        return found

    def _listed(self, text: str) -> list[ZoneMention]:
        mentions = []
        counted = False
        for m in self._pattern.finditer(text):
            if self.canonical[m.group()] == AGGREGATE and _RANK_AFTER_AGGREGATE.match(text, m.end()):
                continue
            if m.group() in _GATED_AGGREGATE_NAMES:
                before = text[max(0, m.start() - 8) : m.start()]
                after = _COUNT_AFTER_AGGREGATE.match(text, m.end())
                if _COUNT_BEFORE_AGGREGATE.search(before) or (after and int(after.group(1)) >= FEWEST_NATIONAL_ZONES):
                    counted = True
                elif not (
                    _PERIOD_BEFORE_AGGREGATE.search(before)
                    or (m.start() == 0 or text[m.start() - 1] in _CLAUSE_OPENERS)
                    and (counted or _DEFINED_AFTER_AGGREGATE.match(text, m.end()))
                ):
                    continue
            mentions.append(ZoneMention(self.canonical[m.group()], m.start(), m.end()))
        return mentions


def _trie_pattern(names) -> str:
    """One regex over all names, factored as a trie: fast, and greedy so the longest name wins."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def load_gazetteer(path: Path = ZONES_PATH, places: Places | None = None) -> Gazetteer:
    with path.open(encoding="utf-8") as fh:
        return Gazetteer(yaml.safe_load(fh), places)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The project gazetteer with zones by pattern, loaded once per process."""
    return load_gazetteer(places=default_places())
