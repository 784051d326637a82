"""The words of the books: the values a field may take (河湖类型, 层级, 职责, 状态 …) and how
levels are ordered and commonly written. Kept free of the models (pydantic) so that what only
needs the words (the figures, the 首页's count, SQL ordering) does not load them."""

from __future__ import annotations

RIVER_KINDS = ("河流", "湖泊", "水库", "山塘", "渠道", "小微水体")
LEVELS = ("县级", "乡级", "村级")
ROLES = ("总河长", "副总河长", "河长", "副河长", "民间河长", "河长助理", "巡河员", "保洁员", "警长", "检察长")
# Roles whose holders are bound by the patrol norms.
PATROL_ROLES = ("总河长", "副总河长", "河长", "副河长")
# Who fills in a patrol sheet: the chiefs judged by the norms, and the 巡河员 and 民间河长
# whose patrols are kept in the same book (they are not judged by the norms).
PATROLLER_ROLES = (*PATROL_ROLES, "巡河员", "民间河长")
# Roles over the whole township: an appointment to one names no river or segment.
TOWNSHIP_ROLES = ("总河长", "副总河长")
BOARD_CONDITIONS = ("完好", "损坏", "缺失")
PROBLEM_SOURCES = ("巡河发现", "群众举报", "上级交办", "暗访督查", "卫星遥感图斑", "媒体曝光")
PROBLEM_CATEGORIES = ("乱占", "乱采", "乱堆", "乱建", "垃圾", "排污口", "黑臭水体", "非法采砂", "非法捕捞", "其他")
PROBLEM_STATUSES = ("待交办", "已交办", "整改中", "已整改", "已销号")
TASK_STATUSES = ("未开始", "进行中", "已完成", "已取消")
PERIODS = {"week": "周", "xun": "旬", "month": "月", "quarter": "季度"}
# The order the books list levels in: 县 before 乡 before 村.
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def level_order_sql(column: str) -> str:
    """An ORDER BY term that lists `column` (a level) in LEVEL_RANK order, anything else last."""
    whens = " ".join(f"WHEN '{level}' THEN {rank}" for level, rank in LEVEL_RANK.items())
    return f"CASE {column} {whens} ELSE 9 END"


# The one wording of an empty required field: in forms, in validation, in imports.
REQUIRED = "必须填写"

# Common ways levels are written, mapped to ours.
LEVEL_SYNONYMS = {
    "县": "县级",
    "县级": "县级",
    "区级": "县级",
    "市级": "县级",
    "乡": "乡级",
    "镇": "乡级",
    "乡级": "乡级",
    "镇级": "乡级",
    "乡镇级": "乡级",
    "村": "村级",
    "村级": "村级",
    "社区": "村级",
}


def in_force_sql(alias: str = "", on: str = "?", until: str | None = None) -> str:
    """SQL: an appointment (table `alias`, or none) holds on day `on`, or on some day of
    [on, until], each a placeholder (? or :name; with ?, the value of `until` comes first).
    end_date is the first day it no longer holds, as in Appointment.active_on."""
    a = f"{alias}." if alias else ""
    return f"{a}start_date <= {until or on} AND ({a}end_date IS NULL OR {a}end_date > {on})"
