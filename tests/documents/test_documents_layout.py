"""The writer's own line and page breaking (documents/gongwen/layout.py), without rendering:
the rendered comparison is in test_documents_pdf.py."""

from __future__ import annotations

from hzconsole.cells import NO_LINE_START
from hzconsole.documents.gongwen import page as pg
from hzconsole.documents.gongwen.layout import CAPACITY, Flow, break_lines
from hzconsole.documents.gongwen.punct import fullwidth

BODY_FIRST = pg.TEXT_WIDTH - pg.chars(2)


def test_full_lines_hold_28_characters_and_the_first_26():
    lines = break_lines("河" * 100, 16, BODY_FIRST, pg.TEXT_WIDTH)
    assert [len(line) for line in lines] == [26, 28, 28, 18]


def test_lines_break_as_libreoffice_renders_them():
    """The breaks LibreOffice (rendering as Word) made in the demo's 通报, line for line."""
    text = fullwidth(
        "2024年10月,全镇纳入考核的河长共37名,累计巡河229次,达到巡河频次要求的34名,"
        "达标率91.9%。其中镇级河长15名,达标13名,达标率86.7%;村级河长22名,达标21名,达标率95.5%。"
    )
    assert break_lines(text, 16, BODY_FIRST, pg.TEXT_WIDTH) == [
        "2024年10月\uff0c全镇纳入考核的河长共37名\uff0c累计巡河229",
        "次\uff0c达到巡河频次要求的34名\uff0c达标率91.9%\u3002其中镇级河长15",
        "名\uff0c达标13名\uff0c达标率86.7%\uff1b村级河长22名\uff0c达标21名\uff0c达标",
        "率95.5%\u3002",
    ]


def test_closing_punctuation_never_starts_a_line():
    text = "河" * 28 + "\uff0c" + "湖" * 26 + "\u3002\u201d" + "长" * 40
    lines = break_lines(text, 16, pg.TEXT_WIDTH, pg.TEXT_WIDTH)
    assert all(line[0] not in NO_LINE_START for line in lines[1:])
    assert lines[0] == "河" * 27 and lines[1].startswith("河\uff0c")  # the 28th goes down with its comma


def test_numbers_are_not_split():
    lines = break_lines("河" * 27 + "12345", 16, pg.TEXT_WIDTH, pg.TEXT_WIDTH)
    assert lines == ["河" * 27, "12345"]


def test_pages_hold_22_lines_and_glued_lines_move_together():
    flow = Flow()
    flow.paragraph([pg.LINE_PITCH] * 21, tag="body", text="正文")
    flow.paragraph([pg.LINE_PITCH], tag="heading", text="一、标题", keep_next=True)
    flow.paragraph([pg.LINE_PITCH] * 3, tag="body", text="下文")
    placed = flow.paginate()
    assert 22 * pg.LINE_PITCH <= CAPACITY < 23 * pg.LINE_PITCH
    heading = next(p for p in placed if p.line.tag == "heading")
    assert (heading.page, heading.y) == (2, 0)  # not left alone at the foot of page 1


def test_kept_paragraph_moves_its_last_two_lines_in_word_and_whole_in_libreoffice():
    flow = Flow()
    flow.paragraph([pg.LINE_PITCH] * 15, tag="body", text="前文")
    flow.paragraph([pg.LINE_PITCH] * 6, tag="body", text="末段")
    flow.keep_last_item()
    flow.paragraph([pg.LINE_PITCH], tag="signature", text="署名", keep_next=True)
    flow.paragraph([pg.LINE_PITCH], tag="date", text="日期")
    word = [p.page for p in flow.paginate()]
    lo = [p.page for p in flow.paginate(libreoffice=True)]
    assert word[15:21] == [1, 1, 1, 1, 2, 2] and lo[15:21] == [2] * 6
    assert word[-1] == lo[-1] == 2


def test_table_rows_do_not_split_and_the_header_repeats():
    flow = Flow()
    flow.paragraph([pg.LINE_PITCH] * 20, tag="body", text="前文")
    flow.table([410, 410, 820, 410], header_rows=1)
    placed = flow.paginate()
    rows = [p for p in placed if p.line.table]
    assert [r.page for r in rows] == [1, 1, 2, 2]
    assert rows[2].y == 410  # below the repeated header row


def test_page_break_before_and_end():
    flow = Flow()
    flow.paragraph([pg.LINE_PITCH] * 3, tag="body", text="正文")
    flow.paragraph([pg.LINE_PITCH], tag="label", text="附件", page_break=True)
    assert flow.end() == (2, CAPACITY - pg.LINE_PITCH)
