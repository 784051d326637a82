"""Every model validates its fields with Chinese labels and messages, all problems at once."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hzconsole.books.models import (
    Appointment,
    IssuedDocument,
    Patrol,
    Person,
    Plan,
    Problem,
    River,
    Segment,
    Signboard,
    Task,
)
from hzconsole.books.settings import OfficeSettings
from hzconsole.books.validation import validate
from hzconsole.store.errors import ValidationError


def _problems(model: type, data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate(model, data)
    return {p.field: f"{p.label}\uff1a{p.message}" for p in info.value.problems}


def test_river_required_name_kinds_levels_areas_lengths() -> None:
    found = _problems(River, {"name": "  ", "kind": "江", "level": "省级", "catchment_km2": "-3", "length_km": "很长"})
    assert found == {
        "name": "河湖名称\uff1a必须填写",
        "kind": "类型\uff1a「江」不是有效的河湖类型\uff0c应为\uff1a河流、湖泊、水库、山塘、渠道、小微水体",
        "level": "管理层级\uff1a「省级」不是有效的层级\uff0c应为\uff1a县级、乡级、村级",
        "catchment_km2": "流域面积\uff08平方公里\uff09\uff1a面积不能是负数",
        "length_km": "长度\uff08公里\uff09\uff1a「很长」不是有效的长度",
    }
    river = validate(
        River, {"name": "青石河", "level": "镇", "catchment_km2": "１８６平方公里", "length_km": "32.5公里"}
    )
    assert (river.kind, river.level, river.catchment_km2, river.length_km) == ("河流", "乡级", 186.0, 32.5)
    assert validate(River, {"name": "龍潭水庫", "kind": "水库", "level": "村"}).name == "龙潭水库"


def test_segment_and_unknown_fields() -> None:
    assert _problems(Segment, {"river_id": "r", "name": "", "length_km": "x"}) == {
        "name": "河段名称\uff1a必须填写",
        "length_km": "长度\uff08公里\uff09\uff1a「x」不是有效的长度",
    }
    assert _problems(River, {"name": "河", "颜色": "蓝"}) == {"颜色": "颜色\uff1a不是可填写的项目"}


def test_person_name_and_phone() -> None:
    assert _problems(Person, {"name": "", "phone": "138123"}) == {
        "name": "姓名\uff1a必须填写",
        "phone": "联系电话\uff1a「138123」不是有效的电话号码\uff1a手机号应为 11 位数字\uff0c固定电话应带区号\uff08如 0795-1234567\uff09",
    }
    assert _problems(Person, {"name": "张" * 31}) == {"name": "姓名\uff1a姓名过长"}
    p = validate(Person, {"name": "張三柱", "phone": "（0795）7261234", "unit": "灘頭村"})
    assert (p.name, p.phone, p.unit) == ("张三柱", "0795-7261234", "滩头村")
    assert validate(Person, {"name": "於海濤", "phone": "１３８ ０７９５ １２３４"}).name == "於海涛"


def test_appointment_roles_levels_and_dates() -> None:
    assert _problems(Appointment, {"person_id": "p", "role": "大河长", "level": "", "start_date": "明天"}) == {
        "role": "职责\uff1a「大河长」不是有效的职责\uff0c应为\uff1a总河长、副总河长、河长、副河长、民间河长、河长助理、巡河员、保洁员、警长、检察长",
        "level": "层级\uff1a必须填写",
        "start_date": "任职日期\uff1a「明天」不是有效的日期\uff0c请按 2024-06-17 或 2024年6月17日 的格式填写",
    }
    # A whole-record rule is reported on the field it concerns (forms show it inline).
    assert _problems(
        Appointment, {"person_id": "p", "level": "村", "start_date": "2024年6月1日", "end_date": "2024.5.1"}
    ) == {"end_date": "离任日期\uff1a离任日期不能早于任职日期"}
    a = validate(Appointment, {"person_id": "p", "level": "镇级", "start_date": "二〇二四年一月五日"})
    assert (a.role, a.level, a.start_date) == ("河长", "乡级", date(2024, 1, 5))
    assert a.active_on(date(2024, 1, 5)) and not a.active_on(date(2024, 1, 4))


def test_patrol_times_duration_distance() -> None:
    p = validate(
        Patrol,
        {
            "date": "2024年6月17日",
            "person_id": "p",
            "river_id": "r",
            "start_time": "8:30",
            "end_time": "9时15分",
            "distance_km": "1500米",
            "handled_on_spot": "是",
        },
    )
    assert (p.start_time, p.end_time, p.duration_min, p.distance_km, p.handled_on_spot) == (
        "08:30",
        "09:15",
        45,
        1.5,
        True,
    )
    assert (
        validate(
            Patrol,
            {"date": "2024-6-17", "person_id": "p", "river_id": "r", "start_time": "８：００", "duration_min": "1小时"},
        ).duration_min
        == 60
    )
    assert _problems(
        Patrol,
        {
            "date": "2024-02-30",
            "person_id": "p",
            "river_id": "r",
            "start_time": "25:00",
            "duration_min": "1.5",
            "handled_on_spot": "也许",
        },
    ) == {
        "date": "巡河日期\uff1a日期「2024-02-30」不存在\uff08请检查月份和日期\uff09",
        "start_time": "开始时间\uff1a时间「25:00」不存在",
        "duration_min": "巡河时长\uff08分钟\uff09\uff1a分钟数应为整数",
        "handled_on_spot": "是否现场处理\uff1a「也许」应填写“是”或“否”",
    }
    assert _problems(
        Patrol, {"date": "2024-06-17", "person_id": "p", "river_id": "r", "start_time": "9:00", "end_time": "8:00"}
    ) == {"end_time": "结束时间\uff1a结束时间不能早于开始时间"}


def test_problem_sources_categories_and_date_order() -> None:
    base = {"number": "WT2024-001", "river_id": "r", "found_date": "2024-06-10", "description": "河岸垃圾"}
    assert _problems(Problem, {**base, "source": "路人", "category": "乱倒", "description": ""}) == {
        "source": "问题来源\uff1a「路人」不是有效的问题来源\uff0c应为\uff1a巡河发现、群众举报、上级交办、暗访督查、卫星遥感图斑、媒体曝光",
        "category": "问题类别\uff1a「乱倒」不是有效的问题类别\uff0c应为\uff1a乱占、乱采、乱堆、乱建、垃圾、排污口、黑臭水体、非法采砂、非法捕捞、其他",
        "description": "问题描述\uff1a必须填写",
    }
    assert _problems(Problem, {**base, "deadline": "2024-06-01"}) == {
        "deadline": "整改时限\uff1a整改时限不能早于发现日期"
    }
    assert _problems(Problem, {**base, "status": "已整改"}) == {
        "fixed_date": "整改完成日期\uff1a状态为「已整改」时必须填写整改完成日期"
    }
    assert _problems(Problem, {**base, "status": "已销号", "fixed_date": "2024-06-12"}) == {
        "closed_date": "销号日期\uff1a状态为「已销号」时必须填写销号日期"
    }
    assert _problems(
        Problem, {**base, "status": "已销号", "fixed_date": "2024-06-12", "closed_date": "2024-06-11"}
    ) == {"closed_date": "销号日期\uff1a销号日期不能早于整改完成日期"}
    p = validate(Problem, {**base, "source": "卫星遥感图斑", "category": "亂建", "deadline": "2024年7月1日"})
    assert (p.category, p.deadline, p.status) == ("乱建", date(2024, 7, 1), "待交办")


def test_signboard_plan_task_document_settings() -> None:
    assert _problems(
        Signboard,
        {
            "number": "",
            "river_id": "r",
            "content_date": "",
            "lat": 100,
            "supervision_phone": "1234",
            "condition": "倒了",
        },
    ) == {
        "number": "公示牌编号\uff1a必须填写",
        "content_date": "内容更新日期\uff1a必须填写",
        "lat": "纬度\uff1a数值太大\uff0c应不大于 90",
        "supervision_phone": "监督电话\uff1a「1234」不是有效的电话号码\uff1a手机号应为 11 位数字\uff0c固定电话应带区号\uff08如 0795-1234567\uff09",
        "condition": "状况\uff1a「倒了」不是有效的公示牌状况\uff0c应为\uff1a完好、损坏、缺失",
    }
    assert (
        validate(
            Signboard, {"number": "QS-1", "river_id": "r", "content_date": "2024-1-1", "supervision_phone": "12314"}
        ).supervision_phone
        == "12314"
    )
    assert _problems(Plan, {"year": 1999, "title": ""}) == {
        "year": "年度\uff1a数值太小\uff0c应不小于 2000",
        "title": "计划名称\uff1a必须填写",
    }
    assert _problems(Task, {"plan_id": "p", "seq": 0, "text": "", "status": "搁置"}) == {
        "seq": "序号\uff1a数值太小\uff0c应不小于 1",
        "text": "任务内容\uff1a必须填写",
        "status": "状态\uff1a「搁置」不是有效的任务状态\uff0c应为\uff1a未开始、进行中、已完成、已取消",
    }
    assert _problems(
        IssuedDocument,
        {"year": 2024, "seq": 1, "doc_number": "x", "title": "t", "kind": "通知", "date": "2024-1-1", "status": "草稿"},
    ) == {"status": "状态\uff1a取值无效\uff0c应为\uff1a已发文、已作废"}
    assert _problems(
        OfficeSettings, {"patrol_norms": [{"level": "乡级", "period": "day", "count": 0}], "signboard_update_days": 0}
    ) == {
        "patrol_norms": "巡河频次要求第1条的次数\uff1a数值太小\uff0c应不小于 1",
        "signboard_update_days": "公示牌更新时限\uff08天\uff09\uff1a数值太小\uff0c应不小于 1",
    }


def test_validation_error_lists_every_problem_in_its_message() -> None:
    with pytest.raises(ValidationError) as info:
        validate(River, {"name": "", "kind": "江"})
    assert (
        info.value.message
        == "河湖名称\uff1a必须填写\uff1b类型\uff1a「江」不是有效的河湖类型\uff0c应为\uff1a河流、湖泊、水库、山塘、渠道、小微水体"
    )
