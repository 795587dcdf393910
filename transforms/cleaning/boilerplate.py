"""Find the lines of a page that are not the article: menus, breadcrumbs, share widgets, photo
captions, footers, link spam, related-link lists, and lines the corpus repeats on every page.

Rules are data (kind, pattern, longest line they may apply to) so that adding a site's quirk is a
one-line change; block rules cover what only shows as a run of lines (menus, footers, link lists).
"""
from __future__ import annotations

import re

_SENTENCE_PUNCTUATION = "。！？!?；;，,"
_NO_SENTENCE_RE = re.compile(f"^[^{_SENTENCE_PUNCTUATION}“”:：]*$")

# (kind, pattern, maximum line length the rule applies to)
LINE_RULES: tuple[tuple[str, re.Pattern, int], ...] = (
    ("breadcrumb", re.compile(r"^(当前位置|您的位置|你的位置|所在位置|您现在的位置)\s*[:：]|^首页\s*(>|›|»|→|/)"), 100),
    ("widget", re.compile(
        r"分享到|分享至|打印本页|关闭窗口|【\s*(打印|关闭|字体)|返回顶部|加入收藏|扫一扫|上一篇|下一篇"
        r"|(字体|字号)\s*[:：]\s*【?\s*大|(浏览|阅读|点击)(次数|量|数)\s*[:：]|^(打印|关闭|返回|收藏|分享)$"), 60),
    ("caption", re.compile(
        r"(?<!拍)摄(影)?\s*[)）]?$|(资料图片|资料图|供图|配图)\s*[)）]?$|^[(（]?(图片来源|图片来自|图片由|图/)"
        r"|^图\s*\d*\s*[:：为]"), 60),
    ("caption", re.compile(
        r"^[^。，,;；:：“”!?！？]{2,30}(发言|致辞|讲话|合影|留影|座谈会|现场|签约仪式|揭牌仪式|新貌|全景|一角|鸟瞰图?|夜景|掠影)。?$"
        r"|^[^。，,;；:：“”!?！？]{2,12}一行(参观|调研|考察|走访|视察|察看)[^。，,;；:：“”!?！？]{0,24}$"), 40),
    ("footer", re.compile(
        r"^(地址|通讯地址|编辑部地址|联系地址|邮编|邮政编码|电话|联系电话|传真|网址|邮箱|电子邮箱|e-?mail|责任编辑|编辑|审核"
        r"|校对|主办单位|承办单位|技术支持)\s*[:：]|版权所有|copyright|©|icp备|公网安备|all rights reserved", re.I), 120),
    ("byline", re.compile(r"^(文|图|文/图|图/文|记者|通讯员|作者|撰稿)\s*[/:：]\s*\S"), 30),
    ("spam", re.compile(
        r"^\W*(https?://|www\.)\S+\W*$|免责声明|转载请注明|如有侵权|版权归原作者|扫码关注|关注公众号|长按识别"
        r"|点击(这里|此处|进入|查看)|^(广告|推广)\s*[:：]|【(广告|推广)】|(qq|微信|加微|v信)\s*[:：]?\s*\d{5,}", re.I), 100),
    ("spam", re.compile(
        r"博彩|娱乐城|赌场|百家乐|六合彩|时时彩|老虎机|真人娱乐|威尼斯人|新葡京|太阳城|棋牌|彩票(平台|网|开户)"
        r"|(开户|注册|首存)(即?送|优惠)|返水|代孕"), 200),
)
_BULLET_RE = re.compile(r"^\s*[-*•·▪●◆►]\s*\S")
_MENU_LINE_RE = re.compile(r"^([^|｜]{1,10}[|｜]){3,}[^|｜]{1,10}$")
_RELATED_HEADER_RE = re.compile(
    r"^(相关焦点|相关阅读|相关新闻|相关文章|相关链接|延伸阅读|推荐阅读|热点推荐|热门推荐|精彩推荐|猜你喜欢|更多阅读)\s*[:：]?$")
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
    for found in (_navigation(lines), _related_lists(lines), _footer_blocks(lines, own_kinds)):
        for index, kind in found.items():
            kinds.setdefault(index, kind)
    for index, line in enumerate(lines):
        if index in kinds or not line.strip():
            continue
        kind = "repeated" if line.strip() in repeated_lines else own_kinds[index]
        if kind:
            kinds[index] = kind
    return kinds


def line_kind(line: str) -> str | None:
    """The boilerplate kind of one stripped line judged on its own, or None for article text."""
    if not line:
        return None
    for kind, pattern, max_length in LINE_RULES:
        if len(line) <= max_length and pattern.search(line):
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
            if text.strip() and not (_BULLET_RE.match(text) or text[:1].isspace()):
                break
            if text.strip():
                kinds[follower] = "related"
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
