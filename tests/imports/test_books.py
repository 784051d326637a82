"""River list, signboards, problems and task lists: what each import may create and how a
second import of the same sheet finds what the first wrote."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hzconsole.books.problems import act, problems
from hzconsole.imports import preview_import, run_import
from hzconsole.imports.kinds.problems import status_path
from hzconsole.store.database import Database

from .conftest import snapshot, workbook


def test_river_list_with_segments_merged_down(township: Database, tmp_path: Path) -> None:
    rows = [
        ["白沙镇河湖名录(2024年)"],
        [
            "序号",
            "河流名称",
            "类型",
            "级别",
            "流域面积(km²)",
            "河道长度(米)",
            "上级河湖",
            "河段名称",
            "河段长度",
            "流经村",
        ],
        [1, "石门溪", "溪", "村", "8.5", 4200, "清水河", "石门溪上段", 2.1, "石门村"],
        [None, None, None, None, None, None, None, "石门溪下段", 2.1, "石门村、白沙村"],
        [2, "清水河", "河道", "镇级", "５６", "15000", "白沙河", None, None, "清水村"],
        [3, "青石河", None, None, None, 12500, None, "青石河白沙村段", "3.6", None],
        [4, "石门溪", "河流", "村级", 9.0, None, None, None, None, None],
        [5, "龙潭", None, None, None, None, None, None, None, None],
    ]
    path = workbook(
        tmp_path / "名录.xlsx", rows, merges=["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4"]
    )
    report = preview_import(township, "rivers", path)
    assert [r.text() for r in report.rows] == [
        "第 3 行 石门溪 / 石门溪上段",
        "第 4 行 石门溪 / 石门溪下段",
        "第 5 行 清水河",
        "第 6 行 青石河 / 青石河白沙村段\uff1a长度\uff08公里\uff09\uff1a\uff08空\uff09 → 3.6",
        "第 7 行 石门溪\uff1a与第 3 行是同一条河湖\uff08名称和类型相同\uff09\uff0c但内容不同\uff1a流域面积\uff08平方公里\uff09",
        "第 8 行 龙潭\uff1a「河流名称」\uff08B列\uff09\uff1a有 2 个河湖都叫「龙潭」\uff1a龙潭\uff08山塘\uff0c村级\uff09、龙潭\uff08水库\uff0c村级\uff09\uff0c"
        "请在表中增加“类型”列或写明河段",
    ]
    assert [r.action for r in report.rows] == ["add", "add", "add", "change", "refuse", "refuse"]
    del rows[6:]
    path = workbook(
        tmp_path / "名录2.xlsx", rows, merges=["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4"]
    )
    report = run_import(township, "rivers", path)
    assert report.written, report.text()
    got = {
        r["name"]: dict(r)
        for r in township.query(
            "SELECT r.name, r.kind, r.level, r.catchment_km2, r.length_km, p.name AS parent FROM rivers r"
            " LEFT JOIN rivers p ON p.id = r.parent_id"
        )
    }
    assert got["石门溪"] == {
        "name": "石门溪",
        "kind": "河流",
        "level": "村级",
        "catchment_km2": 8.5,
        "length_km": 4.2,
        "parent": "清水河",
    }
    assert got["清水河"] == {
        "name": "清水河",
        "kind": "河流",
        "level": "乡级",
        "catchment_km2": 56.0,
        "length_km": 15.0,
        "parent": "白沙河",
    }
    assert township.scalar("SELECT count(*) FROM segments WHERE name LIKE '石门溪%'") == 2
    assert not preview_import(township, "rivers", path).has_work


def test_problem_status_moves_forward_through_the_actions(township: Database, tmp_path: Path) -> None:
    head = [
        "问题编号",
        "所在河湖",
        "发现时间",
        "问题来源",
        "问题类型",
        "问题描述",
        "责任单位",
        "整改期限",
        "整改情况",
        "整改完成时间",
    ]
    path = workbook(
        tmp_path / "问题.xlsx",
        [
            head,
            ["WT2024-007", "青石河", "2024-05-06", "群众反映", "生活垃圾", "河岸堆放垃圾", None, None, "待交办", None],
            ["WT2024-008", "白沙河", "2024-05-07", "巡河", "乱建", "违建棚屋", "白沙村", "2024-06-30", "已交办", None],
        ],
    )
    assert run_import(township, "problems", path).written
    assert [
        tuple(r) for r in township.query("SELECT number, source, category, status FROM problems ORDER BY number")
    ] == [("WT2024-007", "群众举报", "垃圾", "待交办"), ("WT2024-008", "巡河发现", "乱建", "已交办")]
    path = workbook(
        tmp_path / "问题2.xlsx",
        [
            head,
            [
                "WT2024-007",
                "青石河",
                "2024-05-06",
                "群众反映",
                "生活垃圾",
                "河岸堆放垃圾",
                None,
                None,
                "已完成",
                "2024-05-20",
            ],
            [
                "WT2024-008",
                "白沙河",
                "2024-05-07",
                "巡河",
                "乱建",
                "违建棚屋",
                "白沙村",
                "2024-06-30",
                "已销号",
                "2024-06-10",
            ],
        ],
    )
    report = run_import(township, "problems", path)
    assert [r.text() for r in report.refused] == [
        "第 2 行 WT2024-007 青石河 河岸堆放垃圾\uff1a「整改情况」\uff08I列\uff09\uff1a状态改为「已整改」需要先交办\uff0c"
        "交办时必须填写责任单位和整改时限"
    ]
    rows = [list(r) for r in (head,)] + [
        [
            "WT2024-007",
            "青石河",
            "2024-05-06",
            "群众反映",
            "生活垃圾",
            "河岸堆放垃圾",
            "青石村",
            "2024-05-31",
            "已完成",
            "2024-05-20",
        ],
        [
            "WT2024-008",
            "白沙河",
            "2024-05-07",
            "巡河",
            "乱建",
            "违建棚屋",
            "白沙村",
            "2024-06-30",
            "已销号",
            "2024-06-10",
        ],
    ]
    report = run_import(township, "problems", workbook(tmp_path / "问题3.xlsx", rows))
    assert report.written, report.text()
    assert [r.text() for r in report.rows] == [
        "第 2 行 WT2024-007 青石河 河岸堆放垃圾\uff1a责任单位\uff1a\uff08空\uff09 → 青石村\uff1b整改时限\uff1a\uff08空\uff09 → 2024年5月31日\uff1b"
        "整改完成日期\uff1a\uff08空\uff09 → 2024年5月20日\uff1b状态\uff1a待交办 → 已整改\uff08状态按 交办→整改完成 办理\uff09",
        "第 3 行 WT2024-008 白沙河 违建棚屋\uff1a整改完成日期\uff1a\uff08空\uff09 → 2024年6月10日\uff1b状态\uff1a已交办 → 已销号"
        "\uff08状态按 整改完成→销号 办理\uff09",
    ]
    p7 = township.scalar("SELECT id FROM problems WHERE number = 'WT2024-007'")
    events = [
        tuple(r)
        for r in township.query(
            "SELECT action, to_status, actor FROM problem_events WHERE problem_id = ? ORDER BY at, rowid", (p7,)
        )
    ]
    assert events == [
        ("导入", "待交办", "导入\uff1a问题.xlsx"),
        ("交办", "已交办", "导入\uff1a问题3.xlsx"),
        ("整改完成", "已整改", "导入\uff1a问题3.xlsx"),
    ]
    assert township.scalar("SELECT fixed_date FROM problems WHERE id = ?", (p7,)) == "2024-05-20"
    # An older sheet cannot take a problem back.
    act(township, p7, "销号", actor="周晓燕", on=date(2024, 5, 25))
    before = snapshot(township)
    report = run_import(township, "problems", workbook(tmp_path / "问题3.xlsx", rows))
    assert "状态不能倒退" in report.refused[0].text() and snapshot(township) == before
    assert problems.get(township, p7).status == "已销号"


def test_status_paths() -> None:
    assert status_path("待交办", "已销号") == [("交办", "已交办"), ("整改完成", "已整改"), ("销号", "已销号")]
    assert status_path("整改中", "整改中") == []
    assert status_path("已整改", "已交办") is None


def test_problems_without_numbers_get_one_and_keep_it(township: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "p.xlsx",
        [
            ["河湖", "发现日期", "问题描述"],
            ["青石河", "2024年3月1日", "排污口一处"],
            ["青石河", "2024年3月1日", "排污口一处"],
            ["白沙河", "2024-03-02", "垃圾"],
        ],
    )
    report = run_import(township, "problems", path)
    assert report.counts == {"add": 2, "change": 0, "same": 0, "dup": 1, "refuse": 0}
    assert [r[0] for r in township.query("SELECT number FROM problems ORDER BY number")] == ["WT2024-001", "WT2024-002"]
    assert not preview_import(township, "problems", path).has_work


def test_signboards(township: Database, tmp_path: Path) -> None:
    rows = [
        ["公示牌编号", "所在河流", "河段", "位置", "安装日期", "监督电话", "完好情况"],
        ["QS-01", "青石河", "青石村段", "青石桥头", "2023.5.1", "12314", "良好"],
        ["QS-02", "白沙河", None, "村部旁", None, "1234", "破损"],
        ["QS-03", "黑水河", None, None, "2023-05-01", None, None],
    ]
    report = run_import(township, "signboards", workbook(tmp_path / "牌.xlsx", rows))
    assert [r.text() for r in report.refused] == [
        "第 3 行 QS-02 白沙河\uff1a「监督电话」\uff08F列\uff09\uff1a「1234」不是有效的电话号码\uff1a手机号应为 11 位数字\uff0c固定电话应带区号"
        "\uff08如 0795-1234567\uff09\uff1b「内容更新日期」\uff1a必须填写\uff08也可以只填写设立日期\uff09",
        "第 4 行 QS-03 黑水河\uff1a「所在河流」\uff08B列\uff09\uff1a找不到河湖「黑水河」\uff0c请先导入或录入河湖名录",
    ]
    rows[2][4:6] = ["2023-06-01", "0795-7261234"]
    del rows[3]
    assert run_import(township, "signboards", workbook(tmp_path / "牌2.xlsx", rows)).written
    assert [
        tuple(r)
        for r in township.query(
            "SELECT number, content_date, condition, segment_id IS NOT NULL FROM signboards ORDER BY number"
        )
    ] == [("QS-01", "2023-05-01", "完好", 1), ("QS-02", "2023-06-01", "损坏", 0)]


def test_task_list_creates_its_plan_once(township: Database, tmp_path: Path) -> None:
    rows = [
        ["白沙镇2024年河湖长制工作计划任务清单"],
        ["序号", "类别", "工作任务", "责任单位", "配合部门", "时间节点", "完成情况", "状态"],
        ["一", "强化河长制", "落实巡河制度", "镇河长办", "各村", "2024年12月", None, "推进中"],
        ["2", "强化河长制", "召开总河长会议", "镇党政办", None, "2024-03-31", "已召开", "完成"],
        ["(3)", "水污染防治", "排查入河排污口", "镇生态环境办", None, "2024-09-30", None, None],
    ]
    path = workbook(tmp_path / "任务.xlsx", rows)
    report = preview_import(township, "tasks", path)
    assert [r.text() for r in report.refused] == [
        "第 3 行 1. 落实巡河制度\uff1a「时间节点」\uff08F列\uff09\uff1a「2024年12月」不是有效的日期\uff0c请按 2024-06-17 或 2024年6月17日 的格式填写"
    ]
    rows[2][5] = "2024-12-31"
    report = run_import(township, "tasks", workbook(tmp_path / "任务.xlsx", rows))
    assert report.written, report.text()
    assert "将新建工作计划《白沙镇2024年河湖长制工作计划》\uff082024年\uff09" in report.notes
    assert [tuple(r) for r in township.query("SELECT seq, text, lead_units, status FROM tasks ORDER BY seq")] == [
        (1, "落实巡河制度", "镇河长办", "进行中"),
        (2, "召开总河长会议", "镇党政办", "已完成"),
        (3, "排查入河排污口", "镇生态环境办", "未开始"),
    ]
    again = preview_import(township, "tasks", workbook(tmp_path / "任务.xlsx", rows))
    assert (
        not again.has_work
        and "任务将导入到已有的工作计划《白沙镇2024年河湖长制工作计划》\uff082024年\uff09" in again.notes
    )
