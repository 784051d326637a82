"""年度工作记录: the facts of a year a work summary reports and the other books do not hold
(meetings, 河长令, cleaning, publicity, funding, 述职 and 考核, 一河一策 / 划界 / 健康评价),
one value per year and key, typed by the clerk (`hzconsole records`)."""

from __future__ import annotations

from dataclasses import dataclass

from hzconsole.store.database import Database
from hzconsole.store.errors import HzError


class YearlyRecordError(HzError):
    """A record the book does not know, or a value of the wrong kind (message in Chinese)."""


@dataclass(frozen=True)
class RecordKind:
    key: str
    label: str
    unit: str = ""  # a count or an amount in this unit; "" for text
    decimals: bool = False


RECORDS: tuple[RecordKind, ...] = (
    RecordKind("meetings", "召开河长制工作会议", "次"),
    RecordKind("chief_orders", "签发总河长令、河长令", "道"),
    RecordKind("special_actions", "开展专项整治行动", "次"),
    RecordKind("cleaners", "聘用河道保洁员", "名"),
    RecordKind("waste_tonnes", "清理河道垃圾和漂浮物", "吨", decimals=True),
    RecordKind("publicity", "开展宣传活动", "次"),
    RecordKind("funding", "投入河长制工作资金", "万元", decimals=True),
    RecordKind("chief_reports", "河长述职", ""),
    RecordKind("assessment", "年度考核结果", ""),
    RecordKind(
        "one_river_plans",
        "编制“一河一策”",
        "条",
    ),
    RecordKind("demarcation", "完成河湖管理范围划界", "条"),
    RecordKind("health", "完成河湖健康评价", "条"),
)
KINDS = {r.key: r for r in RECORDS}
LABELS = {r.label: r.key for r in RECORDS}


def key_of(name: str) -> str:
    """A record's key from its key or its Chinese label."""
    name = name.strip()
    if name in KINDS:
        return name
    if name in LABELS:
        return LABELS[name]
    raise YearlyRecordError(
        f"没有名为「{name}」的年度工作记录，可填写：" + "、".join(f"{r.key}({r.label})" for r in RECORDS)
    )


def check_value(key: str, value: str) -> str:
    kind = KINDS[key]
    value = value.strip()
    if kind.unit and value:
        try:
            number = float(value)
        except ValueError:
            raise YearlyRecordError(f"「{kind.label}」应填写数字（单位：{kind.unit}），不能写「{value}」") from None
        if number < 0 or (not kind.decimals and number != int(number)):
            raise YearlyRecordError(f"「{kind.label}」应填写{'不小于 0 的数' if kind.decimals else '整数'}")
        value = f"{number:g}"
    return value


def get_year(db: Database, year: int) -> dict[str, str]:
    """The year's records, key → value as typed (numbers as text: 3, 126.5)."""
    return {r["key"]: r["value"] for r in db.query("SELECT key, value FROM yearly_records WHERE year = ?", (year,))}


def set_values(db: Database, year: int, values: dict[str, str]) -> None:
    """Save some records of a year in one transaction; an empty value deletes the record."""
    checked = {key_of(k): v for k, v in values.items()}
    checked = {k: check_value(k, v) for k, v in checked.items()}
    with db.transaction():
        for key, value in checked.items():
            row = db.query_one("SELECT id FROM yearly_records WHERE year = ? AND key = ?", (year, key))
            if not value:
                if row is not None:
                    db.delete("yearly_records", row["id"])
            elif row is None:
                db.insert("yearly_records", {"year": year, "key": key, "value": value})
            else:
                db.update("yearly_records", row["id"], {"value": value})
