"""The books' workflows: appointment changes keep history, the problem flow, the register
of issued documents, plans, settings and narratives."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from hzconsole.books import narratives
from hzconsole.books.models import Person
from hzconsole.books.plans import create_plan, outline
from hzconsole.books.problems import (
    TRANSITIONS,
    act,
    allowed_actions,
    events,
    next_number,
    problems,
)
from hzconsole.books.register import cancel, format_number, issue, next_seq, register
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import appointments, change_appointment, end_appointment, people
from hzconsole.books.settings import DEFAULT_NORMS, load_settings, save_settings
from hzconsole.books.signboards import mark_reprinted, signboards
from hzconsole.store.changelog import recent
from hzconsole.store.check import check_file
from hzconsole.store.database import Database
from hzconsole.store.errors import NotFoundError, RuleError, ValidationError


@pytest.fixture
def river(db: Database) -> str:
    return rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级", "catchment_km2": 186}).id


# -- rivers, segments, boards ------------------------------------------------------------


def test_rivers_segments_and_boards(db: Database, river: str) -> None:
    trib = rivers.add(db, {"name": "柳溪", "parent_id": river, "level": "村级"})
    with pytest.raises(RuleError, match="自己的支流"):
        rivers.update(db, trib.id, {"parent_id": trib.id})
    with pytest.raises(NotFoundError):
        rivers.add(db, {"name": "无源河", "parent_id": str(uuid.uuid4()), "level": "村级"})
    seg = segments.add(db, {"river_id": river, "name": "青石河白沙村段", "length_km": "3.2公里"})
    assert [s.name for s in segments.of_river(db, river)] == ["青石河白沙村段"]
    assert [r.id for r in rivers.all(db, "name = ?", ("青石河",))] == [river]
    board = signboards.add(
        db,
        {
            "number": "QS-001",
            "river_id": river,
            "segment_id": seg.id,
            "content_date": "2024-01-05",
            "condition": "损坏",
        },
    )
    again = mark_reprinted(db, board.id, date(2024, 6, 1))
    assert (again.content_date, again.condition, again.last_inspection) == (date(2024, 6, 1), "完好", date(2024, 6, 1))
    for record in (trib, seg, board):
        assert uuid.UUID(record.id).version == 4
        assert record.created_at and record.updated_at


# -- roster --------------------------------------------------------------------------------


def test_appointment_change_keeps_history(db: Database, river: str) -> None:
    zhang = people.add(db, {"name": "張三柱", "post": "副鎮長", "phone": "13800001111"})
    li = people.add(db, Person(name="李四"))
    first = appointments.add(
        db, {"person_id": zhang.id, "level": "乡级", "river_id": river, "start_date": "2023-01-01"}
    )
    result = change_appointment(db, first.id, date(2024, 3, 1), li.id)
    assert (result.ended.id, result.ended.end_date, result.ended.end_reason) == (first.id, date(2024, 3, 1), "工作调整")
    assert (
        result.started.person_id,
        result.started.role,
        result.started.level,
        result.started.river_id,
        result.started.start_date,
    ) == (li.id, "河长", "乡级", river, date(2024, 3, 1))
    # A new person can be given instead of an existing one.
    third = change_appointment(
        db,
        result.started.id,
        date(2024, 9, 1),
        None,
        successor={"name": "王五", "phone": "0795-7261234"},
        reason="退休",
    )
    wang = people.get(db, third.started.person_id)
    assert (wang.name, wang.phone) == ("王五", "0795-7261234")
    # Nothing overwritten: three appointments in a row, each ending the day the next starts.
    history = [(people.get(db, a.person_id).name, a.start_date, a.end_date) for a in appointments.all(db)]
    assert history == [
        ("张三柱", date(2023, 1, 1), date(2024, 3, 1)),
        ("李四", date(2024, 3, 1), date(2024, 9, 1)),
        ("王五", date(2024, 9, 1), None),
    ]
    assert [a.person_id for a in appointments.active(db, date(2024, 8, 31))] == [li.id]
    assert [a.person_id for a in appointments.active(db, date(2024, 9, 1))] == [wang.id]
    assert len(appointments.of_person(db, zhang.id)) == 1
    with pytest.raises(RuleError, match="已于 2024-03-01 结束"):
        change_appointment(db, first.id, date(2024, 4, 1), zhang.id)
    with pytest.raises(RuleError, match="人事调整"):
        appointments.update(db, third.started.id, {"person_id": zhang.id})
    with pytest.raises(RuleError, match="不能早于任职日期"):
        end_appointment(db, third.started.id, date(2024, 1, 1))


def test_failed_change_changes_nothing(db: Database, river: str) -> None:
    zhang = people.add(db, {"name": "张三"})
    first = appointments.add(
        db, {"person_id": zhang.id, "level": "乡级", "river_id": river, "start_date": "2023-01-01"}
    )
    log = len(recent(db, 1000))
    with pytest.raises(ValidationError, match="联系电话"):
        change_appointment(db, first.id, date(2024, 3, 1), None, successor={"name": "王五", "phone": "123"})
    assert appointments.get(db, first.id).end_date is None
    assert people.count(db) == 1 and len(recent(db, 1000)) == log


def test_appointment_needs_a_river_and_consistent_segment(db: Database, river: str) -> None:
    zhang = people.add(db, {"name": "张三"})
    other = rivers.add(db, {"name": "白沙河", "level": "村级"})
    seg = segments.add(db, {"river_id": river, "name": "上游段"})
    with pytest.raises(RuleError, match="必须填写任职的河湖或河段"):
        appointments.add(db, {"person_id": zhang.id, "level": "村级", "start_date": "2024-01-01"})
    with pytest.raises(ValidationError, match="不属于所选河湖"):
        appointments.add(
            db,
            {
                "person_id": zhang.id,
                "level": "村级",
                "river_id": other.id,
                "segment_id": seg.id,
                "start_date": "2024-01-01",
            },
        )
    a = appointments.add(db, {"person_id": zhang.id, "level": "村级", "segment_id": seg.id, "start_date": "2024-01-01"})
    assert a.river_id == river  # taken from the segment
    chief = appointments.add(db, {"person_id": zhang.id, "role": "总河长", "level": "乡级", "start_date": "2024-01-01"})
    assert chief.river_id is None


# -- problems ------------------------------------------------------------------------------


def _problem(db: Database, river: str, **extra) -> str:
    return problems.add(
        db,
        {
            "number": next_number(db, 2024),
            "river_id": river,
            "found_date": "2024-06-01",
            "description": "河岸堆放建筑垃圾",
            "category": "乱堆",
            **extra,
        },
    ).id


ASSIGN = {"responsible_unit": "青石村", "deadline": "2024-06-30"}


def test_every_legal_transition(db: Database, river: str) -> None:
    # 待交办 -交办-> 已交办 -反馈-> 整改中 -反馈-> 整改中 -整改完成-> 已整改 -退回-> 整改中
    # -整改完成-> 已整改 -销号-> 已销号; and 已交办 -整改完成-> 已整改; 已交办 -退回-> 待交办.
    pid = _problem(db, river)
    steps = [
        ("交办", {"changes": ASSIGN}, "已交办"),
        ("反馈", {"opinion": "已安排人员清理"}, "整改中"),
        ("反馈", {"opinion": "清理过半"}, "整改中"),
        ("整改完成", {"on": date(2024, 6, 20), "changes": {"evidence": "整改前后照片"}}, "已整改"),
        ("退回", {"opinion": "仍有残留"}, "整改中"),
        ("整改完成", {"on": date(2024, 6, 25)}, "已整改"),
        ("销号", {"on": date(2024, 6, 28), "opinion": "经核查已整改到位"}, "已销号"),
    ]
    for action, kw, status in steps:
        assert act(db, pid, action, actor="周晓燕", **kw).status == status
    p = problems.get(db, pid)
    assert (p.fixed_date, p.closed_date, p.evidence, p.responsible_unit) == (
        date(2024, 6, 25),
        date(2024, 6, 28),
        "整改前后照片",
        "青石村",
    )
    log = events(db, pid)
    assert [(e.action, e.from_status, e.to_status) for e in log] == [
        ("交办", "待交办", "已交办"),
        ("反馈", "已交办", "整改中"),
        ("反馈", "整改中", "整改中"),
        ("整改完成", "整改中", "已整改"),
        ("退回", "已整改", "整改中"),
        ("整改完成", "整改中", "已整改"),
        ("销号", "已整改", "已销号"),
    ]
    assert all(e.actor == "周晓燕" and e.at for e in log)
    assert log[4].opinion == "仍有残留"
    assert allowed_actions("已销号") == []

    short = _problem(db, river)
    act(db, short, "交办", actor="周晓燕", changes=ASSIGN)
    assert act(db, short, "整改完成", actor="青石村", on=date(2024, 6, 3)).status == "已整改"
    back = _problem(db, river)
    act(db, back, "交办", actor="周晓燕", changes=ASSIGN)
    assert act(db, back, "退回", actor="青石村", opinion="不属于本村").status == "待交办"
    assert check_file(db.path).healthy


@pytest.mark.parametrize(
    "status, action",
    [
        (status, action)
        for status, path in {
            "待交办": [],
            "已交办": ["交办"],
            "整改中": ["交办", "反馈"],
            "已整改": ["交办", "整改完成"],
            "已销号": ["交办", "整改完成", "销号"],
        }.items()
        for action in TRANSITIONS
        if status not in TRANSITIONS[action].sources
    ],
)
def test_illegal_transitions_are_refused_with_a_message(db: Database, river: str, status: str, action: str) -> None:
    pid = _problem(db, river)
    path = {
        "已交办": ["交办"],
        "整改中": ["交办", "反馈"],
        "已整改": ["交办", "整改完成"],
        "已销号": ["交办", "整改完成", "销号"],
    }.get(status, [])
    for step in path:
        act(db, pid, step, actor="周晓燕", changes=ASSIGN if step == "交办" else None)
    before = (problems.get(db, pid), len(events(db, pid)))
    with pytest.raises(RuleError) as info:
        act(db, pid, action, actor="周晓燕", opinion="意见", changes=ASSIGN)
    assert f"当前状态为「{status}」\uff0c不能「{action}」" in info.value.message
    assert (problems.get(db, pid), len(events(db, pid))) == before


def test_action_preconditions(db: Database, river: str) -> None:
    pid = _problem(db, river)
    with pytest.raises(RuleError, match="责任单位和整改时限"):
        act(db, pid, "交办", actor="周晓燕")
    with pytest.raises(RuleError, match="请填写经办人"):
        act(db, pid, "交办", actor=" ", changes=ASSIGN)
    with pytest.raises(RuleError, match="未知的操作"):
        act(db, pid, "删除", actor="周晓燕")
    act(db, pid, "交办", actor="周晓燕", changes=ASSIGN)
    with pytest.raises(RuleError, match="必须填写意见"):
        act(db, pid, "退回", actor="周晓燕")
    with pytest.raises(ValidationError, match="整改完成日期不能早于发现日期"):
        act(db, pid, "整改完成", actor="青石村", on=date(2024, 5, 1))
    with pytest.raises(RuleError, match="只能通过"):
        problems.update(db, pid, {"status": "已销号"})
    assert problems.get(db, pid).status == "已交办"


def test_problem_entered_past_the_first_status_gets_a_history(db: Database, river: str) -> None:
    pid = _problem(db, river, status="已整改", fixed_date="2024-06-10", responsible_unit="青石村")
    assert [(e.action, e.to_status) for e in events(db, pid)] == [("登记", "已整改")]
    assert act(db, pid, "销号", actor="周晓燕", on=date(2024, 6, 12)).status == "已销号"
    assert check_file(db.path).healthy


def test_problem_numbers(db: Database, river: str) -> None:
    assert next_number(db, 2024) == "WT2024-001"
    _problem(db, river)
    _problem(db, river)
    assert next_number(db, 2024) == "WT2024-003"
    assert next_number(db, 2025) == "WT2025-001"


# -- register --------------------------------------------------------------------------------


def test_register_numbers_without_gaps_or_repeats(db: Database) -> None:
    save_settings(db, {"doc_code": "樟河办"})
    docs = [issue(db, title=f"通知{i}", kind="通知", on=date(2024, 3, i + 1)) for i in range(5)]
    assert [d.doc_number for d in docs] == [f"樟河办〔2024〕{i}号" for i in range(1, 6)]
    cancelled = cancel(db, docs[2].id, "内容有误")
    assert (cancelled.status, cancelled.cancel_reason) == ("已作废", "内容有误")
    after = issue(db, title="通知6", kind="通知", on=date(2024, 4, 1), recipients="各村(社区)")
    assert after.doc_number == "樟河办〔2024〕6号"  # the cancelled 3 is not reused
    assert issue(db, title="新年第一号", kind="通报", on=date(2025, 1, 2)).doc_number == "樟河办〔2025〕1号"
    assert next_seq(db, 2024) == 7 and next_seq(db, 2026) == 1
    seqs = [d.seq for d in register.all(db, "year = 2024")]
    assert sorted(seqs) == list(range(1, 7))
    assert [d.status for d in register.all(db, "year = 2024")].count("已作废") == 1
    with pytest.raises(RuleError, match="已经作废"):
        cancel(db, docs[2].id, "再次")
    with pytest.raises(RuleError, match="必须填写原因"):
        cancel(db, docs[1].id, " ")
    with pytest.raises(RuleError, match="不能删除"):
        register.delete(db, docs[4].id)
    with pytest.raises(RuleError, match="年份和序号不能修改"):
        register.update(db, docs[4].id, {"seq": 9})
    assert format_number("青河办", 2024, 12) == "青河办〔2024〕12号"
    assert check_file(db.path).healthy


def test_register_gap_is_reported_by_check(db: Database) -> None:
    issue(db, title="一", kind="通知", on=date(2024, 1, 2))
    with db.transaction():
        db.insert(
            "documents",
            {"year": 2024, "seq": 3, "doc_number": "x〔2024〕3号", "title": "三", "kind": "通知", "date": "2024-01-05"},
        )
    report = check_file(db.path)
    assert report.problems == ["发文登记 2024年第3号 前有缺号"]


# -- plans, settings, narratives --------------------------------------------------------------


def test_plan_outline_numbers_tasks_across_sections(db: Database) -> None:
    plan = create_plan(
        db,
        {"year": 2024, "title": "2024年河湖长制工作要点", "doc_number": "樟河办〔2024〕1号"},
        [
            {
                "title": "强化河长制工作机制",
                "tasks": [{"text": "落实巡河制度", "lead_units": "镇河长办"}],
                "children": [{"title": "会议制度", "tasks": [{"text": "召开总河长会议", "deadline": "2024年3月31日"}]}],
            },
            {"title": "保障措施", "tasks": [{"text": "加强宣传"}, {"text": "强化督查"}]},
        ],
    )
    root = outline(db, plan.id)
    titles = [(n.section.seq, n.section.title) for n in root.children]
    assert titles == [(1, "强化河长制工作机制"), (2, "保障措施")]
    first, second = root.children
    assert [(t.seq, t.text) for t in first.tasks] == [(1, "落实巡河制度")]
    assert [(t.seq, t.text, t.deadline) for t in first.children[0].tasks] == [(2, "召开总河长会议", date(2024, 3, 31))]
    assert [t.seq for t in second.tasks] == [3, 4]
    with pytest.raises(ValidationError, match="任务内容"):
        create_plan(db, {"year": 2024, "title": "坏计划"}, [{"title": "一", "tasks": [{"text": ""}]}])
    assert db.scalar("SELECT count(*) FROM plans") == 1  # the bad plan left nothing


def test_settings_norms_and_narratives(db: Database) -> None:
    s = load_settings(db)
    assert s.office_name == "樟树镇河长制办公室" and s.patrol_norms == DEFAULT_NORMS
    assert s.mark == "樟树镇河长制办公室文件" and s.printer == "樟树镇河长制办公室"
    saved = save_settings(
        db,
        {
            "patrol_norms": [{"level": "镇", "period": "month", "count": 2, "min_minutes": 5}],
            "norm_scope": "per_river",
            "signboard_update_days": 15,
            "supervision_phone": "（0795）7261234",
        },
    )
    assert saved.patrol_norms[0].level == "乡级" and saved.supervision_phone == "0795-7261234"
    again = load_settings(db)
    assert (again.norm_scope, again.signboard_update_days, again.patrol_norms[0].count) == ("per_river", 15, 2)
    with pytest.raises(ValidationError, match="公示牌更新时限"):
        save_settings(db, {"signboard_update_days": 0})
    narratives.set_text(db, "summary:2024", "problems", "一是部分村级河长巡河不到位。\n二是……")
    narratives.set_text(db, "summary:2024", "problems", "一是巡河不到位。")
    narratives.set_text(db, "summary:2024", "next_steps", "继续加强巡河。")
    assert narratives.get_text(db, "summary:2024", "problems") == "一是巡河不到位。"
    assert narratives.get_all(db, "summary:2024") == {"problems": "一是巡河不到位。", "next_steps": "继续加强巡河。"}
    assert narratives.get_text(db, "summary:2023", "problems") is None


def test_a_stored_setting_this_version_cannot_use_falls_back_to_its_default(db: Database) -> None:
    with db.transaction():
        db.set_setting("signboard_update_days", "三十")  # typed by hand, or by a newer version
        db.set_setting("patrol_norms", [{"level": "乡级", "period": "fortnight", "count": 1}])
        db.set_setting("doc_code", "樟河办")
    s = load_settings(db)
    assert (s.signboard_update_days, s.patrol_norms, s.doc_code) == (30, DEFAULT_NORMS, "樟河办")
