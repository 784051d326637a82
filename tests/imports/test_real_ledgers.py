"""Real ledgers of real offices (tests/fixtures/real/ledgers, from real-imports): each in both
punctuation forms and as .xlsx and .xls, imported through `hzconsole import` with the
--map / --default / --add-missing a clerk would give after reading the dry run, and every
row checked in the fields it must land in."""

from __future__ import annotations

from pathlib import Path

import pytest

from hzconsole.cli import main
from hzconsole.store.database import Database, open_database

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "ledgers"
FORMS = [(form, ext) for form in ("fw", "hw") for ext in ("xlsx", "xls")]
FW_PAREN = "\uff08"


def clerk(db: Database, capsys: pytest.CaptureFixture[str], kind: str, name: str, *options: str) -> str:
    """The dry run, then the import, as the clerk types them; returns the import's report."""
    path = db.path
    db.close()
    args = ["import", kind, str(REAL / name), "--db", str(path), *options]
    assert main([*args, "--dry-run"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(args) == 0, capsys.readouterr().out
    return capsys.readouterr().out


def rows(path: Path, sql: str) -> list[tuple]:
    with open_database(path, readonly=True) as db:
        return [tuple(r) for r in db.query(sql)]


@pytest.mark.parametrize("form, ext", FORMS)
def test_l1_signboards_20_boards(db: Database, capsys: pytest.CaptureFixture[str], form: str, ext: str) -> None:
    path = db.path
    out = clerk(
        db,
        capsys,
        "signboards",
        f"L1_signboards.{form}.{ext}",
        "--add-missing",
        "--default",
        "内容更新日期=2018年1月1日",
    )
    assert "已导入" in out
    boards = rows(
        path,
        "SELECT s.number, r.name, s.location, s.content_date FROM signboards s"
        " JOIN rivers r ON r.id = s.river_id ORDER BY s.number",
    )
    assert len(boards) == 20
    assert {b[1] for b in boards} == {"沙河涌"} and {b[3] for b in boards} == {"2018-01-01"}
    assert ("SHC-Z-01", "沙河涌", "天河路跨涌桥下游堤岸", "2018-01-01") in boards
    # The chiefs' mobiles beside the board are not its 监督电话.
    assert rows(path, "SELECT count(*) FROM signboards WHERE supervision_phone IS NOT NULL") == [(0,)]


@pytest.mark.parametrize("form, ext", FORMS)
def test_l3_outfall_problems_17(db: Database, capsys: pytest.CaptureFixture[str], form: str, ext: str) -> None:
    path = db.path
    clerk(
        db,
        capsys,
        "problems",
        f"L3_problems.{form}.{ext}",
        "--add-missing",
        "--map",
        "排水口编号=问题编号",
        "--map",
        "位置=具体位置",
        "--default",
        "发现日期=2016年11月30日",
        "--default",
        "问题描述=排水口待整治",
    )
    found = rows(
        path,
        "SELECT p.number, r.name, p.found_date, p.deadline, p.description, p.measures,"
        " p.responsible_unit, p.location FROM problems p JOIN rivers r ON r.id = p.river_id"
        " ORDER BY p.number",
    )
    assert len(found) == 17
    assert found[0][:7] == (
        "001",
        "景泰涌",
        "2016-11-30",
        "2016-12-12",
        "淤积严重",
        "采取管理措施" + ("\uff0c" if form == "fw" else ",") + "清理垃圾和淤积",
        "区水务局负责整改",
    )
    assert found[1][4] == "排水口待整治"  # a blank 问题描述 takes the default
    assert found[9][4].startswith("雨污混流")
    assert found[0][7].startswith("位置")


@pytest.mark.parametrize("form, ext", FORMS)
def test_l5_rivers_basin_is_not_the_parent(
    db: Database, capsys: pytest.CaptureFixture[str], form: str, ext: str
) -> None:
    path = db.path
    out = clerk(db, capsys, "rivers", f"L5_rivers.{form}.{ext}", "--add-missing")
    assert "「所属水系」" in out and "贡水" in out
    found = rows(
        path,
        "SELECT r.name, r.code, r.length_km, r.catchment_km2, p.name, r.source FROM rivers r"
        " LEFT JOIN rivers p ON p.id = r.parent_id ORDER BY r.code",
    )
    assert len(found) == 5  # the 4 rivers of the sheet, and 贡水 that it names as a parent
    assert ("琴江", "AFA20000000L", 92.5, 1042.0, "贡水", "石城县横江镇") in found
    assert {r[4] for r in found if r[0] in ("小松河", "横江河", "高田河")} == {"琴江"}
    assert not any("水系" in (r[4] or "") for r in found)


@pytest.mark.parametrize("form, ext", FORMS)
def test_l7_paper_patrol_form_two_row_header_and_footer(
    db: Database, capsys: pytest.CaptureFixture[str], form: str, ext: str
) -> None:
    path = db.path
    out = clerk(db, capsys, "patrols", f"L7_patrols.{form}.{ext}", "--add-missing")
    assert "表头在第 3–4 行" in out
    found = rows(
        path,
        "SELECT t.date, p.name, r.name, t.seen, t.notes FROM patrols t JOIN people p"
        " ON p.id = t.person_id JOIN rivers r ON r.id = t.river_id ORDER BY t.date",
    )
    assert [f[:3] for f in found] == [
        ("2024-06-03", "张三柱", "白沙河"),
        ("2024-06-10", "张三柱", "白沙河"),
        ("2024-06-12", "李四", "石门溪"),
        ("2024-06-17", "张三柱", "白沙河"),
    ]
    assert found[0][3] == "河面有少量漂浮物"
    assert "白沙村桥—石门村桥" in found[0][4] and "已处理" in found[0][4] and "已清理" in found[0][4]
    # Neither the sub-header row nor the 填表人 / 注 footer rows became patrols or people.
    assert rows(path, "SELECT count(*) FROM people") == [(2,)]


@pytest.mark.parametrize("form, ext", FORMS)
def test_l8_task_table(db: Database, capsys: pytest.CaptureFixture[str], form: str, ext: str) -> None:
    path = db.path
    clerk(db, capsys, "tasks", f"L8_tasks.{form}.{ext}", "--year", "2017")
    found = rows(
        path,
        "SELECT t.seq, s.title, t.text, t.lead_units, t.coop_units, t.implementers, p.title"
        " FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_sections s"
        " ON s.id = t.section_id ORDER BY t.seq",
    )
    assert [f[0] for f in found] == [1, 2, 3]
    assert found[0][6] == "平顶山市全面推行河长制"
    assert {f[1] for f in found} == {"加强水资源保护"}
    assert found[2][2].startswith("严守用水效率控制红线\uff1a抓好工业节水")
    assert found[0][3] == "市水利局" and found[0][4].startswith("市发展改革委")
    paren = FW_PAREN if form == "fw" else "("
    assert found[0][5] == f"各县{paren}市、区" + ("\uff09" if form == "fw" else ")") + (
        "党委和人民政府" + ("\uff0c" if form == "fw" else ",") + "城乡一体化示范区、高新区党工委和管委会"
    )


@pytest.mark.parametrize("form, ext", FORMS)
def test_l1_read_as_a_wide_roster(db: Database, capsys: pytest.CaptureFixture[str], form: str, ext: str) -> None:
    """The same board ledger lists the 区级, 镇(街)级 and 社区级 chiefs of each stretch side by
    side: read as a roster, one appointment per level, the people once each."""
    path = db.path
    out = clerk(
        db, capsys, "chiefs", f"L1_signboards.{form}.{ext}", "--add-missing", "--default", "任职日期=2018年1月1日"
    )
    assert "G「河长姓名」→县级河长姓名" in out
    found = rows(
        path,
        "SELECT p.name, p.unit, p.phone, a.level FROM appointments a JOIN people p"
        " ON p.id = a.person_id ORDER BY p.name, a.level",
    )
    assert ("唐锡汉", "天河区人民政府", None, "县级") in found
    assert ("李军初", "天河南街道办", "13900002669", "乡级") in found
    assert ("何洁仪", "广和社区", "13600007930", "村级") in found
    assert rows(path, "SELECT count(*) FROM people") == [(20,)]
    assert {r[3] for r in found} == {"县级", "乡级", "村级"}
    # The fourth group (姓名/单位/职务/联系电话, the river's manager) names no level: not a chief.
    assert not any(r[0] == "张雪芳" for r in found)
