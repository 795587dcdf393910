"""Near-duplicate documents: one article reposted by several sites, each with its own chrome and small edits.

A document's fingerprint is a MinHash signature (one-permutation hashing, densified: 64 values) of its
clauses, each clause salted with the first characters of the next sentence or, by the parity of its
length, with the last characters of the previous one. Clauses make the fingerprint robust: an edited word
changes one clause, a site's menus and footers add a few, and an edit next to a sentence boundary spoils
about half of the neighbouring sentence's clauses, not all. The salts make it care about order: pages
assembled from the same stock sentences in another order (the generated benchmark corpus, a site's ritual
phrases) share clauses but few clause-and-neighbour pairs. Two documents are near-duplicates when at least
MIN_AGREEMENT of the SIGNATURE_BINS values agree: an estimated Jaccard similarity of 0.5 or more.

Measured (tests/test_near_duplicates.py): of 64 real pages, each copied three times under other sites'
headers, footers and titles with a word changed, 63 have all three copies found; in the 64th, a page of
two sentences, the word changed opens the second one (the copies find each other, not the page). Different
documents agree on at most 3 of 64 values between real pages (also under one site's chrome), 16 between
2,000 generated pages and 17 between 20,000 (all pairs): none is taken for a near-duplicate.

Candidates are found by LSH banding (BANDS bands of BAND_ROWS values that must all agree), so the work
grows with the number of documents, not with their pairs. `first_copies` decides within one list of
texts (a batch); the warehouse applies the same rule to every stored document in SQL
(`warehouse/store.py`). The signature is stored: changing anything here changes the signatures, and then
stored documents must be re-extracted (bump `transforms.EXTRACTOR_VERSION`).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

SIGNATURE_BINS = 64
MIN_AGREEMENT = 32  # of SIGNATURE_BINS: estimated Jaccard >= 0.5
BAND_ROWS = 3
BANDS = SIGNATURE_BINS // BAND_ROWS  # 21 bands over 63 of the 64 values
MIN_FEATURES = 5  # clauses: a shorter text is too short to tell a copy from a coincidence
CONTEXT_BYTES = 24  # a salt: the next sentence's first, or the previous one's last, 8 CJK characters (UTF-8)
MIN_CLAUSE_BYTES = 6  # clauses of one CJK character are no evidence

_SENTENCE_ENDS = "！？!?；;"
_CLAUSE_MARKS = ",、"
_PERIOD, _COMMA = "。", "，"
_PERIOD_BYTES, _COMMA_BYTES = _PERIOD.encode(), _COMMA.encode()
_WHITESPACE = b" \t\r\n\x0b\x0c"
_MULTIPLIER = 0x9E3779B1  # odd: a bijection of 32-bit values that moves every bit into the top six
_MASK = 0xFFFFFFFF
_BIN_SHIFT = 32 - 6  # the top six bits of a mixed value pick its bin (2**6 = SIGNATURE_BINS)
# Where an empty bin borrows its value: for each bin, all bins in an order of its own (optimal densification,
# Shrivastava 2017). CRC-32 keeps the orders the same on every machine and Python version.
_PROBES = tuple(
    tuple(sorted(range(SIGNATURE_BINS), key=lambda j, i=i: zlib.crc32(bytes((i, j))))) for i in range(SIGNATURE_BINS)
)


def features(text: str) -> list[int]:
    """CRC-32 of each clause salted with the start of the next sentence (clauses of an even length in bytes) or
    the end of the previous one (odd); sentences end at 。！？；, clauses at ，、; whitespace is ignored."""
    for mark in _SENTENCE_ENDS:
        if mark in text:
            text = text.replace(mark, _PERIOD)
    for mark in _CLAUSE_MARKS:
        if mark in text:
            text = text.replace(mark, _COMMA)
    data = text.replace("\u3000", "").encode("utf-8", "replace").translate(None, _WHITESPACE)
    crc = zlib.crc32
    sentences = [sentence for sentence in data.split(_PERIOD_BYTES) if sentence]
    starts = [crc(sentence[:CONTEXT_BYTES]) for sentence in sentences[1:]]
    starts.append(0)  # the last sentence has none after it
    ends = [crc(sentence[-CONTEXT_BYTES:], 1) for sentence in sentences[:-1]]
    ends.insert(0, 1)  # nor the first one before it
    return [
        crc(clause, end if len(clause) & 1 else start)
        for sentence, start, end in zip(sentences, starts, ends, strict=False)  # no sentence: one of each, unused
        for clause in sentence.split(_COMMA_BYTES)
        if len(clause) >= MIN_CLAUSE_BYTES
    ]


def signature(text: str) -> tuple[int, ...] | None:
    """SIGNATURE_BINS unsigned 32-bit values, or None for a text with fewer than MIN_FEATURES clauses."""
    found = features(text)
    if len(found) < MIN_FEATURES:
        return None
    empty = _MASK + 1
    bins = [empty] * SIGNATURE_BINS
    for h in found:
        value = (h * _MULTIPLIER) & _MASK
        index = value >> _BIN_SHIFT
        if value < bins[index]:
            bins[index] = value
    return tuple(
        value if value != empty else bins[next(j for j in _PROBES[i] if bins[j] != empty)]
        for i, value in enumerate(bins)
    )


def agreement(a: Sequence[int], b: Sequence[int]) -> int:
    """How many of the signatures' values agree (SIGNATURE_BINS for the same set of clauses)."""
    return sum(map(int.__eq__, a, b))


def first_copies(signatures: Sequence[Sequence[int] | None]) -> list[int]:
    """For each signature, the index of the first one in the list it is a near-duplicate of, through
    chains (c near b, b near a: both a's), or its own index. None never matches."""
    firsts = list(range(len(signatures)))
    buckets: dict[tuple[int, ...], list[int]] = {}
    for index, values in enumerate(signatures):
        if values is None:
            continue
        keys = [(band, *values[band * BAND_ROWS : (band + 1) * BAND_ROWS]) for band in range(BANDS)]
        candidates = {earlier for key in keys for earlier in buckets.get(key, ())}
        matches = [earlier for earlier in candidates if agreement(values, signatures[earlier]) >= MIN_AGREEMENT]
        if matches:
            firsts[index] = firsts[min(matches)]
        for key in keys:
            buckets.setdefault(key, []).append(index)
    return firsts
