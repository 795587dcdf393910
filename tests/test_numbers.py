"""Number + unit parsing: values in base units, and the forms that are not levels."""

import pytest

from transforms.numbers import CNY, COUNT, MULTIPLE, PERCENT, chinese_to_number, find_quantities


def only(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("277.06亿元", 27706000000, CNY),
        ("1,234.5亿元", 123450000000, CNY),
        ("27887万元", 278870000, CNY),
        ("5千万元", 50000000, CNY),
        ("3.5万亿元", 3.5e12, CNY),
        ("千亿元", 1e11, CNY),
        ("万亿元", 1e12, CNY),
        ("一千二百亿元", 1.2e11, CNY),
        ("1042家", 1042, COUNT),
        ("一千零四十二家", 1042, COUNT),
        ("两千家", 2000, COUNT),
        ("1.2万家", 12000, COUNT),
        ("58个", 58, COUNT),
        ("3所", 3, COUNT),
        ("4.1%", 4.1, PERCENT),
        ("4.1％", 4.1, PERCENT),
        ("百分之四点一", 4.1, PERCENT),
        ("百分之15", 15, PERCENT),
        ("4.35倍", 4.35, MULTIPLE),
        ("9000多亿元", 9e11, CNY),
        ("2000多万元", 2e7, CNY),
        ("1200余万元", 1.2e7, CNY),
    ],
)
def test_value_in_base_units(text, value, unit):
    q = only(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert (q.start, q.end) == (0, len(text))


def test_spaces_and_more_inside_the_quantity():
    text = "等企业 2000 多家。"
    q = only(text)
    assert (q.value, q.unit, q.more) == (2000, COUNT, True)
    assert text[q.start : q.end] == "2000 多家"


def test_yu_means_more_than():
    assert only("1100余家").more


def test_near_hundred_is_one_hundred():
    text = "近百家企业"
    q = only(text)
    assert q.value == 100 and text[q.start : q.end] == "百家"


@pytest.mark.parametrize(
    "text",
    [
        "约占全国1/9",  # a share, no unit
        "贡献了潍坊市1/4的高新技术产值",
        "提高0.5个百分点",  # a change in points
        "第一个以农牧为特色",  # an ordinal
        "亿元以上重大项目",  # bare 亿 is not a number
        "万元GDP能耗",
        "500亿级主导产业",  # class label without 元
        "2021年10月18日",  # a date
        "电话:(010)88656173",  # a phone number
        "总第546期",
        "规划24平方公里,平场1500亩",
        "共计1100余人",
        "数百家企业",  # vague amounts
        "上千家企业",
        "几十家",
        "成百上千家",
        "出口额10亿美元,",  # another currency
        "1.2亿人次,",
        "实现营业收入1234亿",  # a page cut after 亿: could have been 亿美元
    ],
)
def test_not_a_quantity(text):
    assert find_quantities(text) == []


def test_range_ends_are_not_levels():
    assert [q.value for q in find_quantities("活动3-5个,政策2-3项")] == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("一千零四十二", 1042),
        ("两千", 2000),
        ("千亿", 1e11),
        ("三万亿", 3e12),
        ("四点一", 4.1),
        ("十二", 12),
        ("一亿二千万", 1.2e8),
        ("百", 100),
    ],
)
def test_chinese_numerals(text, value):
    assert chinese_to_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text, value",
    [("营收超4000亿,", 4e11), ("规上工业增加值达到560亿,", 5.6e10), ("突破1.2万亿。", 1.2e12), ("千亿左右", 1e11)],
)
def test_money_in_yi_without_yuan(text, value):
    q = only(text)
    assert (q.value, q.unit) == (pytest.approx(value), CNY)
    assert text[q.start : q.end].endswith("亿")


def test_vague_prefix_does_not_hide_arabic_numbers():
    assert [q.value for q in find_quantities("省级以上100家")] == [100]


@pytest.mark.parametrize(
    "text, value", [("营业收入 1 250.6 亿元", 1.2506e11), ("企业 12 345 家", 12345), ("营收1\u2009234亿元", 1.234e11)]
)
def test_digit_groups_split_by_spaces(text, value):
    assert only(text).value == pytest.approx(value)


def test_space_before_a_number_after_a_year_is_not_a_group():
    assert [q.value for q in find_quantities("2022年 500亿元")] == [5e10]
