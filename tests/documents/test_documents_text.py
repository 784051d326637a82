"""Pure pieces of the writer: title breaking, mark-up, punctuation."""

from __future__ import annotations

import itertools

import pytest

from hzconsole.cells import NO_LINE_END, NO_LINE_START
from hzconsole.documents.gongwen.markup import MarkupError, cn_numeral, parse
from hzconsole.documents.gongwen.measure import width_em
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
        "各村\uff08社区\uff09\uff1a请于08:30到达\uff0c共1,200人\uff1b\u201c清四乱\u201d\uff01"
    )
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
    assert [h.number for h in heads] == [
        "一、",
        "\uff08一\uff09",
        "1.",
        "8.",
        "\uff081\uff09",
        "二、",
        "\uff08一\uff09",
    ]
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


def test_table_columns_keep_dates_and_headers_whole():
    from hzconsole.documents.gongwen.markup import CELL_PADDING_PT, TABLE_TEXT_PT, TEXT_WIDTH_PT

    parsed = parse(
        "| 序号 | 公示牌编号 | 河湖(河段) | 设置位置 | 内容更新日期 | 河长调整日期 | 超期 "
        "|\n|---|---|---|---|---|---|---|\n"
        "| 1 | QS-014 | 柳溪高岭村段 | 社区居委会渡口 | 2022年12月12日 | 2023年12月22日 | 是 |\n"
    )
    table = parsed.body[0]
    assert isinstance(table, Table)
    pad = CELL_PADDING_PT / TABLE_TEXT_PT
    widths = [w - pad for w in table.widths]
    assert abs(sum(table.widths) * TABLE_TEXT_PT - TEXT_WIDTH_PT) < 0.01  # the text block's width
    assert widths[4] >= width_em("2022年12月12日") and widths[5] >= width_em("2023年12月22日")
    assert widths[0] >= 2  # 序号 on one line
    for head, w in zip(table.rows[0], widths, strict=True):
        lines = head.split("\n")
        assert all(width_em(line) <= w + 0.01 for line in lines), head
        assert all(len(line) >= 2 for line in lines), head  # broken between words, not letters
    assert table.rows[0][2] == "河湖\n\uff08河段\uff09"  # measured and printed full width


def test_rates_and_numbers_as_a_clerk_writes_them():
    from hzconsole.documents.templating import _num, pct

    assert [pct(x) for x in (1, 0.75, 0.5833, 0.617)] == ["100%", "75%", "58.3%", "61.7%"]
    assert pct(0.9996) == "99.9%" and pct(0.0001) == "0.1%" and pct(0) == "0%"  # never rounds to 100% / 0%
    assert [_num(x, 0) for x in (1970.0, 1971.6)] == ["1970", "1972"] and _num(142.7) == "142.7"


def test_summary_phrases():
    from hzconsole.documents.kinds.summary import _counts, categories_text, rates_text

    assert _counts({"巡河员": 6, "保洁员": 0, "民间河长": 2}, "名") == "巡河员6名、民间河长2名"
    assert rates_text({"县级": 1.0, "镇级": 0.75}) == "县级、镇级河长巡河达标率分别为100%、75%"
    assert rates_text({"镇级": 0.75}) == "镇级河长巡河达标率75%"
    text = categories_text({"乱占": 2, "乱采": 0, "乱堆": 1, "乱建": 0, "黑臭水体": 3, "非法采砂": 1, "其他": 0})
    assert text == "\u201c四乱\u201d问题3个(乱占2个、乱堆1个)、黑臭水体3处、非法采砂1起"


def test_circular_periods_by_their_dates():
    from datetime import date

    from hzconsole.documents.kinds.circular import (
        behind_text,
        gaps_text,
        shortfall_label,
        shortfalls_text,
    )
    from hzconsole.rules.compliance import PeriodResult
    from hzconsole.rules.periods import period_of

    week = PeriodResult(period_of("week", date(2024, 10, 2)), 0, 1)
    xun = PeriodResult(period_of("xun", date(2024, 10, 15)), 0, 1)
    month = PeriodResult(period_of("month", date(2024, 10, 15)), 2, 4)
    assert shortfall_label(week) == "9月30日\u201410月6日当周未巡河"
    assert shortfall_label(xun) == "10月中旬未巡河"
    assert shortfall_label(month) == "10月巡河2次(应4次)"
    assert shortfalls_text([xun, month]) == "10月巡河2次(应4次)、10月中旬未巡河"  # the month first
    assert gaps_text([week]) == "有1周未巡河"
    behind = [
        {"name": "雷新", "level": "镇级", "done": 2, "required": 4, "gaps": ""},
        {"name": "向金成", "level": "村级", "done": 5, "required": 4, "gaps": "有1周未巡河"},
    ]
    assert behind_text(behind, county=1) == "县级河长1名,镇级河长雷新巡河2次(应巡4次),村级河长向金成有1周未巡河"


def test_periods_named_as_a_report_of_the_year_names_them():
    from datetime import date

    from hzconsole.rules.periods import period_of, short_label

    assert short_label(period_of("week", date(2024, 10, 2)), 2024) == "9月30日\u201410月6日"
    assert short_label(period_of("week", date(2024, 10, 9)), 2024) == "10月7日\u201413日"
    assert short_label(period_of("week", date(2024, 12, 31)), 2024) == "12月30日\u20142025年1月5日"
    assert short_label(period_of("xun", date(2024, 10, 15)), 2024) == "10月中旬"
    assert short_label(period_of("quarter", date(2024, 8, 1)), 2024) == "第三季度"
    assert short_label(period_of("month", date(2023, 12, 1)), 2024) == "2023年12月"


def test_punctuation_folds_only_in_chinese_prose():
    """Issue 13 point 6: addresses, Latin abbreviations and Latin text keep their marks."""
    assert fullwidth("详见 https://www.example.com/a,b?x=1,或登录河长制(RCS)系统。") == (
        "详见 https://www.example.com/a,b?x=1\uff0c或登录河长制(RCS)系统。"
    )
    assert fullwidth("网址:www.hz.gov.cn,邮箱 hzb@qq.com;请") == (
        "网址\uff1awww.hz.gov.cn\uff0c邮箱 hzb@qq.com\uff1b请"
    )
    assert fullwidth("Tel: 0731, fax (GIS)") == "Tel: 0731, fax (GIS)"
    assert fullwidth("(1)加强巡查,张三(13800000000)") == ("\uff081\uff09加强巡查\uff0c张三\uff0813800000000\uff09")
    assert fullwidth('He said "ok"') == 'He said "ok"'
    assert fullwidth("图1(a)所示") == "图1(a)所示"


def test_numbered_lines_and_bars_are_text_unless_marked():
    """A line typed as 一、… or (一)… stays a paragraph (only # makes a heading); a line that
    starts with a bar is a table row only between bars with two cells at least."""
    parsed = parse(
        "---\n一、总体要求\n\uff08一\uff09加强领导。各村要重视。\n| 注意事项\n|---|\n"
        "# 工作措施\n| 层级 | 人数 |\n|---|---|\n| 镇级 | 3 |"
    )
    kinds = [type(b).__name__ for b in parsed.body]
    assert kinds == ["Paragraph", "Paragraph", "Paragraph", "Paragraph", "Heading", "Table"]
    assert parsed.body[0].text == "一、总体要求"
    assert parsed.body[2].text == "| 注意事项"
    assert parsed.body[-1].rows == [["层级", "人数"], ["镇级", "3"]]


@pytest.mark.parametrize(
    "title, whole",
    [
        ("关于开展全镇入河排污口排查整治专项行动的通知", "入河排污口"),
        ("关于开展黑臭水体和入河排污口专项整治工作的通知", "入河排污口"),
        ("青石镇关于2024年河道采砂和水域岸线管理保护专项整治行动的实施方案", "水域岸线"),
        ("关于印发青石镇全面推行河湖长制水生态修复工作方案的通知", "水生态"),
    ],
)
def test_title_breaks_keep_noun_phrases_whole(title, whole):
    """Issue 13 point 7: the segmenter's parts of speech keep a compound whole (入河|排污口
    was a break between two words of one noun phrase)."""
    lines = break_title(fullwidth(title), 17.5, keep_words=["青石镇"])
    assert len(lines) >= 2 and "".join(lines) == title
    assert any(whole in line for line in lines), lines


def test_latin_widths_are_times_new_roman():
    assert width_em("WT2024-001") > 5.3  # W and T wider than half an em; digits exactly half
    assert width_em("2024") == 2.0 and width_em("\u6cb3\u957f") == 2.0
