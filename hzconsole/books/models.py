"""One pydantic model per kind of record. Field titles are the Chinese labels the clerk sees."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hzconsole.books.fields import (
    Area,
    BoardCondition,
    ClockTime,
    Length,
    Level,
    Minutes,
    OptionalDate,
    OptionalText,
    PersonName,
    Phone,
    ProblemCategory,
    ProblemSource,
    ProblemStatus,
    RequiredDate,
    RequiredText,
    RiverKind,
    Role,
    ServicePhone,
    TaskStatus,
    YesNo,
)
from hzconsole.books.validation import FieldValueError

R = TypeVar("R", bound="Record")


class Record(BaseModel):
    """A row of a book. `id` is a UUID string, None until saved."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)
    table: ClassVar[str] = ""
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def saved_id(self) -> str:
        """The id of a record read from the books, for calls that need one."""
        if self.id is None:
            raise ValueError(f"{type(self).__name__} not saved yet")
        return self.id

    def row(self) -> dict[str, Any]:
        """The columns to write (timestamps are the store's business)."""
        return self.model_dump(exclude={"created_at", "updated_at"}, exclude_none=False)

    @classmethod
    def label(cls, field: str) -> str:
        info = cls.model_fields.get(field)
        return (info.title if info and info.title else field) or field


_DATE_FIELDS: dict[type, tuple[str, ...]] = {}


def from_row(model: type[R], row: dict[str, Any]) -> R:
    """A record from a stored row, without re-running input normalisation.

    Stored rows were validated when written; re-validating 100,000 patrols would cost
    seconds, so only the date columns are converted back.
    """
    fields = _DATE_FIELDS.get(model)
    if fields is None:
        fields = tuple(
            name
            for name, info in model.model_fields.items()
            if info.annotation is date or info.annotation == (date | None)
        )
        _DATE_FIELDS[model] = fields
    values = {k: v for k, v in row.items() if k in model.model_fields}
    for name in fields:
        value = values.get(name)
        if isinstance(value, str):
            values[name] = date.fromisoformat(value)
    if "handled_on_spot" in values:
        values["handled_on_spot"] = bool(values["handled_on_spot"])
    return model.model_construct(**values)


def _check_dates(start: date | None, end: date | None, what: str, field: str) -> None:
    if start and end and end < start:
        raise FieldValueError(field, what)


class River(Record):
    table: ClassVar[str] = "rivers"
    name: RequiredText = Field(title="河湖名称")
    code: OptionalText = Field(None, title="河湖编码")
    kind: RiverKind = Field("河流", title="类型")
    level: Level = Field("乡级", title="管理层级")
    catchment_km2: Area = Field(None, title="流域面积（平方公里）")
    length_km: Length = Field(None, title="长度（公里）")
    source: OptionalText = Field(None, title="起点/源头")
    mouth: OptionalText = Field(None, title="终点/河口")
    parent_id: str | None = Field(None, title="上级河流")
    villages: OptionalText = Field(None, title="流经村（社区）")
    notes: OptionalText = Field(None, title="备注")


class Segment(Record):
    table: ClassVar[str] = "segments"
    river_id: str = Field(title="所属河流")
    name: RequiredText = Field(title="河段名称")
    start_point: OptionalText = Field(None, title="起点")
    end_point: OptionalText = Field(None, title="终点")
    length_km: Length = Field(None, title="长度（公里）")
    villages: OptionalText = Field(None, title="流经村（社区）")
    notes: OptionalText = Field(None, title="备注")


class Person(Record):
    table: ClassVar[str] = "people"
    name: PersonName = Field(title="姓名")
    post: OptionalText = Field(None, title="职务")
    unit: OptionalText = Field(None, title="单位/村（社区）")
    phone: Phone = Field(None, title="联系电话")
    notes: OptionalText = Field(None, title="备注")


# Said by the model and by end_appointment, which checks before it writes.
END_BEFORE_START = "离任日期不能早于任职日期"


class Appointment(Record):
    table: ClassVar[str] = "appointments"
    person_id: str = Field(title="人员")
    role: Role = Field("河长", title="职责")
    level: Level = Field(title="层级")
    river_id: str | None = Field(None, title="河湖")
    segment_id: str | None = Field(None, title="河段")
    start_date: RequiredDate = Field(title="任职日期")
    end_date: OptionalDate = Field(None, title="离任日期")
    end_reason: OptionalText = Field(None, title="离任原因")
    notes: OptionalText = Field(None, title="备注")

    @model_validator(mode="after")
    def _order(self) -> Appointment:
        _check_dates(self.start_date, self.end_date, END_BEFORE_START, "end_date")
        return self

    def active_on(self, day: date) -> bool:
        """Active from start_date up to, not including, end_date (the successor's first day)."""
        return self.start_date <= day and (self.end_date is None or day < self.end_date)


class Signboard(Record):
    table: ClassVar[str] = "signboards"
    number: RequiredText = Field(title="公示牌编号")
    river_id: str = Field(title="河湖")
    segment_id: str | None = Field(None, title="河段")
    location: OptionalText = Field(None, title="设置位置")
    lat: float | None = Field(None, ge=-90, le=90, title="纬度")
    lon: float | None = Field(None, ge=-180, le=180, title="经度")
    install_date: OptionalDate = Field(None, title="设立日期")
    content_date: RequiredDate = Field(title="内容更新日期")
    supervision_phone: ServicePhone = Field(None, title="监督电话")
    duties: OptionalText = Field(None, title="河长职责")
    targets: OptionalText = Field(None, title="管护目标")
    condition: BoardCondition = Field("完好", title="状况")
    last_inspection: OptionalDate = Field(None, title="最近检查日期")
    notes: OptionalText = Field(None, title="备注")


class Patrol(Record):
    table: ClassVar[str] = "patrols"
    date: RequiredDate = Field(title="巡河日期")
    person_id: str = Field(title="巡河人")
    river_id: str = Field(title="河湖")
    segment_id: str | None = Field(None, title="河段")
    start_time: ClockTime = Field(None, title="开始时间")
    end_time: ClockTime = Field(None, title="结束时间")
    duration_min: Minutes = Field(None, title="巡河时长（分钟）")
    distance_km: Length = Field(None, title="巡河里程（公里）")
    seen: OptionalText = Field(None, title="巡查情况")
    handled_on_spot: YesNo = Field(False, title="是否现场处理")
    notes: OptionalText = Field(None, title="备注")

    @model_validator(mode="after")
    def _duration(self) -> Patrol:
        if self.start_time and self.end_time:
            sh, sm = map(int, self.start_time.split(":"))
            eh, em = map(int, self.end_time.split(":"))
            minutes = (eh * 60 + em) - (sh * 60 + sm)
            if minutes < 0:
                raise FieldValueError("end_time", "结束时间不能早于开始时间")
            if self.duration_min is None:
                self.duration_min = minutes
        return self


class Problem(Record):
    table: ClassVar[str] = "problems"
    number: RequiredText = Field(title="问题编号")
    river_id: str = Field(title="河湖")
    segment_id: str | None = Field(None, title="河段")
    location: OptionalText = Field(None, title="具体位置")
    found_date: RequiredDate = Field(title="发现日期")
    source: ProblemSource = Field("巡河发现", title="问题来源")
    category: ProblemCategory = Field("其他", title="问题类别")
    description: RequiredText = Field(title="问题描述")
    responsible_unit: OptionalText = Field(None, title="责任单位")
    responsible_person: OptionalText = Field(None, title="责任人")
    deadline: OptionalDate = Field(None, title="整改时限")
    measures: OptionalText = Field(None, title="整改措施")
    requirements: OptionalText = Field(None, title="整改要求")
    status: ProblemStatus = Field("待交办", title="状态")
    fixed_date: OptionalDate = Field(None, title="整改完成日期")
    closed_date: OptionalDate = Field(None, title="销号日期")
    evidence: OptionalText = Field(None, title="佐证材料")
    patrol_id: str | None = Field(None, title="来源巡河记录")
    notes: OptionalText = Field(None, title="备注")

    @model_validator(mode="after")
    def _order(self) -> Problem:
        _check_dates(self.found_date, self.deadline, "整改时限不能早于发现日期", "deadline")
        _check_dates(self.found_date, self.fixed_date, "整改完成日期不能早于发现日期", "fixed_date")
        _check_dates(self.found_date, self.closed_date, "销号日期不能早于发现日期", "closed_date")
        _check_dates(self.fixed_date, self.closed_date, "销号日期不能早于整改完成日期", "closed_date")
        # The same rules `hzconsole check` applies to the file.
        if self.status in ("已整改", "已销号") and self.fixed_date is None and self.closed_date is None:
            raise FieldValueError("fixed_date", f"状态为「{self.status}」时必须填写整改完成日期")
        if self.status == "已销号" and self.closed_date is None:
            raise FieldValueError("closed_date", "状态为「已销号」时必须填写销号日期")
        return self


class ProblemEvent(Record):
    table: ClassVar[str] = "problem_events"
    problem_id: str
    action: str
    from_status: str | None = None
    to_status: str
    actor: RequiredText = Field(title="经办人")
    at: str
    opinion: OptionalText = Field(None, title="意见")


class Plan(Record):
    table: ClassVar[str] = "plans"
    year: int = Field(ge=2000, le=2100, title="年度")
    title: RequiredText = Field(title="计划名称")
    issuer: OptionalText = Field(None, title="印发单位")
    doc_number: OptionalText = Field(None, title="文号")
    notes: OptionalText = Field(None, title="备注")


class PlanSection(Record):
    table: ClassVar[str] = "plan_sections"
    plan_id: str
    parent_id: str | None = None
    seq: int = Field(ge=1)
    title: RequiredText = Field(title="章节标题")


class Task(Record):
    table: ClassVar[str] = "tasks"
    plan_id: str
    section_id: str | None = None
    seq: int = Field(ge=1, title="序号")
    text: RequiredText = Field(title="任务内容")
    lead_units: OptionalText = Field(None, title="牵头单位")
    coop_units: OptionalText = Field(None, title="配合单位")
    implementers: OptionalText = Field(None, title="落实单位")
    # The upper level's parenthesis naming the units, verbatim (re-issued as written).
    units_text: OptionalText = Field(None, title="责任分工原文")
    deadline: OptionalDate = Field(None, title="完成时限")
    progress: OptionalText = Field(None, title="进展情况")
    status: TaskStatus = Field("未开始", title="状态")
    done_date: OptionalDate = Field(None, title="完成日期")


class IssuedDocument(Record):
    table: ClassVar[str] = "documents"
    year: int = Field(ge=2000, le=2100, title="年度")
    seq: int = Field(ge=1, title="序号")
    doc_number: RequiredText = Field(title="文号")
    title: RequiredText = Field(title="标题")
    kind: RequiredText = Field(title="文种")
    date: RequiredDate = Field(title="成文日期")
    recipients: OptionalText = Field(None, title="主送")
    file_name: OptionalText = Field(None, title="文件名")
    status: Literal["已发文", "已作废"] = Field("已发文", title="状态")
    cancel_reason: OptionalText = Field(None, title="作废原因")
