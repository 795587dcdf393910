"""Time expressions: explicit years, relative words resolved against a reference year, and the
period string of the contract (YYYY, YYYYH1, YYYYQn, YYYYM01-Mnn).

A cue sets the period of the figures after it. Years that only name a baseline or a start
("较2012年新增", "是2012年的4.35倍", "自2018年获批以来") are not cues.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_CN_SMALL = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}

_MONTH_NO = r"(?:\d{1,2}|十[一二]?|[二两三四五六七八九])"
# 1-5月, 1至11月份, 前11个月: cumulative from January.
_SUB = (
    r"上半年|下半年|前三季度|(?:1|一)\s*[-—~至到]\s*(?:3|三)\s*季度|第?[一二三四1-4]季度"
    rf"|(?:1|一)\s*[-—~至到]\s*{_MONTH_NO}月|前\s*{_MONTH_NO}\s*个月"
)
# A year in digits, or in Chinese numerals as communiqués and work reports write it (二〇二二年).
_YEAR = r"(?:19|20)\d{2}|(?:一九|二[〇零])[〇零一二三四五六七八九]{2}"
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def year_value(text: str) -> int:
    """2022 for "2022" and for "二〇二二"."""
    return int("".join(_CN_DIGIT.get(c, c) for c in text))


_CUE_RE = re.compile(
    r"(?=[\d截到至今本去上前下第一二三四全十“\"目当现迄年过刚这])"  # fails fast where no cue starts
    rf"(?:(?P<explicit>(?P<pre>截[至止](?:到|至)?|到|至)?(?P<year>{_YEAR})\s*年(?:底|末|全年)?(?P<sub>{_SUB})?)"
    rf"|(?P<rel>今年|本年|去年|上年|前年)(?:底|末|全年)?(?P<rel_sub>{_SUB})?"
    rf"|(?P<bare_sub>{_SUB})"
    r"|(?P<full_year>(?<![年今本])全年)"
    r"|(?P<year_end>(?<![年今本去上前\d])年(?:末|底)(?!前))"
    r"|(?P<past_year>过去(?:的)?(?:一|两|三|五|十|几)年|(?:刚刚)?过去的一年|这一年|一年来)"
    r"|(?P<plan>(?:到|至)?[“\"]?十(?P<plan_no>[一二三四五六七八九])五[”\"]?(?:(?:时期|期)?末|(?P<plan_span>时期|期间)))"
    r"|截至目前|截止目前|至今|迄今|目前|当前|现有|现已)"
)
# A year after these words is a baseline or a start, not the period of what follows.
_NOT_A_CUE_BEFORE = re.compile(r"(?:较|比|是|与|同|相比|于|自|从|由|为|对比|相当于)\s*$")
_NOT_A_CUE_AFTER = re.compile(r"^\s*(?:以来|获批|成立|起|开始|的\s*[\d.]+\s*倍|相比|同期|翻)")
_ATTACHED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:底|末)?的\s*$")
_DATELINE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日(?:电|讯)")
_REL_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2}
# "去年底…获评“2019年度…" dates a document that carries no publication date.
_LAST_YEAR_ANCHOR = re.compile(r"去年[^。！？\n]{0,20}?((?:19|20)\d{2})\s*年")
# "截至9月…较2023年末净增11152户": a change since a year's end is measured in the year after it.
_YEAR_END_BASELINE = re.compile(r"(?:较|比|与)\s*((?:19|20)\d{2})\s*年\s*(?:末|底)")
# "5月29日,…2023中关村论坛金融科技平行论坛举办": an event named with its year is held in that year.
_YEAR_NAMED_EVENT = re.compile(
    r"(?<![\d.\-/])((?:19|20)\d{2})(?:年)?(?:中国|世界|全球)?[\u4e00-\u9fff]{2,12}?(?:论坛|博览会|大会|峰会|年会|交易会)(?:[\u4e00-\u9fff]{0,8}?)(?:举办|举行|召开|开幕|在)"
)


# A publication date line the cleaner left in the text: a full date (2023-07-31, 2023年7月31日) at the
# start of a line within the first characters of the page, or one whose day and month come first in an
# order the cleaner cannot tell (01.06.2017 11:31: June 1st or January 6th, but 2017 either way).
_HEAD_DATE = re.compile(
    r"(?:^|\n)[^\n\d]{0,12}(?:((?:19|20)\d{2})\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)"
    r"|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"|\d{1,2}\.\d{1,2}\.((?:19|20)\d{2})(?![\d.]))"
)
_HEAD_CHARS = 300

# Right after 全年, a plan or a forecast: 全年力争… is this year's target even in a January page.
_FORWARD_AFTER = re.compile(r"^\s*(?:力争|目标|计划|预计|预期|争取|确保|将|要)")


_TITLE_YEAR = re.compile(rf"(?<![\d〇零一二三四五六七八九])({_YEAR})\s*年")
_LAST_MONTH = re.compile(rf"({_MONTH_NO})\s*个?月$")
_GREW_TO = re.compile(r"(?:增长|增加|提高|提升|上升|扩大|发展|跃升|增|升)$")


# A quote right after a break opens speech; elsewhere (获评“2019年度…) it opens a name.
_OPENS_SPEECH = re.compile(r"(?:^|[\n。！？!?：:，,])\s*[“\"「]$")
# On an undated page, 至YYYY年 is a horizon only when a plan word follows it.
_PLAN_WORDS = re.compile(r"将|力争|争取|目标|计划|预计|确保")
_PLAN_REACH = 30

# State words that describe the time of an explicit "截至YYYY年底" earlier in the same sentence.
_STATE_WORDS = frozenset({"现有", "现已", "目前", "当前"})
_SENTENCE_BREAK = re.compile(r"[。！？!?\n]")


@dataclass(frozen=True)
class Period:
    year: int | None
    period: str | None


@dataclass(frozen=True)
class PeriodCue:
    start: int
    end: int
    period: Period
    is_deadline: bool  # 到2022年: a target horizon
    relative_to: str | None = None  # None: the cue names its year; else the basis its year came from


def reference_year(published: dt.date | None, text: str, title: str | None = None) -> int | None:
    """The year that 今年/目前 refer to.

    The publication year, unless the wire dateline ("12月1日电") is later in the year than the
    publication date: then the page republished last year's story. Without a publication date:
    a full date in the page head (the date line the cleaner did not recognise), else a
    "去年…YYYY年" anchor, else the one year the title names ("2022年贵阳高新区经济发展回顾"), else the
    year after a year-end baseline (较2023年末), else the year of an event the page says is being held
    ("2023中关村论坛…举办"); otherwise the year is unknown.
    """
    if published:
        # (A dateline ends in 日电/日讯: a document without either is not scanned position by position.)
        dateline = _DATELINE.search(text) if "日电" in text or "日讯" in text else None
        if dateline and (int(dateline.group(1)), int(dateline.group(2))) > (published.month, published.day):
            return published.year - 1
        return published.year
    head = _HEAD_DATE.search(text, 0, _HEAD_CHARS)
    if head:
        return int(head.group(1) or head.group(2))
    m = _LAST_YEAR_ANCHOR.search(text)
    if m:
        return int(m.group(1)) + 1
    years = _title_years(title)
    if len(years) == 1:
        return years.pop()
    baselines = {int(y) + 1 for y in _YEAR_END_BASELINE.findall(text)}
    if len(baselines) == 1:
        return baselines.pop()
    events = {int(y) for y in _YEAR_NAMED_EVENT.findall(text)}
    return events.pop() if len(events) == 1 else None


def _title_years(title: str | None) -> set[int]:
    return {year_value(y) for y in _TITLE_YEAR.findall(title or "")}


def title_year(title: str | None, ref_year: int | None) -> int | None:
    """The previous year when the title names it and not the reference year
    ("2022年绵阳高新区统计公报" published in April 2023): the year the page reviews."""
    if not title or ref_year is None:
        return None
    years = _title_years(title)
    return ref_year - 1 if ref_year - 1 in years and ref_year not in years else None


def review_year(published: dt.date | None, ref_year: int | None, title: str | None = None) -> int | None:
    """The year that a retrospective cue without a year (全年, 年末, 年底, 过去一年) refers to: the
    previous year in a page published January-March (annual reviews, work reports, communiqués)
    or titled with the previous year, else the reference year."""
    if ref_year is None:
        return None
    early = published is not None and published.year == ref_year and published.month <= 3
    return ref_year - 1 if early else (title_year(title, ref_year) or ref_year)


def make_period(year: int | None, sub: str | None = None) -> Period:
    """Period for a year and an optional sub-year expression (上半年, 一季度, 1-5月)."""
    if year is None:
        return Period(None, None)
    return Period(year, f"{year}{_sub_suffix(sub)}")


def _sub_suffix(sub: str | None) -> str:
    if not sub:
        return ""
    if sub == "上半年":
        return "H1"
    if sub == "下半年":
        return "H2"
    if sub == "前三季度" or (sub.endswith("季度") and not sub.startswith("第") and len(sub) > 3):  # 1-3季度, 一至三季度
        return "M01-M09"
    if "季度" in sub:
        n = sub.strip("第季度")
        return f"Q{_CN_SMALL.get(n, n)}"
    last = _LAST_MONTH.search(sub).group(1)
    month = int(last) if last.isdigit() else _CN_SMALL[last]
    return f"M01-M{month:02d}"


def find_cues(
    text: str,
    ref_year: int | None,
    review: int | None = None,
    ref_basis: str = "published_date",
    review_basis: str | None = None,
    topic: tuple[int, str] | None = None,
) -> list[PeriodCue]:
    """Period cues in text, in order; relative cues resolve to NULL without a reference year.
    `review` is the year of retrospective cues (see review_year); default ref_year. `topic` is the year the
    text is about, with its basis, when it names one: a bare part of a year (前三季度 with no year in its
    sentence) is of that year rather than of the publication's. Each relative cue records the basis of the
    year it resolved against (`ref_basis`, `review_basis`, the topic's)."""
    review, review_basis = (ref_year, ref_basis) if review is None else (review, review_basis or ref_basis)
    scan = _CueScan(text, ref_year, ref_basis, review, review_basis, topic)
    for m in _CUE_RE.finditer(text):
        if not _is_baseline(text, m):
            scan.add(m)
    return scan.cues


@dataclass
class _CueScan:
    """find_cues, one cue at a time: the cues so far and what a later cue reads of them."""

    text: str
    ref_year: int | None
    ref_basis: str
    review: int | None
    review_basis: str
    topic: tuple[int, str] | None = None
    cues: list[PeriodCue] = field(default_factory=list)
    explicit: PeriodCue | None = None  # the last year named (not a horizon): what 今年 means on a page without a date
    newlines: int = 0  # line breaks before counted_to
    counted_to: int = 0
    explicit_newlines: int = 0  # line breaks before `explicit`
    anchor: PeriodCue | None = None  # the `explicit` an undated page's 去年/今年 were read against: it stays "now"
    as_of: PeriodCue | None = None  # the last 截至YYYY年… cue: 现有/目前 later in its sentence mean "as of" that date

    def add(self, m: re.Match) -> None:
        if (
            m.group() in _STATE_WORDS
            and self.as_of
            and not _SENTENCE_BREAK.search(self.text, self.as_of.end, m.start())
        ):
            self.cues.append(PeriodCue(m.start(), m.end(), self.as_of.period, False))
            return
        self.as_of = None
        if m.group("plan"):
            self.cues.append(self._plan(m))
        elif m.group("full_year"):
            self.cues.append(self._full_year(m))
        elif m.group("year_end") or m.group("past_year"):
            self.cues.append(PeriodCue(m.start(), m.end(), make_period(self.review), False, self.review_basis))
        elif m.group("explicit"):
            self._explicit(m)
        else:
            self.cues.append(self._relative(m))

    def _count_lines_to(self, pos: int) -> int:
        """Line breaks before pos (counted once over the text: linear)."""
        self.newlines += self.text.count("\n", self.counted_to, pos)
        self.counted_to = pos
        return self.newlines

    def _plan(self, m: re.Match) -> PeriodCue:
        year = _plan_end_year(m.group("plan_no"))
        future = year > self.ref_year if self.ref_year is not None else not m.group("plan_span")
        return PeriodCue(m.start(), m.end(), make_period(year), future)

    def _full_year(self, m: re.Match) -> PeriodCue:
        forward = _FORWARD_AFTER.match(self.text[m.end() : m.end() + 4])
        cues = self.cues
        previous = cues[-1] if cues and "\n" not in self.text[cues[-1].end : m.start()] else None
        if previous:  # 上半年… 预计全年: the whole year of the cue before it in the paragraph
            return PeriodCue(m.start(), m.end(), make_period(previous.period.year), False, previous.relative_to)
        year, basis = (self.ref_year, self.ref_basis) if forward else (self.review, self.review_basis)
        return PeriodCue(m.start(), m.end(), make_period(year), False, basis)

    def _explicit(self, m: re.Match) -> None:
        period = make_period(year_value(m.group("year")), m.group("sub"))
        dated = self.ref_year if self.ref_basis == "published_date" else None  # an article's own year is no "now"
        cue = PeriodCue(m.start(), m.end(), period, _is_deadline(self.text, m, dated))
        self.cues.append(cue)
        if not cue.is_deadline:
            self.explicit = cue
            self.explicit_newlines = self._count_lines_to(m.start())
        self.as_of = cue if (m.group("pre") or "").startswith("截") else None  # 截至 / 截止 / 截止到

    def _relative(self, m: re.Match) -> PeriodCue:
        sub = m.group("rel_sub") or m.group("bare_sub")
        cues = self.cues
        previous = cues[-1] if cues and not _SENTENCE_BREAK.search(self.text, cues[-1].end, m.start()) else None
        if m.group("bare_sub") and previous and previous.relative_to is None and not previous.is_deadline:
            # "2021年的“成绩单”…——前三季度,…": a bare part of a year belongs to the year its sentence named
            return PeriodCue(m.start(), m.end(), make_period(previous.period.year, sub), False)
        if m.group("bare_sub") and self.topic:  # "高新区召开2020年前三季度经济形势分析会…。…前三季度地区生产总值…"
            return PeriodCue(m.start(), m.end(), make_period(self.topic[0], sub), False, self.topic[1])
        offset = _REL_OFFSET.get(m.group("rel") or "今年", 0)
        newlines = self._count_lines_to(m.start())
        if (
            self.ref_year is None
            and self.explicit
            and (newlines - self.explicit_newlines <= 1 or self.anchor is self.explicit)
        ):
            # an undated page: "东湖高新区2012年工作会上…。\n去年…" - 去年 is the year before the one it last named,
            # and 今年 in a later paragraph is that year still
            self.anchor = self.explicit
            return PeriodCue(
                m.start(), m.end(), make_period(self.explicit.period.year + offset, sub), False, "paragraph"
            )
        year = None if self.ref_year is None else self.ref_year + offset
        return PeriodCue(m.start(), m.end(), make_period(year, sub), False, self.ref_basis)


def _plan_end_year(number: str) -> int:
    """十四五末 -> 2025: the n-th five-year plan ends in 1955 + 5n."""
    return 1955 + 5 * (10 + _CN_SMALL[number])


def _is_baseline(text: str, m: re.Match) -> bool:
    """较2012年 / 比上年 / 自2018年…以来 / 获评“2019年度…”: a reference point, not the period.
    (A quote opening a paragraph or sentence opens speech: “2021年,高新区将…” and “今年…” are cues.)"""
    since_now = m.group("rel") in ("今年", "本年") and text.startswith("以来", m.end())  # 今年以来: this year so far
    return bool(
        _NOT_A_CUE_BEFORE.search(text[max(0, m.start() - 4) : m.start()])
        or (_NOT_A_CUE_AFTER.search(text[m.end() : m.end() + 8]) and not since_now)
        or (
            bool(m.group("explicit"))
            and m.start() > 0
            and text[m.start() - 1] in '“"「《'
            and not _OPENS_SPEECH.search(text, max(0, m.start() - 2), m.start())
        )
    )


def _is_deadline(text: str, m: re.Match, ref_year: int | None) -> bool:
    """到2022年 is a target horizon unless the year is past when the page was published; on an undated
    page 至2005年 is one only when a plan word follows (至2005年,…拥有 in a chronicle is a state reached).
    增长到2021年的2271亿元 is the end of a from-to pair."""
    if m.group("pre") not in ("到", "至"):
        return False
    grew_to = _GREW_TO.search(text, max(0, m.start() - 2), m.start())
    if grew_to or text[m.end() : m.end() + 1] == "的":
        return False
    if ref_year is not None:
        return year_value(m.group("year")) >= ref_year
    return m.group("pre") == "到" or bool(_PLAN_WORDS.search(text, m.end(), min(len(text), m.end() + _PLAN_REACH)))


def attached_year(text: str, pos: int) -> int | None:
    """Year written right before a number, as in 从2012年的245家 / 到2021年的1042家."""
    m = _ATTACHED_YEAR.search(text[max(0, pos - 12) : pos])
    return int(m.group(1)) if m else None
