"""The county roll-up over generated township files: read-only to the byte, per-township
figures equal to each file's own `stats`, bad files reported and skipped, a re-run with a
newer file replacing that township, the county 通报 through the document checks, and the
county ledgers with a 乡镇 column."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from hzconsole.books.rivers import rivers
from hzconsole.books.settings import load_settings, save_settings
from hzconsole.cli import main
from hzconsole.documents import generate_document
from hzconsole.store.database import open_database
from hzconsole.sync.county_ledgers import export_county_ledger
from hzconsole.sync.rollup import county_figures, ranked, rollup, stats_of, township_books
from tests.sync.conftest import PLACES, TODAY


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stats(capsys, path: Path) -> dict:
    capsys.readouterr()
    assert main(["stats", str(path), "--year", "2024", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_rollup_figures_equal_each_files_own_stats_and_no_byte_changes(files, tmp_path, capsys) -> None:
    hashes = {p: sha(p) for p in files}
    broken = tmp_path / "坏文件.db"
    broken.write_bytes(b"not a database at all" * 100)
    copy_of_first = tmp_path / "重复" / files[0].name
    copy_of_first.parent.mkdir()
    shutil.copyfile(files[0], copy_of_first)
    out = tmp_path / "县汇总.db"

    result = rollup([*files, broken, copy_of_first, tmp_path / "没有.db"], out, year=2024, today=date.today())
    assert [t.ok for t in result.townships] == [True, True, True, False, False, False]
    assert "不是河长办数据文件" in result.townships[3].message
    assert "同一乡镇" in result.townships[4].message
    assert "找不到" in result.townships[5].message
    assert {p: sha(p) for p in files} == hashes  # read-only to the byte

    with open_database(out, readonly=True) as county:
        found = {t.place: t for t in county_figures(county)}
        assert sorted(found) == sorted(PLACES)
        for path, place in zip(files, PLACES, strict=True):
            assert found[place].stats == _stats(capsys, path)
            with open_database(path, readonly=True) as town:
                for table in ("rivers", "patrols", "problems", "appointments"):
                    n = county.scalar(f"SELECT count(*) FROM county_{table} WHERE township_id = ?", (town.file_id,))
                    assert n == town.scalar(f"SELECT count(*) FROM {table}"), table
        # The county file read as each township's books gives the same figures again.
        for town in found.values():
            with township_books(county, town.file_id):
                assert stats_of(county, 2024, date.today()) == town.stats
                assert load_settings(county).office_name == town.office
        assert county.get_setting("county_rollup") == {"year": 2024}  # views gone after
        order = ranked(list(found.values()))
        rates = [(-t.patrol_rate, -t.fix_rate, t.overdue) for t in order]
        assert rates == sorted(rates)
    assert {p: sha(p) for p in files} == hashes


def test_a_rerun_with_a_newer_file_replaces_that_township(files, tmp_path) -> None:
    out = tmp_path / "县汇总.db"
    rollup(files, out, year=2024)
    with open_database(files[1]) as town:
        rivers.add(town, {"name": "新修水渠", "kind": "渠道", "level": "村级"})
        fid = town.file_id
        total = rivers.count(town)
    again = rollup([files[1]], out, year=2024)
    assert again.townships[0].replaced
    with open_database(out, readonly=True) as county:
        assert county.scalar("SELECT count(*) FROM county_rivers WHERE township_id = ?", (fid,)) == total
        assert len(county_figures(county)) == 3  # the others kept
        assert county.scalar("SELECT count(*) FROM county_rivers WHERE name = '新修水渠'") == 1


def test_county_circular_passes_the_document_checks(files, tmp_path) -> None:
    from tests.documents import test_documents_docx as checks
    from tests.documents.conftest import Rendered

    out = tmp_path / "县汇总.db"
    rollup(files, out, year=2024, office="青山县河长制办公室")
    target = tmp_path / "2024年各乡镇河湖长制工作情况通报.docx"
    with open_database(out) as county:
        save_settings(county, {"doc_code": "青县河办"})
        made = generate_document(county, "county", target, year=2024, date="2024-12-05")
    assert made.doc_number == "青县河办\u30142024\u30151号"
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于2024年全县各乡镇河湖长制工作情况的通报" in text.replace("\n", "")
    table = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for place in PLACES:
        assert place in table
    doc = ("county", Rendered(target, made), document)
    for check in (
        checks.test_page_size_and_margins,
        checks.test_every_run_names_its_east_asian_font_and_size,
        checks.test_no_theme_fonts_and_chinese_language,
        checks.test_elements_fonts_and_sizes,
        checks.test_odd_and_even_page_number_footers,
        checks.test_imprint_is_a_floating_table_at_the_foot,
        checks.test_punctuation_never_overflows_the_margin_in_word,
    ):
        check(doc)
    # As test_doc_number_and_dates, with the county's office and code (that one names the demo's).
    number = checks.paragraphs(document, "GwNumber")[0].text
    date_text = checks.paragraphs(document, "GwDate")[0].text
    assert number == made.doc_number and date_text == "2024年12月5日"
    imprint = document.tables[-1].rows[-1].cells[0].paragraphs[0].text
    assert imprint == f"青山县河长制办公室\t{date_text}印发"
    # A township's own file is not a county file: refused in Chinese, no number used.
    with open_database(files[0]) as town, pytest.raises(Exception, match="不是县汇总文件"):
        generate_document(town, "county", tmp_path / "错.docx", year=2024)


def test_county_ledgers_have_a_township_column(files, tmp_path, capsys) -> None:
    out = tmp_path / "县汇总.db"
    code = main(["rollup", *map(str, files), "-o", str(out), "--year", "2024", "--ledgers", str(tmp_path / "台账")])
    printed = capsys.readouterr().out
    assert code == 0 and "排名" in printed
    with open_database(out, readonly=True) as county:
        path = export_county_ledger(county, "problems", tmp_path / "问题.xlsx", year=2024, today=TODAY)
    sheet = openpyxl.load_workbook(path).active
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if r and "乡镇" in r)
    col = header.index("乡镇")
    places = {r[col] for r in rows[rows.index(header) + 1 :] if r and r[col] in PLACES}
    assert places == set(PLACES)
    assert (tmp_path / "台账" / "县汇总河长名册.xlsx").exists()
    # And the county 通报 from the command line, like every document.
    target = tmp_path / "通报.docx"
    assert main(["doc", "county", "--db", str(out), "-o", str(target), "--year", "2024"]) == 0
    assert target.exists()


def test_a_township_file_of_an_older_version_is_read_from_an_upgraded_copy(files, tmp_path) -> None:
    from hzconsole.store.database import create_database
    from hzconsole.store.migrations import MIGRATIONS

    old = tmp_path / "旧版本乡镇.db"
    with create_database(old, "石门镇河长制办公室", migrations=MIGRATIONS[:1]) as db:
        rivers.add(db, {"name": "石门河", "kind": "河流", "level": "乡级"})
        fid = db.file_id
    before = sha(old)
    result = rollup([files[0], old], tmp_path / "县汇总.db", year=2024)
    assert [t.ok for t in result.townships] == [True, True], result.townships[1].message
    assert sha(old) == before  # upgraded in a temporary copy, not in place
    with open_database(tmp_path / "县汇总.db", readonly=True) as county:
        assert county.scalar("SELECT name FROM county_rivers WHERE township_id = ?", (fid,)) == "石门河"
