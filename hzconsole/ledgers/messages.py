"""Every Chinese string the ledgers show, in one place for review.

Both what is printed on the sheet (填报单位：, （超期）) and what the program says on screen
use Chinese punctuation.
"""

from __future__ import annotations

PAGE_FOOTER = "&C第 &P 页 共 &N 页"
YES = "是"
NO = "否"
UNIT_LINE = "填报单位：{office}"
DATE_LINE = "填报日期：{day}"
TEMPLATE_UNIT_LINE = "填报单位（盖章）："
TEMPLATE_DATE_LINE = "填报日期：      年    月    日"
FOOT_CLERK = "填报人："
FOOT_REVIEWER = "审核人："
FOOT_PHONE = "联系电话："
BLANK_FILL = "            "
NO_RECORDS = "（本期无记录）"
TEMPLATE_SUFFIX = "（填报表）"

PICK_ONE = "请从下拉列表中选择"
PICK_OR_TYPE = "可从下拉列表中选择已登记的名称，新的名称请直接填写"
UNKNOWN_NAME_TITLE = "名称未登记"
UNKNOWN_NAME = "该名称不在已登记的名单中。如确为新增，请点“是”继续。"
LISTS_SHEET = "选项"
LIST_HEADERS = {"rivers": "已登记河湖", "segments": "已登记河段", "people": "已登记人员"}
INVALID_TITLE = "填写有误"
CHOICE_ERROR = "请从下拉列表中选择：{choices}"
DATE_HINT = "请填写日期，如 2024-6-17"
DATE_ERROR = "请填写 2000 年至 2100 年之间的日期，如 2024-6-17"
NUMBER_ERROR = "请填写数字（不能为负数；经纬度在 -180 到 180 之间）"

OUTPUT_EXISTS = "文件「{path}」已存在。"
OUTPUT_DIR_MISSING = "保存位置「{folder}」不存在，请先建立该文件夹或另选位置。"
OUTPUT_WRITE_FAILED = "无法写入「{path}」：{detail}。如果该文件正在 Excel/WPS 中打开，请先关闭。"
UNKNOWN_KIND = "没有名为「{kind}」的台账，可用的有：{kinds}"
BAD_MONTH = "月份应为 1 到 12"
MONTH_NEEDS_YEAR = "指定月份时也要指定年度"
OPTION_NOT_USED = "「{title}」不按{what}导出，请去掉该选项"
UNKNOWN_SOURCE = "台账列定义文件 {name}.toml 中第 {index} 列「{header}」的数据字段 {source} 不存在，可用的有：{sources}"

PERIOD_YEAR = "{year}年"
STALE_OVERDUE = "是（超期）"
STATE_ACTIVE = "在任"
STATE_ENDED = "已离任"
STATE_FUTURE = "未到任"
COMPLIANT = "达标"
NOT_COMPLIANT = "未达标"
NOT_ASSESSED = "未考核"
NORM = "每{period}{count}次"
NORM_MINUTES = "（每次不少于{minutes}分钟）"
TASKS_TITLE_NO_PLAN = "{office}{year}年任务清单"
CHIEF_LABEL = "{name}（{level}{role}）"
CONTINUED = "\uff08续\uff09"  # the title on the further pages of a sheet printed over several pages' width
ALL_YEARS_ALONE = "选了全部年度，就不要再填年度或月份"
PERIOD_YEARS = "{first}\u2014{last}年"  # 2015—2024年: the all-years patrol ledger
