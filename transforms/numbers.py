"""Find quantities (number + unit) in Chinese text and convert them to base units.

Handles Arabic numbers with separators and decimals (1,234.5), Chinese numerals (一千零四十二, 两千,
近百), mixed forms (1.2万, 3.5万亿, 千亿), magnitudes 万/亿/万亿 before 元, counts in 家/个/项/所,
percentages (4.1%, 百分之四点一), multiples (4.35倍) and money in 亿 without 元 (营收超4000亿,).
Vague amounts (数百家, 上千家, 几十家) are not numbers. Our own numeral parser is used instead of
cn2an, which rejects 千亿, 3.5万亿, 百分之四点一 and 2000多.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CNY, COUNT, PERCENT, MULTIPLE = "CNY", "count", "percent", "multiple"

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_MAGNITUDE = {**_SMALL_UNITS, **_BIG_UNITS}

# Digit groups split by a comma (1,234.5) or, as GB/T 15835 typesets them, by a (thin) space (1 234.5).
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral needs a digit or 十/百/千: a bare 万 or 亿 (亿元以上项目) is not a number,
# but a bare 万亿 (营收突破万亿元) is one trillion.
_CHINESE = (
    r"[零〇一二两三四五六七八九十百千万亿]*[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*"
    r"(?:点[零〇一二三四五六七八九]+)?"
)
_COUNT_UNITS = "家|个|项|所|户|座"

# Money written without 元 ("营收超4000亿,"): only an amount in 亿 followed by punctuation, so
# "10亿美元", "1.2亿人次" and a page cut after "亿" stay out; or by 大关/关口 (突破200亿大关).
_BARE_YI_END = r"(?<=亿)(?=[,，。;；、:：)）]|左右|以上|大关|关口)"

QUANTITY_RE = re.compile(
    rf"""(?=[\d零〇一二两三四五六七八九十百千万])  # fails fast where no number starts
    (?<![\d.,/第])(?<!\d[ \u2009\u202f\u00a0])  # 1 250: not a number on its own
    (?:(?<![数几上成])|(?=\d))  # 数百家, 上千家: vague, but 以上100家 is a number
    (?:
        百分之(?P<pct_num>{_ARABIC}|{_CHINESE})
      | (?P<num>{_ARABIC}|{_CHINESE}|万亿) [ \u3000]*
        (?P<mag>[十百千万亿]*)
        (?P<more>[ \u3000]*[多余])?
        (?P<mag2>[十百千万亿]*)
        [ \u3000]*
        (?:(?P<unit>%|％|倍|元|(?:个百分点)|{_COUNT_UNITS})|{_BARE_YI_END})
    )""",
    re.VERBOSE,
)


_ARABIC_RE = re.compile(_ARABIC)
_SEPARATORS = re.compile(r"[,\s\u2009\u202f\u00a0]")
_RANGE_BEFORE = re.compile(r"\d\s*[-~—－至]\s*$")


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, converted to base units (yuan, count, percentage points)."""

    value: float
    unit: str  # CNY | count | percent | multiple
    start: int
    end: int
    more: bool = False  # 多/余 between number and unit ("2000多家") means "more than"


def chinese_to_number(text: str) -> float:
    """Parse a Chinese numeral such as 一千零四十二, 两千, 千亿, 三万亿 or 四点一."""
    integer, _, decimals = text.partition("点")
    value = float(_chinese_integer(integer)) if integer else 0.0
    if decimals:
        value += float("0." + "".join(str(_DIGITS[c]) for c in decimals))
    return value


def _chinese_integer(text: str) -> int:
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit or 1) * 10**4
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit or 1) * 10**8
            section = digit = 0
    return total + section + digit


def parse_number(text: str) -> Decimal:
    """Parse an Arabic (1,234.5) or Chinese (一千零四十二) number without unit, exactly."""
    text = text.strip()
    if _ARABIC_RE.fullmatch(text):
        return Decimal(_SEPARATORS.sub("", text))
    return Decimal(str(chinese_to_number(text)))


def _magnitude(chars: str) -> int:
    factor = 1
    for ch in chars:
        factor *= _MAGNITUDE[ch]
    return factor


_KINDS = {"%": PERCENT, "％": PERCENT, "倍": MULTIPLE, "元": CNY}
_MAX_EXACT_DIGITS = 28  # Decimal's default precision: up to this many digits, times 1 is exact


def find_quantities(text: str, pos: int = 0, last: int | None = None) -> list[Quantity]:
    """All number+unit quantities in text, in order; spans cover number and unit only.
    With pos and last: those that the scan of the whole text finds starting in [pos, last], provided pos
    is 0 or follows a character no quantity holds (a sentence end: 。！？!?\n)."""
    found = []
    range_before = _RANGE_BEFORE.search
    for m in QUANTITY_RE.finditer(text, pos):
        start = m.start()
        if last is not None and start > last:
            break
        if range_before(text, max(0, start - 3), start):  # the second number of a range (3-5个): no level
            continue
        pct_num, num, mag, mag2, unit, more = m.group("pct_num", "num", "mag", "mag2", "unit", "more")
        if pct_num:
            found.append(Quantity(float(parse_number(pct_num)), PERCENT, start, m.end()))
            continue
        unit = unit or "元"
        if unit == "个百分点":
            continue  # a change in percentage points, never a level
        if (
            not mag
            and not mag2
            and len(num) <= _MAX_EXACT_DIGITS
            and num.isascii()
            and num.replace(".", "", 1).isdigit()
        ):
            value = float(num)  # a plain 1234.5: the same float as float(Decimal(num) * 1), without Decimal
        else:
            value = float(parse_number(num) * _magnitude(mag + mag2))
        found.append(Quantity(value, _KINDS.get(unit, COUNT), start, m.end(), more=bool(more)))
    return found
