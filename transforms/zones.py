"""Zone gazetteer (transforms/data/zones.yaml) and a longest-match finder of zone mentions.

The national aggregate 国家高新区 is special: "荣昌国家高新区" or "“泸内荣永”国家高新区产业联盟" must not
read as the aggregate, so its canonical name counts only after a count ("169家国家高新区") while its
explicit aliases (全国国家高新区) always do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

ZONES_PATH = Path(__file__).parent / "data" / "zones.yaml"
AGGREGATE = "国家高新区"
_COUNT_BEFORE_AGGREGATE = re.compile(r"(?:\d+|[一二三四五六七八九十百千两]+)[多余]?\s*[家个]$")
# "在全国178家国家高新区中排名第18位": the aggregate is the field of a rank, not the subject.
_RANK_AFTER_AGGREGATE = re.compile(r"\s*(?:中|当中|里)\s*(?:排名|排|位列|位居|居|列)")
# After a counted aggregate, a bare 国家高新区 opening a sentence or clause is that aggregate again
# ("178家国家高新区实现…。国家高新区内高新技术企业…"); after a place name it is not.
_CLAUSE_OPENERS = frozenset("。！？；;，,：:、\n ")


@dataclass(frozen=True)
class ZoneMention:
    zone: str  # canonical name
    start: int
    end: int


class Gazetteer:
    """Maps every surface form of a zone to its canonical name and finds mentions in text."""

    def __init__(self, entries: list[dict]):
        self.canonical: dict[str, str] = {}
        for entry in entries:
            for name in [entry["zone"], *entry.get("aliases", [])]:
                self.canonical[name] = entry["zone"]
        self._pattern = re.compile(_trie_pattern(self.canonical))

    def find(self, text: str | None) -> list[ZoneMention]:
        """Non-overlapping zone mentions in text, left to right."""
        mentions = []
        counted = False
        for m in self._pattern.finditer(text or ""):
            if m.group() == AGGREGATE:
                if _RANK_AFTER_AGGREGATE.match(text, m.end()):
                    continue
                if _COUNT_BEFORE_AGGREGATE.search(text[max(0, m.start() - 8):m.start()]):
                    counted = True
                elif not (counted and (m.start() == 0 or text[m.start() - 1] in _CLAUSE_OPENERS)):
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


def load_gazetteer(path: Path = ZONES_PATH) -> Gazetteer:
    with path.open(encoding="utf-8") as fh:
        return Gazetteer(yaml.safe_load(fh))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The project gazetteer, loaded once per process."""
    return load_gazetteer()
