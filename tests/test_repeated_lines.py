"""Corpus-level boilerplate: lines that repeat across many documents of one batch."""

from __future__ import annotations

from flows.batch import clean_one
from transforms.cleaning.repeated import find_repeated_lines

SITE_FOOTER = "本页面由高新区融媒体中心维护"
SHARED_FIGURE = "2022年,全区实现营业收入1200亿元,同比增长8.5%。"


def corpus(n: int) -> list[str]:
    return [
        f"第{i}号新闻标题\n发布时间:2023-05-{i + 1:02d}\n园区第{i}条新闻正文,报道企业动态和项目进展情况。\n"
        f"{SHARED_FIGURE}\n{SITE_FOOTER}"
        for i in range(n)
    ]


def test_a_line_on_many_pages_is_found_but_a_figure_sentence_is_not():
    repeated = find_repeated_lines(corpus(6))
    assert SITE_FOOTER in repeated
    assert SHARED_FIGURE not in repeated
    assert not any("第" in line and "号新闻标题" in line for line in repeated)


def test_too_few_documents_are_no_evidence():
    assert find_repeated_lines(corpus(2)) == frozenset()
    # 3 pages of 100 is below the 5 % share
    assert SITE_FOOTER not in find_repeated_lines(corpus(3) + [f"其他网站新闻{i}\n正文。" for i in range(97)])


def test_cleaning_drops_repeated_lines_and_records_them():
    texts = corpus(6)
    doc, error = clean_one(texts[0], find_repeated_lines(texts))
    assert error is None
    assert SITE_FOOTER not in doc.clean_text and SHARED_FIGURE in doc.clean_text
    removed = [r for r in doc.repairs if r.get("step") == "removed_lines" and r.get("kind") == "repeated"]
    assert removed and removed[0]["lines"] == [SITE_FOOTER]
