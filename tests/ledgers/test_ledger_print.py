"""Every ledger and blank template of the demo printed by LibreOffice (Calc) and measured
with pdfplumber: no character under 9 pt on A4 once fitted to the page's width (issue 13
point 1), and single-line rows at single height.

LibreOffice needs Calc (Debian: libreoffice-calc-nogui) and, to size columns as Excel
does, a font metric-compatible with Calibri, the workbook's default (fonts-crosextra-
carlito); .ci/run installs both.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from ledgerhelp import header_row, headers, visible

from hzconsole.documents.pdf import RenderError, _run, soffice
from hzconsole.ledgers import LEDGER_KINDS
from hzconsole.ledgers.widths import line_count

SMALLEST_PT = 9.0


@pytest.fixture(scope="module")
def printed(exported: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig 未安装")
    import subprocess

    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    if "Carlito" not in families and "Calibri" not in families:
        # Without Calibri's metrics LibreOffice sizes the columns from another font's digits
        # and the measure would not be Excel's: .ci/run installs fonts-crosextra-carlito.
        pytest.skip("Carlito(或 Calibri)字体未安装")
    work = tmp_path_factory.mktemp("calc")
    kinds = list(exported)
    try:
        pdfs = _run(exe, "pdf", [exported[k] for k in kinds], work / "pdf", work, 600)
    except RenderError as exc:  # no Calc: LibreOffice cannot load a workbook
        pytest.skip(f"LibreOffice Calc 不可用:{str(exc)[:80]}")
    return dict(zip(kinds, pdfs, strict=True))


@pytest.mark.parametrize("kind", list(LEDGER_KINDS))
def test_no_text_under_9_pt_on_a4(kind: str, printed: dict[str, Path]) -> None:
    with pdfplumber.open(printed[kind]) as pdf:
        sizes = Counter(round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].strip())
        assert all(round(p.width) in (595, 842) and round(p.height) in (595, 842) for p in pdf.pages)  # A4
    assert sizes, kind
    assert min(sizes) >= SMALLEST_PT, (kind, sorted(sizes.items())[:4])


@pytest.mark.parametrize("kind", ["rivers", "chiefs", "signboards", "problems", "patrols"])
def test_single_line_rows_at_single_height(kind: str, exported: dict[str, Path]) -> None:
    """A row whose every cell fits its column on one line (as Excel wraps) keeps the
    sheet's single row height; a row that wraps gets room for its lines."""
    for ws in visible(exported[kind]):
        heads = headers(ws)
        # <col min max width>: a run of equal columns is one entry; width = pixels / 7.
        px: dict[int, int] = {}
        for dim in ws.column_dimensions.values():
            for i in range(dim.min, dim.max + 1):
                px[i] = round(dim.width * 7)
        widths = [(px[i] - 5) / 7 for i in range(1, len(heads) + 1)]
        single = tall = 0
        for r in range(header_row(ws) + 1, min(ws.max_row, header_row(ws) + 300)):
            values = [ws.cell(r, i + 1).value for i in range(len(heads))]
            if not isinstance(values[0], int):
                break
            lines = max(line_count(v, w) if isinstance(v, str) else 1 for v, w in zip(values, widths, strict=True))
            height = ws.row_dimensions[r].height
            if lines == 1:
                assert height is None or height <= 15, (ws.title, r, values)
                single += 1
            else:
                assert height and height >= lines * 13.5, (ws.title, r, values)
                tall += 1
        assert single or kind == "signboards", ws.title  # every board names two chiefs
