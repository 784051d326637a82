"""Every message of the import layer, in one place for review."""

from hzconsole import text as tx
from hzconsole.books.terms import REQUIRED as REQUIRED  # the forms' own wording
from hzconsole.ledgers.kinds import LEDGER_KINDS

# An import reads the ledger the export writes: it goes by the same name.
KIND_NAMES = {
    **{k: LEDGER_KINDS[k].title for k in ("rivers", "chiefs", "signboards", "patrols", "problems", "tasks")},
    "plan": "工作计划",
}
UNKNOWN_KIND = "不认识的台账种类「{kind}」\uff0c可用\uff1a{kinds}"

# -- reading files ---------------------------------------------------------------------
FILE_NOT_FOUND = "找不到文件「{path}」。"
FILE_UNREADABLE = "无法读取文件「{name}」\uff1a{detail}"
FILE_EMPTY = "文件「{name}」是空的\uff080 字节\uff09。"
NOT_SPREADSHEET = (
    "文件「{name}」不是 Excel 表格\uff08.xlsx / .xls\uff09。请在 WPS 或 Excel 中打开后另存为 .xlsx 再导入。"
)
XLSX_DAMAGED = "文件「{name}」无法按 .xlsx 读取\uff0c可能已损坏或没有保存完整。请在 WPS 或 Excel 中打开后另存一份再导入"
XLS_DAMAGED = "文件「{name}」无法按 .xls 读取\uff0c可能已损坏。请在 WPS 或 Excel 中打开后另存为 .xlsx 再导入"
ENCRYPTED = "文件「{name}」设置了打开密码\uff0c无法读取。请在 WPS 或 Excel 中取消密码后另存一份再导入。"
TOO_BIG = (
    "文件「{name}」解压后有 {size:,.0f} MB\uff08是压缩后的 {ratio:,.0f} 倍\uff09\uff0c不像是一份台账\uff1b"
    "为免电脑卡住\uff0c没有读取。如确是台账\uff0c请在 WPS 或 Excel 中删去多余的空白行列后另存再导入。"
)
TOO_MANY_CELLS = (
    "文件「{name}」有 {cells:,} 个单元格\uff0c远超一份台账的大小\uff1b为免电脑卡住\uff0c没有读取。"
    "请删去多余的空白行列\uff0c或分成几个文件再导入。"
)
CSV_ENCODING = "文件「{name}」的文字编码无法识别\uff0c请在 WPS 或 Excel 中另存为 .xlsx 再导入。"
NO_SHEETS = "文件「{name}」里没有可读的工作表。"
NO_HEADER = "没有找到{kind}的表头。请确认表头包含这些列之一\uff1a{names}"
NO_MATCHING_SHEET = "文件「{name}」中没有找到{kind}的表头\uff08检查了 {n} 个工作表\uff09。需要的列\uff1a{names}"
SHEET_NOT_FOUND = "文件中没有名为「{sheet}」的工作表\uff0c现有工作表\uff1a{sheets}"
MISSING_COLUMNS = "缺少必需的列\uff1a{columns}"
MISSING_COLUMN_ONE = "「{label}」\uff08可写作\uff1a{names}\uff09"
HIDDEN_SHEET = "隐藏的工作表"

# -- the column mapping ------------------------------------------------------------------
PAIR_FORMAT = "{what}「{item}」的写法不对\uff0c请写成 左边=右边\uff0c例如 河涌名=河湖 或 发现日期=2024年6月30日"
MAP_NO_HEADER = "指定对应的表头「{header}」在表中没有找到。表头有\uff1a{headers}"
MAP_NO_FIELD = "指定对应的字段「{field}」不认识。可用的字段\uff1a{fields}\uff1b写“不导入”则不导入该列"
DEFAULT_NO_FIELD = "指定默认值的字段「{field}」不认识。可用的字段\uff1a{fields}"
WHY_CONTENT = {
    "phone": "内容是手机号",
    "date": "内容是日期",
    "river": "内容是名录中的河湖",
    "person": "内容是名册中的人员",
    "water": "内容像河湖名称",
}
WHY_REMEMBERED = "上次确认"
WHY_GIVEN = "指定"
WHY_HEADER = "表头"
DEFAULT_HEADER = "默认值"
SURE = "{why}\uff0c把握 {sure}%"
SUGGESTED = "可能是\uff1a{field}\uff08{why}\uff0c把握 {sure}%\uff09"
MAP_HOW = "请核对每一列对应的字段\uff1b确认导入后\uff0c同样表头的表下次自动按此对应。"
DEFAULT_USED = "表中没有的「{field}」一律按指定的「{value}」导入"
DEFAULT_PROPOSED = "表中没有「{field}」\uff1a可为全表指定「{value}」\uff08{source}\uff09"
DEFAULT_HOW = "表中没有「{field}」\uff1a可为全表指定一个日期"
DEFAULT_SOURCE_DATE = "取自表中的「{label}」"

NEEDS_REFUSED_ROW = "要用到被拒绝的行中新建的记录\uff0c一并不导入"
REFUSED_SUFFIX = "_未导入的行"
REFUSED_NOT_SAVED = (
    "被拒绝的行无法另存为「{file}」\uff08{detail}\uff09\uff0c本次没有导入任何内容\uff1b"
    "请把文件复制到可以写入的文件夹后再导入"
)
REFUSED_REASON = "未导入原因"
OUTCOME_PARTLY = (
    "结论\uff1a已导入没有问题的行\uff1b{n} 行被拒绝\uff0c没有导入\uff0c已连同原因另存为「{file}」\uff0c"
    "改正后可再导入该文件。{figures}。"
)
OUTCOME_PREVIEW_PARTLY = (
    "结论\uff1a预览\uff0c尚未写入\uff1b导入时将只导入没有问题的行\uff0c{n} "
    "行被拒绝的行连同原因另存为一个表格。{figures}。"
)
REFUSED_GROUPS = "按原因归类\uff1a"
REFUSED_GROUP = "{reason}\uff1a{n} 行\uff08{rows}\uff09"
MISSING_RIVERS = "河湖"
MISSING_PEOPLE = "人员"
LIST_MISSING = "表中有、文件中还没有的{what}\uff08{n}\uff09\uff1a{names}"
MISSING_ADD = "确认这些名称无误后\uff0c可以一并新建\uff08与其他内容一起写入\uff0c或一起不写\uff09。"

# -- cells -------------------------------------------------------------------------------
NOT_A_DATE = tx.NOT_A_DATE  # the books' own wording, so a cell and a form say the same
DATE_IMPOSSIBLE = tx.DATE_IMPOSSIBLE
DATE_NEEDS_YEAR = "「{value}」没有写年份\uff0c表格标题中也没有年份\uff1b请写成 2024年6月17日\uff0c或指定年份"
TIME_NOT_DATE = "「{value}」是时间\uff0c不是日期"
BAD_TIME = "「{value}」不是有效的时间\uff0c请按 08:30 的格式填写"
BAD_TIME_RANGE = "「{value}」不是有效的时间段\uff0c请写成 08:30-09:30"
NOT_A_NUMBER = "「{value}」不是有效的数值"
NOT_AN_INTEGER = "「{value}」不是有效的序号"
OTHER_PHONES = "其他电话\uff1a{phones}"

# -- matching ----------------------------------------------------------------------------
RIVER_NOT_FOUND = "找不到河湖「{name}」\uff0c请先导入或录入河湖名录"
RIVER_NOT_FOUND_CLOSE = "找不到河湖「{name}」\uff08相近的有\uff1a{close}\uff09\uff0c请检查名称或先导入河湖名录"
RIVER_AMBIGUOUS = "有 {n} 个河湖都叫「{name}」\uff1a{candidates}\uff0c请在表中增加“类型”列或写明河段"
SEGMENT_NOT_FOUND = "河湖「{river}」下没有河段「{name}」"
SEGMENT_NOT_FOUND_CLOSE = "河湖「{river}」下没有河段「{name}」\uff08该河湖的河段有\uff1a{close}\uff09"
SEGMENT_AMBIGUOUS = "有 {n} 个河段都叫「{name}」\uff1a{candidates}\uff0c请同时填写所属河湖"
PERSON_NOT_FOUND = "找不到人员「{name}」\uff0c请先导入或录入河长名册"
PERSON_NOT_FOUND_CLOSE = "找不到人员「{name}」\uff08相近的有\uff1a{close}\uff09\uff0c请先导入或录入河长名册"
PERSON_AMBIGUOUS = "有 {n} 人同名「{name}」\uff1a{candidates}\uff0c无法确定是哪一位"
PERSON_AMBIGUOUS_HINT = "请在表中增加“单位/村\uff08社区\uff09”或“联系电话”列以区分同名人员"
PARENT_NOT_FOUND = "上级河流「{name}」既不在名录中\uff0c也不在本表中"
PARENT_AMBIGUOUS = "有多个河湖都叫「{name}」\uff0c无法确定上级河流"
PARENT_SELF = "河流不能是自己的上级河流"
HINT_KIND = "请在表中增加“类型”列\uff08河流/水库/山塘…\uff09以区分同名河湖"
HINT_PERSON = "请填写“单位/村\uff08社区\uff09”或“联系电话”以区分同名人员"

# -- rows --------------------------------------------------------------------------------
DUP_OF = "与第 {row} 行完全相同"
DUP_UNMAPPED = (
    "与第 {row} 行导入的内容相同\uff0c只有不导入的列不同\uff1a{columns}\uff08如这些列也要导入\uff0c"
    "请指定它们对应的字段\uff09"
)
CONFLICT_WITH = "与第 {row} 行是同一条{what}\uff08{key}\uff09\uff0c但内容不同\uff1a{fields}"
EXISTING_MANY = "库中已有 {n} 条相同的{what}\uff08{key}\uff09\uff0c无法确定修改哪一条"
START_DATE_MISSING = "必须填写\uff08表中没有任职日期时\uff0c可为全表指定一个任职日期\uff09"
CONTENT_DATE_MISSING = "必须填写\uff08也可以只填写设立日期\uff09"
STATUS_BACKWARDS = "库中该问题已是「{old}」\uff0c表中为「{new}」\uff1b状态不能倒退\uff0c如需退回请在问题清单中操作"
STATUS_NEEDS_ASSIGN = "状态改为「{new}」需要先交办\uff0c交办时必须填写责任单位和整改时限"
NEW_PERSON = "新建人员 {name}"
NEW_RIVER = "新建河湖 {name}"
NEW_PLAN = "新建工作计划《{title}》"
NEW_SECTION = "新建章节「{title}」"
STATUS_STEPS = "状态按 {steps} 办理"
NUMBER_ASSIGNED = "编号 {number} 由程序按年份顺序生成"
EVENT_OPINION = "从《{file}》导入"

WHAT_PATROL = "巡河记录"
WHAT_PATROL_KEY = "巡河日期、巡河人、河湖、开始时间相同"
WHAT_BOARD = "公示牌"
WHAT_BOARD_KEY = "编号相同"
WHAT_PROBLEM = "问题"
WHAT_PROBLEM_KEY = "问题编号相同"
WHAT_PROBLEM_KEY2 = "河湖、发现日期、问题描述相同"
WHAT_APPOINTMENT = "任职记录"
WHAT_APPOINTMENT_KEY = "人员、职责、河湖/河段、任职日期相同"
WHAT_PERSON = "人员"
WHAT_PERSON_KEY = "姓名和联系电话/单位相同"
WHAT_RIVER = "河湖"
WHAT_RIVER_KEY = "名称和类型相同"
WHAT_SEGMENT = "河段"
WHAT_SEGMENT_KEY = "河湖和河段名称相同"
WHAT_TASK = "任务"
WHAT_TASK_KEY = "序号相同"
WHAT_TASK_KEY2 = "任务内容相同"

# -- policies, shown in every report of the kind ----------------------------------------
POLICY = {
    "rivers": (
        "河湖名录导入\uff1a按“名称+类型”对应已有河湖\uff0c新的河湖和河段会被新建\uff1b上级河流须在名录或本表中。"
        "空白单元格不会清除已有内容。"
    ),
    "chiefs": (
        "河长名册导入\uff1a人员按“姓名+联系电话”\uff08没有电话时按“姓名+单位”\uff09对应\uff0c"
        "找不到的人员会被新建\uff1b任职的河湖、河段必须已在河湖名录中\uff0c否则该行被拒绝。"
        "已有的任职不会被结束或覆盖\uff0c人事调整请在名册中办理。"
    ),
    "signboards": (
        "公示牌导入\uff1a按编号对应\uff0c新的编号会被新建\uff1b所在河湖、河段必须已在名录中。"
        "未填写内容更新日期的\uff0c按设立日期。"
    ),
    "patrols": (
        "巡河台账导入\uff1a只新增或更新巡河记录\uff1b巡河人、河湖、河段必须已在名册和名录中\uff0c不会自动新建\uff0c"
        "找不到的行被拒绝。"
    ),
    "problems": (
        "问题台账导入\uff1a按问题编号对应\uff08没有编号时按河湖+发现日期+问题描述\uff09\uff1b河湖必须已在名录中。"
        "状态只能向前推进\uff08交办→整改→销号\uff09\uff0c每一步记入问题流转记录。"
    ),
    "tasks": (
        "任务清单导入\uff1a任务按序号\uff08没有序号时按任务内容\uff09对应到工作计划\uff1b计划按标题对应\uff0c"
        "找不到时新建。"
    ),
    # Chinese punctuation written as escapes: （ ） ， ： ；.
    "plan": (
        "工作计划导入\uff1a识别标题、年度、章节、任务\uff08含 Word 自动编号和任务表\uff09及写明的牵头、配合、"
        "落实单位\uff08原文照存\uff09\uff1b同名同年度的计划已存在时不会重复导入。"
    ),
}
DEFAULT_KIND_NOTE = "表中没有“类型”列\uff0c新河湖按“河流”导入"
DEFAULT_LEVEL_NOTE = "表中没有“层级”列\uff0c新河湖按“乡级”导入"
DEFAULT_ROLE_NOTE = "表中没有“职责”列\uff0c任职按“河长”导入"
WIDE_ROSTER = "每行一条河湖\uff0c各级河长并列\uff1a按 {levels} 各导入一条任职"
LEVEL_FROM_TITLE = "没有填写层级的任职按“{level}”导入\uff08取自表格标题\uff09"
YEAR_FROM = "不带年份的日期按 {year} 年理解\uff08{source}\uff09"
YEAR_SOURCE_OPTION = "导入时指定"
YEAR_SOURCE_TITLE = "取自表格标题"
ALREADY_IMPORTED = "内容完全相同的文件已于 {at} 导入过\uff1b再次导入不会产生重复记录"
PLAN_TARGET_EXISTING = "任务将导入到已有的工作计划《{title}》\uff08{year}年\uff09"
PLAN_TARGET_NEW = "将新建工作计划《{title}》\uff08{year}年\uff09"
READ_ONLY = "当前文件只能查看\uff0c不能导入\uff1a{reason}"

# -- the report --------------------------------------------------------------------------
ROW = "第 {row} 行"
SHEET_ROW = "「{sheet}」第 {row} 行"
NOT_FOUND_SHORT = "没有找到"
AMBIGUOUS_FOUND = "有 {n} 条同名记录\uff1a{names}"
EMPTY_VALUE = "\uff08空\uff09"
REPORT_HEAD = "导入{kind}\uff1a{source}"
SHEET_LINE = "工作表「{sheet}」\uff1a表头在{rows}"
SHEET_LINE_PLAIN = "工作表「{sheet}」"
HEADER_ROWS = "第 {first}–{last} 行"
COLUMNS_USED = "识别的列\uff1a"
COLUMNS_UNUSED = "未使用的列\uff1a"
SCALE_NOTES = {0.001: "按米换算为公里", 60.0: "按小时换算为分钟"}
REPEATED_COLUMN = "与前面的列重复\uff0c未使用"
SHEET_SKIPPED = "跳过工作表 {text}"
FATAL_PREFIX = "无法导入\uff1a"
HINT_PREFIX = "提示\uff1a"  # before each hint, as the front end words it
SKIPPED = "「{sheet}」\uff1a{why}"
SKIPPED_EMPTY = "空白"
NOTE_PREFIX = "说明\uff1a"
COUNTS = "新增 {add} 行\uff0c修改 {change} 行\uff0c未变化 {same} 行\uff0c重复 {dup} 行\uff0c拒绝 {refuse} 行"
# A plan is added whole or not at all: its tasks are new, or the same as the stored plan's.
COUNTS_PLAN_ADD = "新增任务 {n} 项"
COUNTS_PLAN_SAME = "与已有计划相同的任务 {n} 项"
OUTCOME_FATAL = "结论\uff1a文件无法导入\uff0c没有写入任何数据。"
OUTCOME_REFUSED = (
    "结论\uff1a有 {n} 行被拒绝\uff0c本次没有写入任何数据\uff1b请按下面的原因改正表格后重新导入。\uff08{figures}\uff09"
)
OUTCOME_WRITTEN = "结论\uff1a已导入。{figures}。"
OUTCOME_NOTHING = "结论\uff1a没有需要导入的新内容。{figures}。"
OUTCOME_PREVIEW = "结论\uff1a预览\uff0c尚未写入\uff1b可以导入。{figures}。"
LIST_REFUSED = "被拒绝的行\uff08{n}\uff09\uff1a"
LIST_ADD = "新增\uff08{n}\uff09\uff1a"
LIST_CHANGE = "修改\uff08{n}\uff09\uff1a"
LIST_DUP = "表内重复\uff0c跳过\uff08{n}\uff09\uff1a"
LIST_SAME = "与已有记录相同\uff0c不变\uff08{n}\uff09\uff1a"
LIST_AMBIGUOUS = "需要核对的名称\uff08{n}\uff09\uff1a"
LIST_IGNORED = "未使用的文字\uff08{n} 段\uff09\uff1a"
MORE = "…… 另有 {n} 条"

# -- plans -------------------------------------------------------------------------------
PLAN_SOURCE_TEXT = "粘贴的文本"
PLAN_NO_TITLE = "没有找到计划的标题\uff08例如“××镇2024年河湖长制工作计划”\uff09"
PLAN_NO_YEAR = "没有找到计划的年度"
PLAN_NO_TASKS = "没有找到编号的任务\uff08如“1.……”或“1、……”\uff09"
PLAN_EXISTS_SAME = "已有同名计划《{title}》\uff08{year}年\uff09\uff0c内容相同\uff0c不再重复导入"
PLAN_EXISTS_DIFFERENT = (
    "已有同名计划《{title}》\uff08{year}年\uff09\uff0c但内容不同\uff1b如要重新导入\uff0c"
    "请先在工作计划中删除或改名原计划"
)
PLAN_DOC_UNREADABLE = "无法读取 Word 文件「{name}」\uff1a{detail}。请在 WPS 或 Word 中另存为 .docx 后再导入"
PLAN_DOC_OLD = "「{name}」是旧版 Word 文件\uff08.doc\uff09\uff0c请在 WPS 或 Word 中另存为 .docx 后再导入"
PLAN_TEXT_ENCODING = "文件「{name}」的文字编码无法识别\uff0c请另存为 UTF-8 文本或 .docx"
PLAN_HEAD = "计划\uff1a《{title}》 {year}年"
PLAN_HEAD_NO_TITLE = "\uff08未找到标题\uff09"
PLAN_HEAD_NO_YEAR = "\uff08未找到年度\uff09"
PLAN_HEAD_ISSUER = "\uff0c印发单位\uff1a{issuer}"
PLAN_HEAD_NUMBER = "\uff0c文号\uff1a{number}"
PLAN_SECTIONS = "章节 {sections} 个\uff0c任务 {tasks} 项"
PLAN_TASK_UNITS = "牵头\uff1a{lead}"
PLAN_TASK_COOP = "配合\uff1a{coop}"
PLAN_TASK_IMPL = "落实\uff1a{impl}"
PLAN_NO_SECTION = "正文中的任务没有章节标题\uff0c已放在“工作任务”一节中"
PLAN_DEFAULT_SECTION = "工作任务"

# Roster warnings: the preview shows them; the rows are still imported.
LIST_WARNINGS = "\u8bf7\u6838\u5bf9\uff08{n}\u6761\uff0c\u4e0d\u5f71\u54cd\u5bfc\u5165\uff09\uff1a"
WARN_SAME_NAME = "\u540c\u540d\u4f46\u7535\u8bdd\u4e0d\u540c"
WARN_SAME_PHONE = "\u7535\u8bdd\u76f8\u540c\u4f46\u59d3\u540d\u4e0d\u540c"
WARN_IN_FILE = "\u53f0\u8d26\u4e2d\u5df2\u6709"
WARN_STORED = "\uff0c\u53f0\u8d26\u4e2d\u5df2\u6709"
WARN_DUPLICATE_PERSON = (
    "{rows} {who} \u4e0e{where}\u7684 {other} {why}\uff0c"
    "\u53ef\u80fd\u662f\u540c\u4e00\u4eba\uff0c\u8bf7\u6838\u5bf9\u3002"
)
WARN_TWO_CHIEFS = (
    "{rows} {place}\u540c\u65f6\u6709\u4e24\u540d{level}\u6cb3\u957f\uff1a"
    "{first}\u3001{second}\uff0c\u8bf7\u6838\u5bf9\u662f\u5426\u5e94\u5148\u514d\u53bb\u539f\u4efb\u3002"
)
