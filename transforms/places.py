"""China's administrative areas (transforms/data/places.tsv): what a zone is named after, and what is not a zone.

Three uses, each a dictionary lookup behind a few candidate characters:
- `place_before(text, end)`: the longest city or county name ending at `end`, so that "宜宾高新区" or
  "宜宾市高新区", missing from the gazetteer of national zones, still reads as the zone 宜宾高新区;
- `find_areas(text)`: full names of provinces, cities and districts (北京市, 海淀区, 江苏省), whose figures
  are the area's, not a zone's (shared/spec/indicators.md);
- `city_of_district`: the city of a district, for zones named by their district ("高新区(滨江)" is 杭州高新区).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

PLACES_PATH = Path(__file__).parent / "data" / "places.tsv"
# Longest first, so 自治县 goes before 县 and 壮族自治区 before 自治区.
_SUFFIXES = sorted(
    [
        "省",
        "市",
        "区",
        "县",
        "旗",
        "盟",
        "地区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "特别行政区",
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
    ],
    key=len,
    reverse=True,
)
_MIN_AREA = 3  # 城区, 郊区, 矿区 are words as often as names
# District names that are common nouns too (科技新城区, 主城区): never read as an area.
_COMMON_WORDS = frozenset(
    {"新城区", "城中区", "市中区", "城关区", "城东区", "城西区", "城南区", "城北区", "开发区", "新市区"}
)


class Area(NamedTuple):
    name: str
    level: str  # province | city | county
    start: int
    end: int


def short_name(name: str) -> str:
    """宜宾市 -> 宜宾, 海淀区 -> 海淀, 延边朝鲜族自治州 -> 延边朝鲜族 (left as is past one suffix)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class Places:
    def __init__(self, rows: list[tuple[str, str, str]]):
        self.levels = {name: level for _, name, level in rows}
        provinces = {code[:2]: short_name(name) for code, name, level in rows if level == "province"}
        # A municipality's districts belong to the municipality itself (朝阳区 -> 北京).
        cities = {code[:4]: provinces.get(code[:2]) for code, _, level in rows if level == "county"}
        cities.update({code[:4]: short_name(name) for code, name, level in rows if level == "city"})
        # A district's city, by its name full or short, where that name is one district's only (滨江 -> 杭州).
        city_of: dict[str, set[str]] = {}
        for code, name, level in rows:
            if level == "county" and cities.get(code[:4]):
                for form in (name, short_name(name)):
                    city_of.setdefault(form, set()).add(cities[code[:4]])
        self.city_of_district = {form: next(iter(c)) for form, c in city_of.items() if len(c) == 1 and len(form) >= 2}
        # City and county names, full and short, that can name a zone (a province's name cannot).
        self.zone_places = {
            form: short_name(name)
            for _, name, level in rows
            if level != "province"
            for form in (name, short_name(name))
            if len(form) >= 2
        }
        for word in _COMMON_WORDS:
            self.levels.pop(word, None)
        # Names are looked up behind their last two characters: the lengths of the names with that tail, longest
        # first, so a position whose tail ends no name (高新区 -> 新区 does; 园区 does not) costs one dict lookup.
        self._area_lengths = _lengths_by_tail(name for name in self.levels if len(name) >= _MIN_AREA)
        self._area_ends = re.compile(f"[{''.join(sorted({name[-1] for name in self.levels}))}]")
        self._place_lengths = _lengths_by_tail(self.zone_places, tail=1)

    def place_before(self, text: str, end: int) -> tuple[str, int] | None:
        """(short place name, start) of the longest city/county name that ends at end."""
        for length in self._place_lengths.get(text[end - 1 : end], ()):
            if length > end:
                continue
            place = self.zone_places.get(text[end - length : end])
            if place:
                return place, end - length
        return None

    def find_areas(self, text: str) -> list[Area]:
        """Full area names in text, left to right, the longest at each end character."""
        found, last_end = [], 0
        for m in self._area_ends.finditer(text):
            end = m.end()
            for length in self._area_lengths.get(text[end - 2 : end], ()):
                start = end - length
                if start < last_end:
                    continue
                level = self.levels.get(text[start:end])
                if level:
                    found.append(Area(text[start:end], level, start, end))
                    last_end = end
                    break
        return found


def _lengths_by_tail(names, tail: int = 2) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[-tail:], set()).add(len(name))
    return {key: tuple(sorted(values, reverse=True)) for key, values in lengths.items()}


def load_places(path: Path = PLACES_PATH) -> Places:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "adcode\t")):
                continue
            code, name, level = line.rstrip("\n").split("\t")
            rows.append((code, name, level))
    return Places(rows)


@lru_cache(maxsize=1)
def default_places() -> Places:
    return load_places()
