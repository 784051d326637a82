"""The generated documents rendered by LibreOffice and measured with pdfplumber: the grid
(22 lines × 28 characters), the text block, the red 标志 and rule, the 版记 at the foot of
the last page and the page numbers."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import pdfplumber
import pytest

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, 210 * MM - 26 * MM  # 79.4 … 521.6 pt
TOP, BOTTOM = 37 * MM, 297 * MM - 35 * MM  # 104.9 … 742.7 pt
TOL = 0.6


def lines_of(page) -> list[list[dict]]:
    """Characters grouped into text lines by their top edge (sorted top to bottom)."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for c in page.chars:
        rows[round(c["top"])].append(c)
    return [sorted(rows[k], key=lambda c: c["x0"]) for k in sorted(rows)]


def body_lines(page) -> list[list[dict]]:
    return [ln for ln in lines_of(page) if ln[0]["top"] < BOTTOM]


def text(line) -> str:
    return "".join(c["text"] for c in line)


def is_page_number(line) -> bool:
    return text(line).startswith("\u2014") and line[0]["top"] > BOTTOM


ALL = [
    "notice",
    "plan",
    "circular",
    "announcement",
    "assignment",
    "summary",
    "summary_windows",
    "imprint foot",
    "imprint next page",
    "imprint after a blank page",
    "unsealed",
    "head marks",
    "long recipients",
    "codes",
    "summary report",
]


@pytest.fixture(params=ALL)
def pdf(request, rendered):
    with pdfplumber.open(rendered[request.param].pdf) as doc:
        yield request.param, doc


def test_a4_pages_and_text_inside_the_block(pdf):
    _name, doc = pdf
    for page in doc.pages:
        assert round(page.width) == 595 and round(page.height) == 842
        for line in body_lines(page):
            assert line[0]["x0"] >= LEFT - TOL, text(line)
            assert line[-1]["x1"] <= RIGHT + TOL, text(line)
            assert line[0]["top"] >= TOP - TOL


def test_full_pages_hold_22_lines(rendered):
    """A page whose last paragraph runs on to the next page is full: it holds 22 lines on
    the 28.95 pt pitch. No page holds more."""
    full = 0
    for name in ("notice", "plan", "summary", "circular"):
        with pdfplumber.open(rendered[name].pdf) as doc:
            pages = [body_lines(p) for p in doc.pages]
            for i, (page, lines) in enumerate(zip(doc.pages, pages, strict=True)):
                following = pages[i + 1] if i + 1 < len(pages) else []
                plain = all(round(ln[0]["size"]) == 16 for ln in lines) and not page.rects and not page.lines
                if not page.lines:  # tables (ruled) set their rows off the grid
                    assert len(lines) <= 22, (name, i + 1)
                runs_on = (
                    following
                    and len(following[0]) >= 10
                    and round(following[0][0]["size"]) == 16
                    and following[0][0]["x0"] < LEFT + 1
                )
                if plain and runs_on:
                    assert len(lines) == 22, (name, i + 1, [text(ln)[:6] for ln in lines])
                    pitch = {round(b[0]["top"] - a[0]["top"]) for a, b in itertools.pairwise(lines)}
                    assert pitch <= {28, 29, 30}, pitch
                    full += 1
    assert full >= 2


def test_full_lines_hold_28_characters(rendered):
    """A line of plain text (full-width characters only) that is not the last of its
    paragraph holds 28 characters; no line of a real document holds more."""
    with pdfplumber.open(rendered["notice"].pdf) as doc:
        counts = Counter()
        for page in doc.pages:
            for line in body_lines(page):
                t = text(line)
                if line[0]["x0"] < LEFT + 1 and line[-1]["x1"] > RIGHT - 4 and t.isalpha() and not t.isascii():
                    counts[len(t)] += 1
        assert counts and set(counts) == {28}, counts
    widths = Counter()
    for name in ("plan", "summary", "circular", "announcement"):
        with pdfplumber.open(rendered[name].pdf) as doc:
            for page in doc.pages:
                for line in body_lines(page):
                    t = text(line)
                    if round(line[0]["size"]) == 16 and all(ord(ch) > 0x2E80 for ch in t):
                        assert len(t) <= 28, t
                        if line[-1]["x1"] > RIGHT - 4 and line[0]["x0"] < LEFT + 1:
                            widths[len(t)] += 1
    assert widths.most_common(1)[0][0] == 28, widths


def test_red_mark_and_separator(pdf):
    _name, doc = pdf
    page = doc.pages[0]
    first = next(ln for ln in lines_of(page) if text(ln) == "青石镇河长制办公室文件")
    assert all(tuple(c["non_stroking_color"]) == (1.0, 0.0, 0.0) for c in first)
    # Its top edge 35 mm below the text block's top (GB/T 9704 7.2.3), within 2 pt.
    assert abs(first[0]["top"] - (TOP + 35 * MM)) < 2
    number = next(ln for ln in lines_of(page) if "\u3014" in text(ln))
    assert all(tuple(c["non_stroking_color"]) == (0.0, 0.0, 0.0) for c in number)
    red = [ln for ln in page.lines if tuple(ln.get("stroking_color") or ()) == (1.0, 0.0, 0.0)]
    assert red, "no red separator"
    rule = red[0]
    assert abs(rule["x0"] - LEFT) < 1 and abs(rule["x1"] - RIGHT) < 1
    below = rule["top"] - number[0]["bottom"]
    assert 3 * MM < below < 5 * MM  # about 4 mm below the 文号


def _imprint_rules(page) -> list[dict]:
    """The 版记's full-width rules on `page`, top to bottom."""
    starts = [
        ln[0]["top"]
        for ln in lines_of(page)
        if text(ln).startswith(("主送\uff1a", "抄送\uff1a")) or text(ln).endswith("日印发")
    ]
    first = min(starts) - 12  # the top rule sits just above the first row of the 版记
    full = [ln for ln in page.lines if abs(ln["x1"] - ln["x0"] - (RIGHT - LEFT)) < 1.5 and ln["top"] > first]
    return sorted(full, key=lambda ln: ln["top"])


def test_imprint_rules_at_the_foot_of_the_last_page(pdf):
    _name, doc = pdf
    last = doc.pages[-1]
    rules = _imprint_rules(last)
    assert len(rules) in (2, 3, 4)  # 印发 only; 抄送 above it; 主送 above that (7.3.3)
    assert abs(rules[-1]["top"] - BOTTOM) < 1.5  # the last rule on the block's bottom edge
    # First and last rules thick (0.35 mm), those between thin (0.25 mm).
    assert all(rules[0]["linewidth"] > r["linewidth"] < rules[-1]["linewidth"] for r in rules[1:-1])
    printed = [ln for ln in lines_of(last) if text(ln).endswith("日印发")]
    assert printed and round(printed[0][0]["size"]) == 14
    for page in doc.pages[:-1]:
        assert not any(text(ln).endswith("日印发") for ln in lines_of(page))  # the 印发日期


def test_imprint_printer_and_date_one_character_in(pdf):
    """GB/T 9704 7.4.3: 印发机关 one character in from the left, 印发日期 one from the right."""
    _name, doc = pdf
    printed = next(ln for ln in lines_of(doc.pages[-1]) if text(ln).endswith("日印发"))
    one_char = printed[-1]["size"]
    assert abs(printed[-1]["x1"] - (RIGHT - one_char)) < 1.5
    assert abs(printed[0]["x0"] - (LEFT + one_char)) < 1.5


def test_page_numbers_odd_right_even_left(pdf, rendered):
    name, doc = pdf
    unnumbered = set()
    if rendered[name].writer.imprint_placement == "after a blank page":
        unnumbered = {len(doc.pages) - 1, len(doc.pages)}  # GB/T 9704 7.5
    for i, page in enumerate(doc.pages, 1):
        numbers = [ln for ln in lines_of(page) if is_page_number(ln)]
        if i in unnumbered:
            assert not numbers, i
            continue
        assert len(numbers) == 1, i
        line = numbers[0]
        assert text(line).replace(" ", "") == f"\u2014{i}\u2014"
        assert round(line[0]["size"]) == 14
        one_char = 14
        if i % 2:
            assert abs(line[-1]["x1"] - (RIGHT - one_char)) < 1.5
        else:
            assert abs(line[0]["x0"] - (LEFT + one_char)) < 1.5
        # The dashes sit about 7 mm below the text block.
        middle = (line[0]["top"] + line[0]["bottom"]) / 2
        assert abs(middle - (BOTTOM + 7 * MM)) < 3


def test_headings_render_in_their_typefaces(rendered):
    with pdfplumber.open(rendered["summary"].pdf) as doc:
        fonts = {}
        for page in doc.pages:
            for line in lines_of(page):
                t = text(line)
                if t in ("一、基本情况", "二、工作开展情况"):
                    fonts["hei"] = line[0]["fontname"]
                if t.startswith("\uff08一\uff09"):
                    fonts["kai"] = line[0]["fontname"]
        assert "Sans" in fonts["hei"]  # 黑体 → a sans face
        assert "Kai" in fonts["kai"]  # 楷体 → a Kai face


def test_no_punctuation_hangs_past_the_margin(rendered, generated, tmp_path):
    """The .docx says overflowPunct 0 (ECMA-376: punctuation never extends past the text
    extents — what Word and WPS do with it). Rendered as Word lays it out, every comma stays
    inside the text block; LibreOffice's own reading of the same file hangs one in the
    margin (it reads the flag inverted), which is why documents/pdf.py compensates."""
    from hzconsole.documents.pdf import to_pdf

    def widest(pdf_path) -> float:
        with pdfplumber.open(pdf_path) as doc:
            return max(c["x1"] for p in doc.pages for c in p.chars if c["text"] == "\uff0c")

    assert widest(rendered["hanging"].pdf) <= RIGHT + TOL
    raw = to_pdf([generated["hanging"].docx], tmp_path / "raw", work_dir=tmp_path, word_like=False)[0]
    assert widest(raw) > RIGHT + 4, "LibreOffice no longer inverts w:overflowPunct: drop the compensation"


def _table_columns(page) -> list[float]:
    """The x positions of a ruled table's vertical rules on `page` (rounded to 0.5 pt)."""
    xs = [ln["x0"] for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.5 and ln["bottom"] - ln["top"] > 5]
    xs += [r["x0"] for r in page.rects if r["width"] < 1.5 and r["height"] > 5]
    return sorted({round(x * 2) / 2 for x in xs})


@pytest.mark.parametrize("name", ["announcement", "circular", "assignment"])
def test_table_columns_line_up_and_short_cells_do_not_wrap(rendered, name):
    """One grid of columns per table (its rows are one table, not a table per row); dates,
    numbers and two-character headers stay on one line."""
    with pdfplumber.open(rendered[name].pdf) as doc:
        for page in doc.pages:
            cols = _table_columns(page)
            if not cols:
                continue
            assert cols[0] >= LEFT - 1 and cols[-1] <= RIGHT + 1
            assert len(cols) <= 9, cols  # at most 8 columns: no row brings its own boundaries
            for line in lines_of(page):
                t = text(line)
                assert t not in ("序", "号", "日", "期"), f"a short cell wrapped: {t}"


def test_imprint_on_an_even_page(pdf, rendered):
    """The 版记 is on the last page and that page is even (the back of the last sheet); a
    blank page before it, when needed, is blank indeed and, like the 版记 page, has no page
    number."""
    name, doc = pdf
    writer = rendered[name].writer
    assert len(doc.pages) % 2 == 0 and len(doc.pages) == writer.pages
    last = doc.pages[-1]
    assert any(text(ln).endswith("印发") for ln in lines_of(last))
    if writer.imprint_placement == "after a blank page":
        assert not doc.pages[-2].chars and not doc.pages[-2].lines
        body = [ln for ln in lines_of(last) if ln[0]["top"] < BOTTOM - 100]
        assert not body  # the 版记 page holds the 版记 only
    elif writer.imprint_placement == "next page":
        top = _imprint_rules(last)[0]["top"]
        assert not [ln for ln in lines_of(last) if ln[0]["bottom"] < top - 1]
        assert any(is_page_number(ln) for ln in lines_of(last))  # no blank page before it: numbered


def test_every_placement_of_the_imprint_is_exercised(rendered):
    placements = {
        rendered[f"imprint {p}"].writer.imprint_placement for p in ("foot", "next page", "after a blank page")
    }
    assert placements == {"foot", "next page", "after a blank page"}


def test_layout_model_agrees_with_the_rendering(pdf, rendered):
    """The writer's own line and page breaking (layout.py), which decides where the
    signature and the 版记 go, puts every paragraph on the page where it is rendered (with
    LibreOffice's one known difference from Word: a paragraph kept with the signature moves
    whole, where Word moves its last two lines)."""
    name, doc = pdf
    writer = rendered[name].writer
    pages = ["".join(c["text"] for c in page.chars) for page in doc.pages]
    checked = 0
    for placed in writer.flow.paginate(libreoffice=True):
        start = placed.line.text[:5]
        if len(start) >= 4:
            assert start in pages[placed.page - 1], (name, placed.page, placed.line.tag, start)
            checked += 1
    assert checked >= 5


def test_signature_shares_its_page_with_body_text(pdf):
    """GB/T 9704 7.3.5: the signature and date never stand on a page of their own (nor with
    only the 附件说明)."""
    _name, doc = pdf
    for page in doc.pages:
        rows = lines_of(page)
        dates = [
            i
            for i, ln in enumerate(rows)
            if text(ln).startswith("2024年")
            and text(ln).endswith("日")
            and ln[-1]["x1"] > RIGHT - 70
            and ln[-1]["x1"] < RIGHT - 50
        ]
        for i in dates:
            before = [text(ln) for ln in rows[: i - 1] if ln[0]["top"] < BOTTOM and not text(ln).startswith("附件")]
            assert before, "signature without body text on its page"


def _closing_lines(doc):
    """(page, signature line, date line, the body line above them) of a document."""
    for page in doc.pages:
        rows = [ln for ln in lines_of(page) if ln[0]["top"] < BOTTOM]
        for i, ln in enumerate(rows):
            if text(ln) == "青石镇河长制办公室" and i + 1 < len(rows) and text(rows[i + 1]).endswith("日"):
                return page, ln, rows[i + 1], rows[i - 1]
    raise AssertionError("no signature")


def test_sealed_signature_centred_over_the_date(pdf):
    """GB/T 9704 7.3.5.1: the date right-indented four characters, the signature centred
    over it, one or two blank lines above for the seal."""
    name, doc = pdf
    if name == "unsealed":
        return
    _page, sig, day, above = _closing_lines(doc)
    assert abs(day[-1]["x1"] - (RIGHT - 4 * 16)) < 1.5
    middle = lambda ln: (ln[0]["x0"] + ln[-1]["x1"]) / 2  # noqa: E731
    assert abs(middle(sig) - middle(day)) < 2
    assert round((sig[0]["top"] - above[0]["top"]) / 28.95) in (2, 3)


def test_unsealed_signature_and_date(rendered):
    """GB/T 9704 7.3.5.2: one blank line after the body, the signature right-indented two
    characters, the date on the next line with its first character two characters further
    right."""
    with pdfplumber.open(rendered["unsealed"].pdf) as doc:
        _page, sig, day, above = _closing_lines(doc)
    assert round((sig[0]["top"] - above[0]["top"]) / 28.95) == 2
    assert abs(sig[-1]["x1"] - (RIGHT - 2 * 16)) < 1.5
    assert abs(day[0]["x0"] - sig[0]["x0"] - 2 * 15.75) < 2


def test_head_marks_top_left_above_the_mark(rendered):
    """份号, 密级, 紧急程度 on the first three lines of the text block, flush left; the 标志
    keeps its place (its top 35 mm below the block's top)."""
    with pdfplumber.open(rendered["head marks"].pdf) as doc:
        rows = lines_of(doc.pages[0])
    assert [text(ln) for ln in rows[:3]] == ["000003", "秘密\u26051年", "特急"]
    for i, ln in enumerate(rows[:3]):
        assert abs(ln[0]["x0"] - LEFT) < 1
        assert abs(ln[0]["top"] - (TOP + 7.2 + i * 28.95)) < 1.5  # on grid lines 1, 2, 3
    assert "Sans" in rows[1][0]["fontname"] and "Sans" in rows[2][0]["fontname"]  # 黑体


def test_codes_never_break_inside_table_cells(rendered):
    """Issue 13 point 7: a problem number in a crowded table stays on one line (its
    column sized by Times New Roman's real letter widths: W and M are nearly an em)."""
    import docx

    table = docx.Document(str(rendered["codes"].docx)).tables[0]
    codes = [row.cells[1].text for row in table.rows[1:]]
    assert len(codes) == 4 and all(c[:1] in "WMH" for c in codes)
    with pdfplumber.open(rendered["codes"].pdf) as doc:
        lines = [text(ln).replace(" ", "") for page in doc.pages for ln in lines_of(page)]
    for code in codes:
        assert any(code in ln for ln in lines), (code, [ln for ln in lines if code[:3] in ln])


def test_long_recipients_move_to_the_imprint(rendered, generated):
    """GB/T 9704 7.3.3: 25 units (with 份号, 密级, 紧急) would push the body off page 1; the
    主送 goes to the 版记, above 抄送, and page 1 carries the body."""
    assert generated["long recipients"].writer.recipients_in_imprint
    assert not generated["head marks"].writer.recipients_in_imprint
    with pdfplumber.open(rendered["long recipients"].pdf) as doc:
        first = [text(ln) for ln in body_lines(doc.pages[0])]
        last = [text(ln) for ln in lines_of(doc.pages[-1])]
    assert any(ln.startswith("请各村立即组织力量") for ln in first)
    assert not any("村民委员会" in ln for ln in first)
    sent = next(i for i, ln in enumerate(last) if ln.startswith("主送\uff1a"))
    copied = next(i for i, ln in enumerate(last) if ln.startswith("抄送\uff1a"))
    assert sent < copied and last[copied - 1].endswith("新塘村村民委员会。")


def test_report_form_signer_and_note(rendered):
    """GB/T 9704 7.2.4/7.2.6: an upward document's 文号 one character in from the left and
    签发人 (name in 楷体) one in from the right on one line; 7.3.7: the 附注 on the line
    below the date, two characters in, in brackets."""
    with pdfplumber.open(rendered["summary report"].pdf) as doc:
        first = lines_of(doc.pages[0])
        line = next(ln for ln in first if "签发人" in text(ln))
        assert text(line).startswith("青河办") and text(line).endswith("签发人\uff1a张建国")
        assert abs(line[0]["x0"] - (LEFT + 16)) < 1.5 and abs(line[-1]["x1"] - (RIGHT - 16)) < 1.5
        assert "Kai" in line[-1]["fontname"] or "UKai" in line[-1]["fontname"], line[-1]["fontname"]
        assert any(text(ln).startswith("青石镇关于2024年") for ln in first)
        assert any("工作情况报告如下" in text(ln) for p in doc.pages[:2] for ln in lines_of(p))
        pages = [lines_of(p) for p in doc.pages]
        for lines in pages:
            texts = [text(ln) for ln in lines]
            if "2024年11月20日" in texts:
                at = texts.index("2024年11月20日")
                note = lines[at + 1]
                assert text(note) == "\uff08联系人\uff1a周晓燕\uff0c电话\uff1a0795-7261234\uff09"
                assert abs(note[0]["x0"] - (LEFT + 32)) < 1.5
                assert note[0]["top"] - lines[at][0]["top"] == pytest.approx(28.95, abs=0.6)
                assert any(t.endswith("特此报告\u3002") for t in texts[:at])
                break
        else:
            raise AssertionError("no 成文日期 found")
