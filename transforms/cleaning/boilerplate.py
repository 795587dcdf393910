"""Find the lines of a page that are not the article: menus, breadcrumbs, share widgets, photo
captions, footers, link spam, related-link lists, and lines the corpus repeats on every page.

Rules are data (kind, pattern, longest line they may apply to, whether they spare content) so that
adding a site's quirk is a one-line change; block rules cover what only shows as a run of lines or by
its place on the page (menus, footers, related-link lists, one-line link farms above or below the body).
Precision first: a line rule that spares content never removes a sentence reporting a figure, and a
link-farm line holds no digits (a row of figures is a table).
"""

from __future__ import annotations

import re

_SENTENCE_PUNCTUATION = "。！？!?；;，,"
_NO_SENTENCE_RE = re.compile(f"^[^{_SENTENCE_PUNCTUATION}“”:：]*$")


class _LinePattern:
    """Alternatives anchored at the line start (tried there only) and alternatives found anywhere.

    `starts` lists every character an anywhere-alternative can begin with; as a look-ahead it lets the
    scan skip other characters fast (a plain alternation of CJK words is tried at every position).
    """

    __slots__ = ("anchored", "anywhere", "sources")

    def __init__(self, anchored: str | None, anywhere: str | None, starts: str = "") -> None:
        self.sources = (anchored, anywhere, starts)
        self.anchored = re.compile(anchored) if anchored else None
        if anywhere and starts:
            anywhere = f"(?=[{starts}])(?:{anywhere})"
        self.anywhere = re.compile(anywhere) if anywhere else None

    def search(self, line: str) -> bool:
        return bool((self.anchored and self.anchored.match(line)) or (self.anywhere and self.anywhere.search(line)))

    @classmethod
    def union(cls, patterns: list[_LinePattern]) -> _LinePattern:
        """One pattern that matches a line when any of `patterns` does: two regex calls instead of two each."""
        anchored = [a for a, _, _ in (p.sources for p in patterns) if a]
        anywhere = [(w, starts) for _, w, starts in (p.sources for p in patterns) if w]
        if any(not starts for _, starts in anywhere):
            raise ValueError("every anywhere-alternative of a line rule needs its start characters")
        return cls(
            "|".join(f"(?:{a})" for a in anchored),
            "|".join(f"(?:{w})" for w, _ in anywhere),
            "".join(sorted({c for _, starts in anywhere for c in starts})),
        )


# (kind, pattern, maximum line length the rule applies to, spares content): a rule that spares content
# never removes a sentence reporting a figure ("…技术支持服务3600余次,带动…12亿元。"), whatever words it has.
_SPARES = True
LINE_RULES: tuple[tuple[str, _LinePattern, int, bool], ...] = (
    (
        "breadcrumb",
        _LinePattern(
            r"(当前位置|您的位置|你的位置|所在位置|您现在的位置|您所在的位置|你现在的位置|现在位置|位置)\s*[:：]"
            r"|(\d{1,2}[.、]\s*)?(网站)?首页\s*(>|›|»|→|/|-\s)|(?=[^>›»]{1,16}[>›»])([^\s>›»。，,;；]{1,15}\s*(>>?|›|»)\s*){2,}[^>›»。，,;；]{0,40}$",
            None,
        ),
        100,
        _SPARES,
    ),
    (
        "widget",
        _LinePattern(
            r"((打印|关闭|返回|收藏|分享|点赞|在看|举报|回复|引用|楼主|沙发|板凳|地板|只看该作者|只看楼主|(?i:end))\s*)+$"
            r"|(打开|下载)\s*(?i:app)|([【\[]?(打印|关闭|我要纠错)(本页|窗口)?[】\]]?\s*)+$"
            r"|微信号\s*[:：]?\s*[\w-]+$|功能介绍\s|喜欢此内容的人还喜欢|预览时标签不可点",
            r"分享到|分享至|打印本页|关闭窗口|【\s*(打印|关闭|字体|字号)|返回顶部|加入收藏|扫一扫|上一篇|下一篇|上一条|下一条"
            r"|(字体|字号)\s*[:：]\s*【?\s*大|(浏览|阅读|点击)(次数|量|数)\s*[:：]|(阅读|查看)(全文|原文)\s*[>》»]*$"
            r"|点击上方.{0,6}(关注|蓝字)|长按(识别|扫描)",
            "分打关【返加扫上下字浏阅点查长",
        ),
        60,
        _SPARES,
    ),
    # page-view counters ("阅读:2,341", "浏览次数 1,208", "查看: 1,523 | 回复: 12"): noise, never body text
    (
        "metadata",
        _LinePattern(
            r"((阅读|浏览|点击|查看|访问|回复|评论)(量|数|次数|人次)?\s*[:：]?\s*[\d,.]+\s*[万wW]?\+?\s*(次|人次)?\s*[|｜/]?\s*)+$",
            None,
        ),
        60,
        not _SPARES,
    ),
    # page numbers of a PDF turned into text ("—3—", "- 4 -", "第 3 页 共 12 页")
    (
        "page_number",
        _LinePattern(r"[-—–－]+\s*\d{1,3}\s*[-—–－]+$|第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?$", None),
        20,
        not _SPARES,
    ),
    (
        "caption",
        _LinePattern(
            r"[(（]?(图片来源|图片来自|图片由|图/)|图\s*\d*\s*[:：为]",
            r"(?<!拍)摄(影)?\s*[)）]?$|(资料图片|资料图|供图|配图)\s*[)）]?$",
            "摄资供配",
        ),
        60,
        _SPARES,
    ),
    (
        "caption",
        _LinePattern(
            r"[^。，,;；:：“”!?！？]{2,30}(发言|致辞|讲话|合影|留影|座谈会|现场|签约仪式|揭牌仪式|新貌|全景|一角|鸟瞰图?|夜景|掠影)。?$"
            r"|[^。，,;；:：“”!?！？]{2,12}一行(参观|调研|考察|走访|视察|察看)[^。，,;；:：“”!?！？]{0,24}$",
            None,
        ),
        40,
        _SPARES,
    ),
    (
        "footer",
        _LinePattern(
            r"[(（\[【]?(地址|通讯地址|编辑部地址|联系地址|邮编|邮政编码|电话|联系电话|传真|网址|邮箱|电子邮箱|(?i:e-?mail)|责任编辑|编辑|审核"
            r"|校对|主办单位|承办单位|主办|承办|协办|主管|技术支持|报送|抄送|抄报|印发|报|送|发)\s*[:：|｜]|[(（]?共印\s*\d+\s*份[)）]?$",
            r"版权所有|©|公网安备|(?i:copyright|icp备|icp证|all rights reserved)",
            "版©公cCiIaA",
        ),
        120,
        _SPARES,
    ),
    ("byline", _LinePattern(r"(文|图|文/图|图/文|记者|通讯员|作者|撰稿)\s*[/:：]\s*\S", None), 30, _SPARES),
    (
        "spam",
        _LinePattern(
            r"\W*(?i:https?://|www\.)\S+\W*$|(广告|推广)\s*[:：]|(友情链接|热门标签|热门搜索|热门关键词|相关标签|标签|(?i:tags?))\s*[:：]",
            r"免责声明|转载请注明|如有侵权|版权归原作者|扫码关注|关注公众号|长按识别|点击(这里|此处|进入|查看)|【(广告|推广)】"
            r"|(?i:qq|微信|加微|v信)\s*[:：]?\s*\d{5,}|点此|免费(咨询|领取)|(热线|咨询|电话)\s*[:：]?\s*[48]00[-\s]?\d{3}[-\s]?\d{4}",
            "免转如版扫关长点【qQ微加vV热咨电",
        ),
        100,
        _SPARES,
    ),
    (
        "spam",
        _LinePattern(  # disclaimers run long: several sentences of legal text
            r"[【\[]?(免责声明|声明|版权声明)[】\]]?\s*[:：]?.{0,20}(本网|本站|本文|作者)",
            r"转载目的在于|不代表本(网|站)",
            "转不",
        ),
        500,
        _SPARES,
    ),
    (
        "spam",
        _LinePattern(
            None,
            r"博彩|娱乐城|赌场|百家乐|六合彩|时时彩|老虎机|真人娱乐|威尼斯人|新葡京|太阳城|棋牌|彩票(平台|网|开户)"
            r"|(开户|注册|首存)(即?送|优惠)|返水|代孕",
            "博娱赌百六时老真威新太棋彩开注首返代",
        ),
        200,
        not _SPARES,
    ),
)
# A line no rule matches (most lines of a page) is known after one anchored match and one search.
_ANY_LINE_RULE = _LinePattern.union([pattern for _, pattern, _, _ in LINE_RULES])
_LONGEST_RULE_LINE = max(max_length for _, _, max_length, _ in LINE_RULES)
# A sentence reporting a figure: never boilerplate for the rules that spare content.
_FIGURE_SENTENCE_RE = re.compile(r"[，,。；;].*\d|\d.*[，,。；;]")
_FIGURE_RE = re.compile(r"\d[\d.,]*\s*(亿|万|千|百|%|家|个|项|件|人|元|平方|倍|台|套|名|批|户|位)")
_BULLET_RE = re.compile(r"^\s*[-*•·▪●◆►]\s*\S")
_MENU_LINE_RE = re.compile(r"^([^|｜]{1,10}[|｜]){3,}[^|｜]{1,10}$")
_RELATED_HEADER_RE = re.compile(
    r"^[【\[]?(相关焦点|相关阅读|相关新闻|相关文章|相关链接|相关推荐|延伸阅读|推荐阅读|热点推荐|热门推荐|精彩推荐|猜你喜欢|更多阅读"
    r"|热门文章|热点新闻|热门新闻|最新文章|最新新闻|最新动态|图片新闻|点击排行|阅读排行|排行榜)[】\]]?\s*[:：]?$"
)
# A teaser under a related header: a headline, not prose ("成都高新区上半年GDP增长7.5%").
_TEASER_MAX = 40
_PROSE_END_RE = re.compile(r"[。！？!?]")
# Link farms and menus as one line: four or more short items separated by spaces, |, · or /.
_LINK_ITEM = r"[^\s|｜·/>›»→。，,;；:：!?！？“”]{1,8}"
_LINK_SEPARATOR = r"(?:\s*[|｜·/]\s*|\s+)"
_LINK_FARM_RE = re.compile(f"^{_LINK_ITEM}(?:{_LINK_SEPARATOR}{_LINK_ITEM}){{3,}}$")
_LINK_FARM_MAX = 80
_DIGIT_RE = re.compile(r"\d")  # a row of figures is a table, not a menu
_BODY_LINE_MIN = 20
_MENU_ITEM_MAX = 20
_MIN_MENU_RUN = 3
_SHORT_TOP_ITEM_MAX = 8
_MIN_SHORT_TOP_RUN = 4
_TOP_LINES = 30
_FOOTER_ORG_MAX = 30
_TRAILING_CAPTION_RE = re.compile(r"(?<=[。！？!?])([^。！？!?]{2,30})$")


def find_boilerplate(lines: list[str], repeated_lines: frozenset[str] = frozenset()) -> dict[int, str]:
    """Index -> kind for every line that is not article text (lines keep their indentation)."""
    own_kinds = [line_kind(line.strip()) for line in lines]
    kinds: dict[int, str] = {}
    for found in (_navigation(lines), _link_farms(lines), _related_lists(lines), _footer_blocks(lines, own_kinds)):
        for index, kind in found.items():
            kinds.setdefault(index, kind)
    for index, line in enumerate(lines):
        if index in kinds or not line.strip():
            continue
        kind = "repeated" if line.strip() in repeated_lines else own_kinds[index]
        if kind:
            kinds[index] = kind
    return kinds


def reports_figure(line: str) -> bool:
    """A sentence reporting a figure ("…实现营业收入1200亿元,…"): article text, whatever else it holds."""
    return bool(_FIGURE_SENTENCE_RE.search(line) and _FIGURE_RE.search(line))


def line_kind(line: str) -> str | None:
    """The boilerplate kind of one stripped line judged on its own, or None for article text."""
    if not line or len(line) > _LONGEST_RULE_LINE or not _ANY_LINE_RULE.search(line):
        return None
    figure_line = None
    for kind, pattern, max_length, spares_content in LINE_RULES:
        if len(line) <= max_length and pattern.search(line):
            if spares_content:
                if figure_line is None:
                    figure_line = reports_figure(line)
                if figure_line:
                    continue
            return kind
    return None


def trim_trailing_caption(line: str) -> tuple[str, str | None]:
    """A photo caption glued after a paragraph's last sentence ("…互通。张三处长在座谈会上发言")."""
    match = _TRAILING_CAPTION_RE.search(line)
    if match and line_kind(match.group(1).strip()) == "caption":
        return line[: match.start()], match.group(1)
    return line, None


def _navigation(lines: list[str]) -> dict[int, str]:
    """Runs of short bullet items (site menus), `a | b | c | d` menus, short-item runs at the top."""
    kinds = {i: "navigation" for i, line in enumerate(lines) if _MENU_LINE_RE.match(line.strip())}
    for start, end in _runs(lines, _is_menu_item):
        if end - start >= _MIN_MENU_RUN:
            kinds.update(dict.fromkeys(range(start, end), "navigation"))
    for start, end in _runs(lines[:_TOP_LINES], _is_short_top_item):
        if end - start >= _MIN_SHORT_TOP_RUN:
            kinds.update(dict.fromkeys(range(start, end), "navigation"))
    return kinds


def _related_lists(lines: list[str]) -> dict[int, str]:
    """A "相关阅读"-style header and the bulleted or indented link teasers under it."""
    kinds: dict[int, str] = {}
    for index, line in enumerate(lines):
        if not _RELATED_HEADER_RE.match(line.strip()):
            continue
        kinds[index] = "related"
        for follower in range(index + 1, len(lines)):
            text = lines[follower]
            if text.strip() and not (_BULLET_RE.match(text) or text[:1].isspace() or _is_teaser(text.strip())):
                break
            if text.strip():
                kinds[follower] = "related"
    return kinds


def _is_teaser(line: str) -> bool:
    return len(line) <= _TEASER_MAX and not _PROSE_END_RE.search(line)


def _link_farms(lines: list[str]) -> dict[int, str]:
    """One-line menus and tag clouds above the first or below the last body sentence (in between, a
    heading such as "建平台 兴产业 聚人才 优环境" is article text)."""
    body = [i for i, line in enumerate(lines) if len(line) >= _BODY_LINE_MIN and _PROSE_END_RE.search(line)]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    kinds = {}
    for index, line in enumerate(lines):
        if first <= index <= last:
            continue
        stripped = line.strip()
        if len(stripped) <= _LINK_FARM_MAX and not _DIGIT_RE.search(stripped) and _LINK_FARM_RE.match(stripped):
            kinds[index] = "navigation"
    return kinds


def _footer_blocks(lines: list[str], own_kinds: list[str | None]) -> dict[int, str]:
    """A blank-line-delimited block made mostly of footer fields goes whole (with its org name)."""
    kinds: dict[int, str] = {}
    for start, end in _runs(lines, lambda line: bool(line.strip())):
        footer_fields = sum(kind == "footer" for kind in own_kinds[start:end])
        if footer_fields * 2 < end - start:
            continue
        for index in range(start, end):
            line = lines[index].strip()
            if own_kinds[index] == "footer" or (len(line) <= _FOOTER_ORG_MAX and _NO_SENTENCE_RE.match(line)):
                kinds[index] = "footer"
    return kinds


def _is_menu_item(line: str) -> bool:
    stripped = line.strip()
    return bool(_BULLET_RE.match(line)) and len(stripped) <= _MENU_ITEM_MAX and bool(_NO_SENTENCE_RE.match(stripped))


def _is_short_top_item(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= _SHORT_TOP_ITEM_MAX and bool(_NO_SENTENCE_RE.match(stripped))


def _runs(lines: list[str], predicate) -> list[tuple[int, int]]:
    """[start, end) ranges of consecutive lines satisfying `predicate`."""
    runs, start = [], None
    for index, line in enumerate([*lines, None]):
        if line is not None and predicate(line):
            start = index if start is None else start
        elif start is not None:
            runs.append((start, index))
            start = None
    return runs
