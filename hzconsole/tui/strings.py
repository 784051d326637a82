"""The console's own words, gathered so a reviewer can read them in one place. Messages of
the core (validation, rules, the file) come from the core and are shown as they are."""

from __future__ import annotations

APP_TITLE = "河长办台账控制台"

# Number key -> (mode, title). The order is the order of the clerk's day.
SCREENS: dict[str, tuple[str, str]] = {
    "1": ("home", "首页"),
    "2": ("rivers", "河湖名录"),
    "3": ("roster", "河长名册"),
    "4": ("signboards", "公示牌"),
    "5": ("patrols", "巡河台账"),
    "6": ("problems", "问题清单"),
    "7": ("plans", "工作计划"),
    "8": ("register", "发文登记"),
    "9": ("documents", "公文台账"),
    "0": ("settings", "设置"),
}
SCREEN_TITLES = {mode: title for mode, title in SCREENS.values()}
# The row of screens at the top fits 80 columns with these.
SHORT_TITLES = {
    "home": "首页",
    "rivers": "河湖",
    "roster": "名册",
    "signboards": "公示牌",
    "patrols": "巡河",
    "problems": "问题",
    "plans": "计划",
    "register": "发文",
    "documents": "公文",
    "settings": "设置",
}

NO_FILE = "还没有打开数据文件。按 Ctrl+O 打开或新建一个。"
HOME_COUNTING = "正在统计巡河达标情况\uff0c请稍候"  # no "……": ambiguous width in East Asian terminals
READ_ONLY = "不能修改：{reason}"
OPENED_READ_ONLY = "以只读方式打开：{reason}"
NOTHING_SELECTED = "请先选中一条记录。"
NOTHING_TO_UNDO = "没有可以撤销的修改。"
UNDONE = "已撤销：{what}"
SAVED = "已保存。"
DELETED = "已删除。按 Ctrl+Z 可以撤销。"
OPENED = "已打开 {name}"
CREATED = "已新建 {name}"
FILTER_PLACEHOLDER = "筛选：输入文字或拼音首字母"
COUNT = "共 {total:,} 条"
COUNT_FILTERED = "找到 {total:,} 条"
SORT = "排序：{column}{direction}"
NATURAL_ORDER = "默认顺序"
PREPARING = "正在准备筛选，请稍候"
CONFIRM_DELETE = "确定删除这条{what}吗？\n\n{summary}\n\n删除后可以按 Ctrl+Z 撤销。"
CONFIRM_UNDO = "撤销上一次修改？\n\n{what}\n\n撤销后不能恢复。"
HOW_TO_QUIT = "要退出请按 Ctrl+Q。"
UNEXPECTED = "程序内部错误，操作没有完成：{detail}"

OP_NAMES = {"insert": "新增", "update": "修改", "delete": "删除"}
