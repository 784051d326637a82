"""Reading a spreadsheet into plain grids: .xlsx (openpyxl, read-only), .xls (xlrd) and .csv.

Every sheet becomes a `Grid`: rows of cell values (str, int, float, bool, date, datetime,
time or None) plus its merged ranges. Merged ranges matter in Chinese ledgers: header cells
are merged over two levels, and a river's name is often merged down over its segments.
The format is judged by the file's first bytes, not its name: WPS happily saves an .xls
under an .xlsx name and the other way round.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from hzconsole.imports import messages as msg
from hzconsole.text import blank

# (first row, first col, last row, last col), 0-based and inclusive.
Range = tuple[int, int, int, int]

_XLSX_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookError(Exception):
    """The file cannot be read as a spreadsheet; the message is for the clerk."""


@dataclass
class Grid:
    """One sheet: `rows[i][j]` is the value at Excel row i+1, column j+1."""

    name: str
    rows: Sequence[list[Any]]  # a list, or SheetRows streaming a big sheet
    merged: list[Range] = field(default_factory=list)
    hidden: bool = False

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Any:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _parse_ref(ref: str) -> Range | None:
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)", ref)
    if not m:
        return None
    return (int(m.group(2)) - 1, _column_index(m.group(1)), int(m.group(4)) - 1, _column_index(m.group(3)))


def read_workbook(path: Path) -> list[Grid]:
    """All sheets of a spreadsheet file. Raises WorkbookError with a Chinese message."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise WorkbookError(msg.FILE_NOT_FOUND.format(path=path)) from None
    except OSError as exc:
        raise WorkbookError(msg.FILE_UNREADABLE.format(name=path.name, detail=exc.strerror or exc)) from None
    if head.startswith(_XLSX_MAGIC):
        check_zip(path)
        # calamine holds a sheet as a dense block: a stray cell at XFD1048576 would ask for
        # billions of cells. Such a sheet is read by openpyxl, which streams.
        if _calamine() and not _sprawling(path):
            return _read_calamine(path, msg.XLSX_DAMAGED)
        return _read_xlsx(path)
    if head.startswith(_CFB_MAGIC):
        if _calamine():
            try:
                return _read_calamine(path, msg.XLS_DAMAGED)
            except WorkbookError:
                pass  # xlrd says more about encrypted and odd BIFF files
        return _read_xls(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return [_read_csv(path)]
    if not head:
        raise WorkbookError(msg.FILE_EMPTY.format(name=path.name))
    raise WorkbookError(msg.NOT_SPREADSHEET.format(name=path.name))


# A ledger of a decade is some 100,000 rows: its sheet XML expands to tens of MB. A file that
# expands far beyond that, or far more than spreadsheets compress, is no ledger (or a zip
# bomb) and is refused before anything is unpacked.
MAX_EXPANDED = 1_000_000_000  # bytes of XML, all members
MAX_RATIO = 100  # expanded / compressed, beyond MIN_SUSPECT bytes
MIN_SUSPECT = 50_000_000
MAX_CELLS = 20_000_000  # cells of all sheets


def check_zip(path: Path) -> None:
    """Refuse an .xlsx whose members would expand to more than a ledger can hold; reads
    only the zip directory, so it takes milliseconds whatever the file holds."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise WorkbookError(msg.XLSX_DAMAGED.format(name=path.name)) from None
    expanded = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if expanded > MAX_EXPANDED or (expanded > MIN_SUSPECT and expanded / packed > MAX_RATIO):
        raise WorkbookError(msg.TOO_BIG.format(name=path.name, size=expanded / 1e6, ratio=expanded / packed))


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z$0-9:]+)\"")


def _sprawling(path: Path) -> bool:
    """True when a sheet says (in its <dimension>) that it spans more than MAX_CELLS."""
    try:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                    continue
                with zf.open(name) as fh:
                    m = _DIMENSION.search(fh.read(4096))
                rng = _parse_ref(m.group(1).decode("ascii")) if m else None
                if rng and (rng[2] - rng[0] + 1) * (rng[3] - rng[1] + 1) > MAX_CELLS:
                    return True
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return False


def _calamine() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:  # pragma: no cover - installed with hzconsole; openpyxl/xlrd otherwise
        return False
    return True


def _read_calamine(path: Path, damaged: str) -> list[Grid]:
    """Every sheet through calamine (Rust): 4-5 times faster than openpyxl's read-only mode
    and without a Python object per cell until the rows are asked for."""
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own kinds for damaged or odd files
        raise WorkbookError(damaged.format(name=path.name) + f"({exc})") from None
    grids = []
    cells = 0
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue  # chart and dialog sheets have no cells
            sheet = book.get_sheet_by_name(meta.name)
            cells += sheet.total_height * sheet.total_width
            if cells > MAX_CELLS:
                raise WorkbookError(msg.TOO_MANY_CELLS.format(name=path.name, cells=cells))
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            grids.append(Grid(meta.name, SheetRows(sheet), merged, hidden))
    except WorkbookError:
        raise
    except Exception as exc:
        raise WorkbookError(damaged.format(name=path.name) + f"({exc})") from None
    finally:
        book.close()
    return grids


class SheetRows(Sequence[list[Any]]):
    """The rows of a calamine sheet, made Python values only as they are read: the first
    HEAD rows (title, header, a sample for judging columns) are kept, the rest are streamed
    by iterating, so 100,000 rows never sit in memory as Python lists at once."""

    HEAD = 300

    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet
        self._pad = [None] * sheet.start[1] if sheet.height else []
        self._len = sheet.end[0] + 1 if sheet.height else 0
        self._head: list[list[Any]] = []
        for row in self._raw():
            self._head.append(row)
            if len(self._head) >= self.HEAD:
                break
        if len(self._head) == self._len:
            self._head = _trim(self._head)
            self._len = len(self._head)

    def _raw(self) -> Iterator[list[Any]]:
        for row in self._sheet.iter_rows():
            values = [*self._pad, *(_calamine_value(v) for v in row)]
            end = len(values)
            while end and values[end - 1] is None:
                end -= 1
            yield values[:end]

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[list[Any]]:
        yield from self._head
        if self._len > len(self._head):
            for n, row in enumerate(self._raw()):
                if n >= len(self._head):
                    yield row

    @overload
    def __getitem__(self, index: int) -> list[Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[Any]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, _step = index.indices(self._len)
            if stop <= len(self._head):
                return self._head[index]
            return list(itertools.islice(iter(self), start, stop))
        if index < 0:
            index += self._len
        if 0 <= index < len(self._head):
            return self._head[index]
        if 0 <= index < self._len:
            return next(itertools.islice(iter(self), index, None))
        raise IndexError(index)


def _calamine_value(value: Any) -> Any:
    # As openpyxl and xlrd give them: None for empty, int for whole numbers.
    if value == "" or value is None:
        return None
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _read_xlsx(path: Path) -> list[Grid]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise WorkbookError(msg.XLSX_DAMAGED.format(name=path.name)) from None
    except KeyError:
        # A zip that is not an Excel workbook (e.g. a .docx renamed).
        raise WorkbookError(msg.NOT_SPREADSHEET.format(name=path.name)) from None
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise WorkbookError(msg.XLSX_DAMAGED.format(name=path.name) + f"({exc})") from None
    grids = []
    try:
        for ws in wb.worksheets:
            if not hasattr(ws, "_get_source"):  # chart sheets have no cells
                continue
            # A wrong <dimension> (common in files written by other programs) would cut
            # rows or columns off in read-only mode; reset it and read what is there.
            ws.reset_dimensions()
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            grids.append(Grid(ws.title, _trim(rows), _xlsx_merges(ws), ws.sheet_state != "visible"))
    except Exception as exc:
        raise WorkbookError(msg.XLSX_DAMAGED.format(name=path.name) + f"({exc})") from None
    finally:
        wb.close()
    return grids


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z$0-9:]+)\"")


def _xlsx_merges(ws: Any) -> list[Range]:
    """Merged ranges of a read-only sheet (openpyxl does not parse them in that mode).

    <mergeCells> follows <sheetData>, so the XML is scanned in chunks with a regex; the
    overlap keeps a tag that straddles two chunks.
    """
    out: list[Range] = []
    tail = b""
    with ws._get_source() as src:
        while True:
            chunk = src.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            last_end = 0
            for m in _MERGE.finditer(data):
                rng = _parse_ref(m.group(1).decode("ascii"))
                if rng:
                    out.append(rng)
                last_end = m.end()
            tail = data[max(last_end, len(data) - 200) :]
    return out


def _read_xls(path: Path) -> list[Grid]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        text = str(exc)
        if "encrypt" in text.lower():
            raise WorkbookError(msg.ENCRYPTED.format(name=path.name)) from None
        raise WorkbookError(msg.XLS_DAMAGED.format(name=path.name) + f"({text})") from None
    except Exception as exc:
        # An .xlsx saved with a password is a CFB file too: xlrd cannot say more.
        raise WorkbookError(msg.XLS_DAMAGED.format(name=path.name) + f"({exc})") from None
    grids = []
    try:
        for index in range(book.nsheets):
            sh = book.sheet_by_index(index)
            rows = []
            for r in range(sh.nrows):
                rows.append([_xls_value(sh.cell(r, c), book.datemode) for c in range(sh.ncols)])
            merged = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in sh.merged_cells]
            grids.append(Grid(sh.name, _trim(rows), merged, getattr(sh, "visibility", 0) != 0))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return grids


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            moment = xlrd.xldate_as_datetime(value, datemode)
        except Exception:
            return value
        return moment.time() if value < 1 else moment
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() else value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    return value


def _read_csv(path: Path) -> Grid:
    raw = path.read_bytes()
    # Excel and WPS save CSV in the PC's code page (GBK) unless told otherwise.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise WorkbookError(msg.CSV_ENCODING.format(name=path.name))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return Grid(path.stem, _trim([[c if c != "" else None for c in r] for r in rows]))


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty cells and rows (read-only mode pads to the sheet's width)."""
    out = []
    for row in rows:
        end = len(row)
        while end and blank(row[end - 1]):
            end -= 1
        out.append(row[:end])
    while out and not out[-1]:
        out.pop()
    return out
