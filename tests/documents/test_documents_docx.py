"""Every generated .docx read back with python-docx: page, margins, fonts per element,
文号 and date formats, and the fixes to python-docx's default template."""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from hzconsole.documents.gongwen import page as pg
from hzconsole.documents.gongwen.measure import width_em

KINDS = ["notice", "plan", "circular", "announcement", "assignment", "summary", "summary_windows"]
GB2312 = {"body": "仿宋_GB2312", "kai": "楷体_GB2312", "hei": "黑体", "title": "方正小标宋简体"}
WINDOWS = {"body": "仿宋", "kai": "楷体", "hei": "黑体", "title": "宋体"}


def fonts_of(name: str) -> dict[str, str]:
    return WINDOWS if name.endswith("windows") else GB2312


def east_asian(run) -> str | None:
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def paragraphs(document, style_id: str):
    return [p for p in document.paragraphs if p.style.style_id == style_id]


@pytest.fixture(params=KINDS)
def doc(request, generated):
    item = generated[request.param]
    return request.param, item, docx.Document(str(item.docx))


def test_page_size_and_margins(doc):
    _name, _item, d = doc
    for section in d.sections:
        assert section.page_width.twips == 11906 and section.page_height.twips == 16838
        assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
        assert (section.left_margin.twips, section.right_margin.twips) == (1588, 1474)
        assert section._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"


def test_every_run_names_its_east_asian_font_and_size(doc):
    name, _item, d = doc
    allowed = set(fonts_of(name).values()) | {"宋体"}
    runs = [r for p in d.paragraphs for r in p.runs]
    runs += [r for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        assert east_asian(run) in allowed, run.text
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:hint")) == "eastAsia"
        assert fonts.get(qn("w:ascii")) in ("Times New Roman", "宋体")
        assert run.font.size is not None


def test_no_theme_fonts_and_chinese_language(doc):
    _name, _item, d = doc
    styles = d.styles.element
    xml = styles.xml
    assert "asciiTheme" not in xml and "eastAsiaTheme" not in xml and "hAnsiTheme" not in xml
    lang = styles.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    normal = d.styles["Normal"]
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == fonts_of(_name)["body"]
    assert normal.element.pPr.find(qn("w:widowControl")).get(qn("w:val")) == "0"


def test_elements_fonts_and_sizes(doc):
    name, item, d = doc
    f = fonts_of(name)
    mark = paragraphs(d, "GwMark")[0]
    assert east_asian(mark.runs[0]) == f["title"]
    assert mark.runs[0].font.color.rgb is not None and str(mark.runs[0].font.color.rgb) == "FF0000"
    title = paragraphs(d, "GwTitle")[0]
    assert all(east_asian(r) == f["title"] and r.font.size == Pt(22) for r in title.runs)
    shown = "".join(r.text for r in title.runs)
    assert shown.replace("\n", "") == item.result.title
    assert all(width_em(line) <= 20 for line in shown.split("\n"))
    for style, role in (("GwHeading1", "hei"), ("GwHeading2", "kai"), ("GwHeading3", "body"), ("GwHeading4", "body")):
        for p in paragraphs(d, style):
            assert east_asian(p.runs[0]) == f[role]
            assert p.runs[0].font.size == Pt(16)
            assert not p.runs[0].font.bold
    for p in paragraphs(d, "GwBody"):
        for r in p.runs:
            assert east_asian(r) == f["body"] and r.font.size == Pt(16)
    imprint = [p for row in d.tables[-1].rows for p in row.cells[0].paragraphs]
    assert imprint and all(p.style.style_id == "GwImprint" for p in imprint)
    for p in imprint:
        assert all(r.font.size == Pt(14) and east_asian(r) == f["body"] for r in p.runs)


def test_heading_levels_are_numbered_in_gbt_style(generated):
    d = docx.Document(str(generated["notice"].docx))
    texts = {s: [p.text for p in paragraphs(d, s)] for s in ("GwHeading1", "GwHeading2", "GwHeading3")}
    assert [t[:2] for t in texts["GwHeading1"]] == ["一、", "二、", "三、", "四、"]
    assert all(t.startswith("\uff08一\uff09") for t in texts["GwHeading2"])
    assert all(t.startswith("1.") for t in texts["GwHeading3"])


def test_doc_number_and_dates(doc):
    _name, item, d = doc
    number = paragraphs(d, "GwNumber")[0].text
    assert number == item.result.doc_number
    assert re.fullmatch(r"青河办\u3014(2024)\u3015[1-9]\d*号", number)
    date_text = paragraphs(d, "GwDate")[0].text
    assert re.fullmatch(r"2024年[1-9]\d?月[1-9]\d?日", date_text)
    imprint = d.tables[-1].rows[-1].cells[0].paragraphs[0].text
    assert imprint.startswith("青石镇河长制办公室\t") and imprint.endswith(date_text + "印发")
    if item.result.title and len(d.tables[-1].rows) == 2:
        assert d.tables[-1].rows[0].cells[0].text.startswith("抄送\uff1a")


def test_dates_have_no_zero_padding(generated):
    d = docx.Document(str(generated["plan"].docx))
    assert paragraphs(d, "GwDate")[0].text == "2024年6月17日"


def test_odd_and_even_page_number_footers(doc):
    _name, _item, d = doc
    assert d.settings.odd_and_even_pages_header_footer
    section = d.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right / left
    for p in (odd, even):
        assert "PAGE" in p._p.xml and p.text.startswith("\u2014 ") and p.text.endswith(" \u2014")
        assert all(east_asian(r) == "宋体" and r.font.size == Pt(14) for r in p.runs)


def test_imprint_is_a_floating_table_at_the_foot(doc):
    _name, _item, d = doc
    imprint = d.tables[-1]
    pos = imprint._tbl.tblPr.find(qn("w:tblpPr"))
    assert pos.get(qn("w:tblpYSpec")) == "bottom" and pos.get(qn("w:vertAnchor")) == "margin"
    assert imprint._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == str(pg.TEXT_WIDTH)


def test_attachments_start_on_new_pages(generated):
    d = docx.Document(str(generated["circular"].docx))
    labels = paragraphs(d, "GwAttachLabel")
    assert [p.text for p in labels] == ["附件"]
    assert labels[0]._p.pPr.find(qn("w:pageBreakBefore")) is not None
    note = paragraphs(d, "GwAttachNote")[0].text
    assert note.startswith("附件\uff1a") and not note.endswith("\u3002")


def test_plan_reads_like_a_township_plan(generated):
    d = docx.Document(str(generated["plan"].docx))
    h1 = [p.text for p in paragraphs(d, "GwHeading1")]
    assert h1[0].startswith("一、") and len(h1) == 7
    tasks = [p.text for p in paragraphs(d, "GwHeading3")]
    assert [t.split(".")[0] for t in tasks] == [str(i) for i in range(1, len(tasks) + 1)]
    assert all("牵头" in t for t in tasks)
    body = "".join(p.text for p in d.paragraphs)
    assert "现将《青石镇2024年河湖长制工作要点》印发给你们".replace(",", "\uff0c") in body


def test_summary_figures_come_from_the_books(generated):
    from hzconsole import figures
    from hzconsole.store.database import open_database

    d = docx.Document(str(generated["summary"].docx))
    text = "".join(p.text for p in d.paragraphs)
    with open_database(generated["_db"].docx, readonly=True) as db:
        from datetime import date

        s = figures.summary(db, date(2024, 1, 1), date(2024, 11, 20))
    assert f"全镇共有河湖{s.rivers_total}处" in text
    assert f"流域面积50平方公里以上的河流{s.rivers_catchment_50}条" in text
    assert f"累计巡河{s.patrols_total}次" in text
    assert f"共发现各类河湖问题{s.problems_found}个" in text
    assert f"设立河长公示牌{s.boards_total}块" in text
    headings = [p.text for p in paragraphs(d, "GwHeading1")]
    assert headings == ["一、基本情况", "二、工作开展情况", "三、存在的问题", "四、下一步工作计划"]
    assert "一是部分村级河长巡河不够规范。" in text  # the clerk's own paragraph


def test_punctuation_never_overflows_the_margin_in_word(doc):
    """ECMA-376 17.3.1.21: overflowPunct omitted or 1 lets punctuation extend past the
    margin; GB/T 9704's 28-character line needs it off on the defaults and every style."""
    _name, _item, d = doc
    styles = d.styles.element
    found = styles.findall(".//" + qn("w:overflowPunct"))
    assert found and {el.get(qn("w:val")) for el in found} == {"0"}
    for style_id in ("GwBody", "GwHeading1", "GwTitle", "GwImprint"):
        ppr = d.styles.get_by_id(style_id, 1).element.pPr
        assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    body = d.element.body
    assert {el.get(qn("w:val")) for el in body.iter(qn("w:overflowPunct"))} <= {"0"}


ZERO_COUNT = re.compile(r"(?<![\d.])0(名|个|次|块|条|处|起|项|座|口)")


@pytest.mark.parametrize("name", ["summary", "summary_windows", "circular", "announcement"])
def test_figures_read_as_a_clerk_writes_them(generated, name):
    """No "0个" items a clerk would drop, no "100.0%", no ISO week numbers."""
    d = docx.Document(str(generated[name].docx))
    texts = [p.text for p in d.paragraphs]
    texts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    text = "\n".join(texts)
    assert not ZERO_COUNT.search(text), ZERO_COUNT.search(text)
    assert not re.search(r"\d\.0%", text)
    assert "第" not in "".join(re.findall(r"第\d+周", text))


def test_summary_phrasing(generated):
    """Issue 13 point 3: figures in sentences, the rivers by name, cases from the books."""
    d = docx.Document(str(generated["summary"].docx))
    text = "".join(p.text for p in d.paragraphs)
    assert "河长巡河达标率" in text and "发现问题的整改率为" in text
    assert re.search(r"50平方公里以上的河流\d+条\uff08[\u4e00-\u9fff\u3001]+\uff09", text)  # named
    assert re.search(
        r"[\u4e00-\u9fff]+(河|港|溪|渠|湖|库|塘)[\u4e00-\u9fff]*(问题|水体|采砂|捕捞)\u3001", text
    )  # cases
    assert "等问题已整改到位" in text


def test_circular_names_who_is_behind_and_by_how_much(generated):
    d = docx.Document(str(generated["circular"].docx))
    body = next(p.text for p in d.paragraphs if p.text.startswith("从统计情况看"))
    assert re.search(r"镇级河长\w+巡河\d+次\uff08应巡\d+次\uff09", body), body
    attachment = d.tables[-2]
    assert [c.text for c in attachment.rows[0].cells][-1] == "未达标时段"
    for row in attachment.rows[1:]:
        assert re.search(r"(未巡河|巡河\d+次)", row.cells[-1].text), row.cells[-1].text


def test_announcement_lists_changes_and_boards_to_update(generated):
    d = docx.Document(str(generated["announcement"].docx))
    changes, boards = d.tables[0], d.tables[1]
    assert [c.text for c in changes.rows[0].cells][2:5] == ["职责", "原任", "现任"]
    assert all(re.fullmatch(r"(县级|镇级|村级)\w+", r.cells[2].text) for r in changes.rows[1:])
    head = [c.text.replace("\n", "") for c in boards.rows[0].cells]
    assert head[-2:] == ["需更新内容", "完成时限"]
    for row in boards.rows[1:]:
        assert "调整为" in row.cells[-2].text or "增加" in row.cells[-2].text, row.cells[-2].text
        assert row.cells[-1].text.endswith("前") or "立即" in row.cells[-1].text


def test_assignment_carries_deadline_unit_and_requirements(generated):
    d = docx.Document(str(generated["assignment"].docx))
    form = {row.cells[0].text: row.cells[1].text for row in d.tables[0].rows}
    form.update({row.cells[2].text: row.cells[3].text for row in d.tables[0].rows if len(row.cells) > 3})
    assert form["责任单位"] and form["整改要求"]
    assert re.fullmatch(r"20\d\d年[1-9]\d?月[1-9]\d?日", form["整改时限"])
    body = "".join(p.text for p in d.paragraphs)
    assert "日内整改到位" in body or "前将整改情况" in body
    measures = [p.text for p in d.paragraphs if p.text.startswith("已明确的整改措施")]
    assert all(m.endswith("\u3002") for m in measures)


# Fonts a Chinese Windows PC has, or that our font table maps to one it has (w:altName).
CHINESE_PC_FONTS = {"Times New Roman", "宋体", "黑体", "仿宋", "楷体", "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"}


def test_the_package_is_ours_end_to_end(doc):
    """What WPS reads on opening (issue 13 point 8): no Japanese settings, no theme naming
    MS Mincho/Calibri/Cambria, app.xml naming hzconsole with the page count, no thumbnail,
    no parts python-docx's template carried (stylesWithEffects, customXml)."""
    import zipfile

    _name, item, _d = doc
    with zipfile.ZipFile(item.docx) as z:
        names = set(z.namelist())
        parts = {n: z.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels"))}
    assert not any(n.endswith((".jpeg", ".jpg", ".png", ".emf")) for n in names)
    assert not any("customXml" in n or "stylesWithEffects" in n or "thumbnail" in n for n in names)
    for part, xml in parts.items():
        for foreign in (
            "ja-JP",
            "ko-KR",
            "Calibri",
            "Cambria",
            "\uff2d\uff33",
            "Macintosh",
            "Mac OS",
            "/office/mac/",
            "urn:schemas-microsoft-com:mac",
        ):
            assert foreign not in xml, (part, foreign)
    settings = parts["word/settings.xml"]
    assert 'w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"' in settings
    assert "<w:evenAndOddHeaders/>" in settings
    theme = parts["word/theme/theme1.xml"]
    assert set(re.findall(r'typeface="([^"]+)"', theme)) <= CHINESE_PC_FONTS
    fonts = set(re.findall(r'<w:font w:name="([^"]+)"', parts["word/fontTable.xml"]))
    assert fonts <= CHINESE_PC_FONTS
    # Every font any part names is declared in the font table (WPS's missing-font prompt).
    named = {
        f
        for xml in parts.values()
        for tag in re.findall(r"<w:rFonts [^>]+>", xml)
        for f in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', tag)
    }
    assert named <= fonts, named - fonts
    app = parts["docProps/app.xml"]
    assert "<Application>hzconsole" in app
    assert f"<Pages>{item.writer.pages}</Pages>" in app
    # Every part the content types name exists, and every relationship points at a part.
    for target in re.findall(r'PartName="/([^"]+)"', parts["[Content_Types].xml"]):
        assert target in names, target
    for rels in (n for n in parts if n.endswith(".rels")):
        base = (
            rels.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0]
            if "/" in rels.replace("_rels/", "")
            else ""
        )
        for target in re.findall(r'Target="([^"]+)"', parts[rels]):
            path = f"{base}/{target}" if base else target
            assert path.lstrip("/") in names, (rels, target)
