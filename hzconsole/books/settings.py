"""单位信息 and norms: the office's settings, stored as key/JSON rows in `settings`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from hzconsole.books import plain_settings as plain
from hzconsole.books.fields import Level, RequiredText, ServicePhone
from hzconsole.books.validation import validate
from hzconsole.store.backup import DEFAULT_KEEP, KEEP_MAX, KEEP_MIN
from hzconsole.store.database import Database, new_id


class PatrolNorm(BaseModel):
    """At least `count` patrols per `period` for chiefs of `level`; a patrol counts only
    if it lasted at least `min_minutes` (unknown duration counts: paper sheets often omit it)."""

    model_config = ConfigDict(extra="forbid")
    level: Level = Field(title="层级")
    # The limits and defaults are plain_settings' (the launch reads the norms without this model).
    period: Literal["week", "xun", "month", "quarter"] = Field(title="周期")
    count: int = Field(ge=plain.NORM_COUNT[0], le=plain.NORM_COUNT[1], title="次数")
    min_minutes: int = Field(0, ge=plain.NORM_MINUTES[0], le=plain.NORM_MINUTES[1], title="最短时长（分钟）")


DEFAULT_NORMS = [PatrolNorm(**vars(n)) for n in plain.DEFAULT_NORMS]


class OfficeSettings(BaseModel):
    model_config = ConfigDict(extra="ignore")
    office_name: RequiredText = Field(plain.DEFAULT_OFFICE_NAME, title="单位名称")
    issuer_mark: str = Field("", title="发文机关标志")
    doc_code: RequiredText = Field("示河办", title="机关代字")
    printing_office: str = Field("", title="印发机关")
    supervision_phone: ServicePhone = Field(None, title="监督电话")
    default_recipients: str = Field("各村（社区）、镇属各单位", title="默认主送机关")
    default_cc: str = Field("", title="默认抄送")
    clerk: str = Field("", title="填报人")
    reviewer: str = Field("", title="审核人")
    contact_phone: ServicePhone = Field(None, title="联系电话")
    patrol_norms: list[PatrolNorm] = Field(default_factory=lambda: list(DEFAULT_NORMS), title="巡河频次要求")
    norm_scope: Literal["per_chief", "per_river"] = Field(plain.DEFAULT_SCOPE, title="考核方式")
    signboard_update_days: int = Field(
        plain.DEFAULT_BOARD_DAYS, ge=plain.BOARD_DAYS[0], le=plain.BOARD_DAYS[1], title="公示牌更新时限（天）"
    )
    font_profile: Literal["gb2312", "windows"] = Field("gb2312", title="字体方案")
    backup_keep: int = Field(DEFAULT_KEEP, ge=KEEP_MIN, le=KEEP_MAX, title="保留备份份数")

    @property
    def mark(self) -> str:
        """发文机关标志, defaulting to 「单位名称文件」."""
        return self.issuer_mark or f"{self.office_name}文件"

    @property
    def printer(self) -> str:
        return self.printing_office or self.office_name


def load_settings(db: Database) -> OfficeSettings:
    """The office's settings; a stored value this version cannot use (written by hand, by a
    newer version) falls back to its default instead of making the file unusable, and the
    clerk is told once (`Database.tell`)."""
    settings, problems = load_settings_checked(db)
    for problem in problems:
        db.tell(problem)
    return settings


def load_settings_checked(db: Database) -> tuple[OfficeSettings, list[str]]:
    """The settings and, in Chinese, each stored value that was unusable and replaced by
    its default (for a settings screen to show beside the field)."""
    import json

    import pydantic

    from hzconsole.store import messages as msg

    rows = db.query("SELECT key, value FROM settings")
    data: dict[str, Any] = {}
    problems: list[str] = []

    def fall_back(key: str, raw: Any) -> None:
        info = OfficeSettings.model_fields[key]
        default = info.get_default(call_default_factory=True)
        shown = default if not isinstance(default, list) else "\uff08默认\uff09"
        problems.append(msg.BAD_SETTING.format(label=info.title or key, value=raw, default=shown))

    for r in rows:
        if r["key"] in OfficeSettings.model_fields:
            try:
                data[r["key"]] = json.loads(r["value"])
            except ValueError:
                fall_back(r["key"], r["value"])
    while True:
        try:
            return OfficeSettings.model_validate(data), problems
        except pydantic.ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            if not bad & data.keys():
                raise
            for key in sorted(bad & data.keys()):
                fall_back(key, data[key])
            data = {k: v for k, v in data.items() if k not in bad}


def save_settings(db: Database, changes: dict[str, Any]) -> OfficeSettings:
    """Validate the settings as they would be after `changes` and write the changed keys."""
    current = load_settings(db).model_dump()
    merged = validate(OfficeSettings, {**current, **changes})
    with db.transaction():
        for key, value in merged.model_dump(mode="json").items():
            if key in changes or key not in current:
                db.set_setting(key, value)
    return merged


def save_import_layout(db: Database, kind: str, header_key: str, headers: str, mapping: str) -> None:
    """Remember how the clerk mapped a sheet of this layout (its columns to the book's fields),
    so the next file of the same layout is read the same way. Written in the caller's
    transaction (the import's)."""
    row = db.query_one("SELECT id, mapping FROM import_layouts WHERE kind = ? AND header_key = ?", (kind, header_key))
    if row is None:
        db.insert(
            "import_layouts",
            {"id": new_id(), "kind": kind, "header_key": header_key, "headers": headers, "mapping": mapping},
        )
    elif row["mapping"] != mapping:
        db.update("import_layouts", row["id"], {"mapping": mapping, "headers": headers})
