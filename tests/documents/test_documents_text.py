"""Pure pieces of the writer: title breaking, mark-up, punctuation."""

from __future__ import annotations

import itertools

import pytest

from hzconsole.documents.gongwen.markup import MarkupError, cn_numeral, parse
from hzconsole.documents.gongwen.measure import NO_LINE_END, NO_LINE_START, width_em
from hzconsole.documents.gongwen.model import Heading, Paragraph, Table
from hzconsole.documents.gongwen.punct import fullwidth
from hzconsole.documents.gongwen.title import break_title

TITLES = [
    "关于印发《湘阴县樟树镇2024年实施河湖长制工作计划》的通知",
    "青石镇河长制办公室关于2024年10月全镇河长巡河情况的通报",
    "关于进一步加强全镇河湖“清四乱”常态化规范化管理和河湖长制考核评价工作的通知",
    "关于对青石河白沙村段违规堆放建筑垃圾问题的督办单",
]
WORDS = ["河湖长制", "工作计划", "2024年", "樟树镇", "常态化", "规范化", "白沙村", "建筑垃圾", "考核评价", "10月"]


@pytest.mark.parametrize("title", TITLES)
def test_long_titles_break_into_a_balanced_shape_between_words(title):
    lines = break_title(fullwidth(title), 20, keep_words=["樟树镇", "湘阴县", "白沙村", "青石河"])
    assert "".join(lines) == fullwidth(title) and len(lines) >= 2
    widths = [width_em(line) for line in lines]
    assert max(widths) <= 20
    assert max(widths) - min(widths) <= 8  # balanced, not one full line and a stub
    for i in range(1, len(widths) - 1):
        assert not (widths[i] < widths[i - 1] and widths[i] < widths[i + 1])  # no hourglass
    for a, b in itertools.pairwise(lines):
        assert b[0] not in NO_LINE_START and a[-1] not in NO_LINE_END
        for word in WORDS:  # no word is cut by the break
            joined = a + b
            at = len(a)
            start = joined.find(word)
            while start >= 0:
                assert not (start < at < start + len(word)), (word, a, b)
                start = joined.find(word, start + 1)


def test_short_title_stays_on_one_line():
    assert break_title("青石镇2024年河长制工作总结") == ["青石镇2024年河长制工作总结"]


def test_two_line_titles_prefer_a_trapezoid():
    lines = break_title(fullwidth(TITLES[0]), 20)
    assert width_em(lines[0]) <= width_em(lines[1])


def test_punctuation_becomes_full_width_except_between_digits():
    assert fullwidth('各村(社区):请于08:30到达,共1,200人;"清四乱"!') == (
        "各村\uff08社区\uff09\uff1a请于08:30到达\uff0c共1,200人\uff1b\u201c清四乱\u201d\uff01")
    assert fullwidth("1.5公里") == "1.5公里"


def test_markup_headings_tables_and_attachments():
    parsed = parse(
        "标题:关于X的通知\n主送:各村\n---\n开头一段。\n# 总体要求\n## 加强领导。各村要重视。\n"
        "### 落实责任\n### 8.手写编号\n#### 细项\n# 工作措施\n## 第二部分\n"
        "表题:表1 统计\n| 层级 | 人数 |\n|---|---|\n| 镇级 | 3 |\n【附件】名单\n| 序号 | 姓名 |\n| 1 | 张三 |\n"
    )
    assert parsed.header == {"title": "关于X的通知", "recipients": "各村"}
    kinds = [type(b).__name__ for b in parsed.body]
    assert kinds == ["Paragraph", "Heading", "Heading", "Heading", "Heading", "Heading", "Heading", "Heading", "Table"]
    heads = [b for b in parsed.body if isinstance(b, Heading)]
    assert [h.number for h in heads] == ["一、", "\uff08一\uff09", "1.", "8.", "\uff081\uff09", "二、", "\uff08一\uff09"]
    assert heads[1].title == "加强领导\u3002" and heads[1].text == "各村要重视\u3002"
    table = parsed.body[-1]
    assert isinstance(table, Table) and table.header_rows == 1 and table.caption == "表1 统计"
    assert parsed.attachments[0].title == "名单"
    assert isinstance(parsed.attachments[0].blocks[0], Table) and parsed.attachments[0].blocks[0].header_rows == 0
    assert isinstance(parsed.body[0], Paragraph)


def test_markup_errors_name_the_line():
    with pytest.raises(MarkupError, match="第2行"):
        parse("标题:X\n题目:Y\n---\n正文")
    with pytest.raises(MarkupError, match="第3行"):
        parse("正文\n\n##\n")


def test_chinese_numerals():
    assert [cn_numeral(n) for n in (1, 9, 10, 12, 20, 23)] == ["一", "九", "十", "十二", "二十", "二十三"]


def test_blank_lines_between_table_rows_keep_one_table():
    """A template's {% for %} / {% endfor %} lines render as blank lines between the rows:
    they must not cut the table into one-row tables (each with its own column widths)."""
    parsed = parse("| 序号 | 姓名 |\n|---|---|\n\n| 1 | 张三 |\n\n| 2 | 李四 |\n\n正文。\n| 甲 | 乙 |\n")
    tables = [b for b in parsed.body if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [3, 1]
    assert tables[0].header_rows == 1 and tables[0].rows[2] == ["2", "李四"]
