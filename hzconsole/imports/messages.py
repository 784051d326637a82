"""Every message of the import layer, in one place for review."""

from hzconsole import text as tx
from hzconsole.books.fields import REQUIRED as REQUIRED  # the forms' own wording
from hzconsole.ledgers.kinds import LEDGER_KINDS

# An import reads the ledger the export writes: it goes by the same name.
KIND_NAMES = {
    **{k: LEDGER_KINDS[k].title for k in ("rivers", "chiefs", "signboards", "patrols", "problems", "tasks")},
    "plan": "工作计划",
}
UNKNOWN_KIND = "不认识的台账种类「{kind}」,可用:{kinds}"

# -- reading files ---------------------------------------------------------------------
FILE_NOT_FOUND = "找不到文件「{path}」。"
FILE_UNREADABLE = "无法读取文件「{name}」:{detail}"
FILE_EMPTY = "文件「{name}」是空的(0 字节)。"
NOT_SPREADSHEET = "文件「{name}」不是 Excel 表格(.xlsx / .xls)。请在 WPS 或 Excel 中打开后另存为 .xlsx 再导入。"
XLSX_DAMAGED = "文件「{name}」无法按 .xlsx 读取,可能已损坏或没有保存完整。请在 WPS 或 Excel 中打开后另存一份再导入"
XLS_DAMAGED = "文件「{name}」无法按 .xls 读取,可能已损坏。请在 WPS 或 Excel 中打开后另存为 .xlsx 再导入"
ENCRYPTED = "文件「{name}」设置了打开密码,无法读取。请在 WPS 或 Excel 中取消密码后另存一份再导入。"
TOO_BIG = "文件「{name}」解压后有 {size:,.0f} MB（是压缩后的 {ratio:,.0f} 倍），不像是一份台账；为免电脑卡住，没有读取。如确是台账，请在 WPS 或 Excel 中删去多余的空白行列后另存再导入。"
TOO_MANY_CELLS = "文件「{name}」有 {cells:,} 个单元格，远超一份台账的大小；为免电脑卡住，没有读取。请删去多余的空白行列，或分成几个文件再导入。"
CSV_ENCODING = "文件「{name}」的文字编码无法识别,请在 WPS 或 Excel 中另存为 .xlsx 再导入。"
NO_SHEETS = "文件「{name}」里没有可读的工作表。"
NO_HEADER = "没有找到{kind}的表头。请确认表头包含这些列之一:{names}"
NO_MATCHING_SHEET = "文件「{name}」中没有找到{kind}的表头(检查了 {n} 个工作表)。需要的列:{names}"
SHEET_NOT_FOUND = "文件中没有名为「{sheet}」的工作表,现有工作表:{sheets}"
MISSING_COLUMNS = "缺少必需的列:{columns}"
MISSING_COLUMN_ONE = "「{label}」(可写作:{names})"
HIDDEN_SHEET = "隐藏的工作表(如需导入请用 --sheet 指定)"

# -- the column mapping ------------------------------------------------------------------
PAIR_FORMAT = "{what}「{item}」的写法不对，请写成 左边=右边，例如 --map \"河涌名=河湖\" 或 --default \"发现日期=2024年6月30日\""
MAP_NO_HEADER = "--map 中的表头「{header}」在表中没有找到。表头有：{headers}"
MAP_NO_FIELD = "--map 中的字段「{field}」不认识。可用的字段：{fields}；写“不导入”则不导入该列"
DEFAULT_NO_FIELD = "--default 中的字段「{field}」不认识。可用的字段：{fields}"
WHY_CONTENT = {"phone": "内容是手机号", "date": "内容是日期", "river": "内容是名录中的河湖",
               "person": "内容是名册中的人员", "water": "内容像河湖名称"}
WHY_REMEMBERED = "上次确认"
WHY_GIVEN = "指定"
WHY_HEADER = "表头"
DEFAULT_HEADER = "默认值"
SURE = "{why}，把握 {sure}%"
SUGGESTED = "可能是：{field}（{why}，把握 {sure}%）"
MAP_HOW = "对应关系不对时，用 --map \"表头=字段\" 改正（字段写上面箭头后的名称，或写“不导入”）；确认导入后，同样表头的表下次自动按此对应。"
DEFAULT_USED = "表中没有的「{field}」一律按「{value}」导入（--default）"
DEFAULT_PROPOSED = "表中没有「{field}」：可用 --default \"{field}={value}\" 指定（{source}）"
DEFAULT_HOW = "表中没有「{field}」\uff1a可用 --default \"{field}=日期\" 为全表指定"
DEFAULT_SOURCE_DATE = "取自表中的「{label}」"

NEEDS_REFUSED_ROW = "要用到被拒绝的行中新建的记录，一并不导入"
REFUSED_SUFFIX = "_未导入的行"
REFUSED_NOT_SAVED = "被拒绝的行无法另存为「{file}」\uff08{detail}\uff09\uff0c本次没有导入任何内容\uff1b请把文件复制到可以写入的文件夹后再导入"
REFUSED_REASON = "未导入原因"
OUTCOME_PARTLY = "结论：已导入没有问题的行；{n} 行被拒绝，没有导入，已连同原因另存为「{file}」，改正后可再导入该文件。{figures}。"
OUTCOME_PREVIEW_PARTLY = "结论：预览，尚未写入；导入时将只导入没有问题的行，{n} 行被拒绝的行连同原因另存为一个表格。{figures}。"
REFUSED_GROUPS = "按原因归类："
REFUSED_GROUP = "{reason}：{n} 行（{rows}）"
MISSING_RIVERS = "河湖"
MISSING_PEOPLE = "人员"
LIST_MISSING = "表中有、文件中还没有的{what}（{n}）：{names}"
MISSING_ADD_HINT = "确认这些名称无误后，导入时加 --add-missing 一并新建（与其他内容一起写入，或一起不写）。"
MISSING_ADDED = "以上{what}将在本次导入中新建"

# -- cells -------------------------------------------------------------------------------
NOT_A_DATE = tx.NOT_A_DATE  # the books' own wording, so a cell and a form say the same
DATE_IMPOSSIBLE = tx.DATE_IMPOSSIBLE
DATE_NEEDS_YEAR = "「{value}」没有写年份,表格标题中也没有年份;请写成 2024年6月17日,或导入时指定年份(--year)"
TIME_NOT_DATE = "「{value}」是时间,不是日期"
BAD_TIME = "「{value}」不是有效的时间,请按 08:30 的格式填写"
BAD_TIME_RANGE = "「{value}」不是有效的时间段,请写成 08:30-09:30"
NOT_A_NUMBER = "「{value}」不是有效的数值"
NOT_AN_INTEGER = "「{value}」不是有效的序号"
OTHER_PHONES = "其他电话:{phones}"

# -- matching ----------------------------------------------------------------------------
RIVER_NOT_FOUND = "找不到河湖「{name}」,请先导入或录入河湖名录"
RIVER_NOT_FOUND_CLOSE = "找不到河湖「{name}」(相近的有:{close}),请检查名称或先导入河湖名录"
RIVER_AMBIGUOUS = "有 {n} 个河湖都叫「{name}」:{candidates},请在表中增加“类型”列或写明河段"
SEGMENT_NOT_FOUND = "河湖「{river}」下没有河段「{name}」"
SEGMENT_NOT_FOUND_CLOSE = "河湖「{river}」下没有河段「{name}」(该河湖的河段有:{close})"
SEGMENT_AMBIGUOUS = "有 {n} 个河段都叫「{name}」:{candidates},请同时填写所属河湖"
PERSON_NOT_FOUND = "找不到人员「{name}」,请先导入或录入河长名册"
PERSON_NOT_FOUND_CLOSE = "找不到人员「{name}」(相近的有:{close}),请先导入或录入河长名册"
PERSON_AMBIGUOUS = "有 {n} 人同名「{name}」:{candidates},无法确定是哪一位"
PERSON_AMBIGUOUS_HINT = "请在表中增加“单位/村(社区)”或“联系电话”列以区分同名人员"
PARENT_NOT_FOUND = "上级河流「{name}」既不在名录中,也不在本表中"
PARENT_AMBIGUOUS = "有多个河湖都叫「{name}」,无法确定上级河流"
PARENT_SELF = "河流不能是自己的上级河流"
HINT_KIND = "请在表中增加“类型”列(河流/水库/山塘…)以区分同名河湖"
HINT_PERSON = "请填写“单位/村(社区)”或“联系电话”以区分同名人员"

# -- rows --------------------------------------------------------------------------------
DUP_OF = "与第 {row} 行完全相同"
DUP_UNMAPPED = "与第 {row} 行导入的内容相同，只有不导入的列不同：{columns}（如这些列也要导入，请用 --map 指定）"
CONFLICT_WITH = "与第 {row} 行是同一条{what}({key}),但内容不同:{fields}"
CONFLICT_RIVER = "与第 {row} 行是同一河湖,但{fields}不一致"
EXISTING_MANY = "库中已有 {n} 条相同的{what}({key}),无法确定修改哪一条"
START_DATE_MISSING = "必须填写(表中没有任职日期时,可在导入时用 --start-date 指定)"
CONTENT_DATE_MISSING = "必须填写(也可以只填写设立日期)"
STATUS_BACKWARDS = "库中该问题已是「{old}」,表中为「{new}」;状态不能倒退,如需退回请在问题清单中操作"
STATUS_NEEDS_ASSIGN = "状态改为「{new}」需要先交办,交办时必须填写责任单位和整改时限"
NOT_IMPORTED_COLUMNS = "以下列不导入:{columns}"
NEW_PERSON = "新建人员 {name}"
NEW_APPOINTMENT = "新增任职 {what}"
NEW_RIVER = "新建河湖 {name}"
NEW_SEGMENT = "新建河段 {name}"
NEW_PLAN = "新建工作计划《{title}》"
NEW_SECTION = "新建章节「{title}」"
PERSON_UPDATED = "更新人员 {name}"
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
    "rivers": "河湖名录导入:按“名称+类型”对应已有河湖,新的河湖和河段会被新建;上级河流须在名录或本表中。空白单元格不会清除已有内容。",
    "chiefs": "河长名册导入:人员按“姓名+联系电话”(没有电话时按“姓名+单位”)对应,找不到的人员会被新建;任职的河湖、河段必须已在河湖名录中,否则该行被拒绝。已有的任职不会被结束或覆盖,人事调整请在名册中办理。",
    "signboards": "公示牌导入:按编号对应,新的编号会被新建;所在河湖、河段必须已在名录中。未填写内容更新日期的,按设立日期。",
    "patrols": "巡河台账导入:只新增或更新巡河记录;巡河人、河湖、河段必须已在名册和名录中,不会自动新建,找不到的行被拒绝。",
    "problems": "问题台账导入:按问题编号对应(没有编号时按河湖+发现日期+问题描述);河湖必须已在名录中。状态只能向前推进(交办→整改→销号),每一步记入问题流转记录。",
    "tasks": "任务清单导入:任务按序号(没有序号时按任务内容)对应到工作计划;计划按标题对应,找不到时新建。",
    # Chinese punctuation written as escapes: （ ） ， ： ；.
    "plan": ("工作计划导入\uff1a识别标题、年度、章节、任务\uff08含 Word 自动编号和任务表\uff09及写明的牵头、配合、"
             "落实单位\uff08原文照存\uff09\uff1b同名同年度的计划已存在时不会重复导入。"),
}
DEFAULT_KIND_NOTE = "表中没有“类型”列,新河湖按“河流”导入"
DEFAULT_LEVEL_NOTE = "表中没有“层级”列,新河湖按“乡级”导入"
DEFAULT_ROLE_NOTE = "表中没有“职责”列,任职按“河长”导入"
WIDE_ROSTER = "每行一条河湖，各级河长并列：按 {levels} 各导入一条任职"
LEVEL_FROM_TITLE = "没有填写层级的任职按“{level}”导入(取自表格标题)"
YEAR_FROM = "不带年份的日期按 {year} 年理解({source})"
YEAR_SOURCE_OPTION = "导入时指定"
YEAR_SOURCE_TITLE = "取自表格标题"
ALREADY_IMPORTED = "内容完全相同的文件已于 {at} 导入过;再次导入不会产生重复记录"
PLAN_TARGET_EXISTING = "任务将导入到已有的工作计划《{title}》({year}年)"
PLAN_TARGET_NEW = "将新建工作计划《{title}》({year}年)"
READ_ONLY = "当前文件只能查看,不能导入:{reason}"

# -- the report --------------------------------------------------------------------------
ROW = "第 {row} 行"
SHEET_ROW = "「{sheet}」第 {row} 行"
NOT_FOUND_SHORT = "没有找到"
AMBIGUOUS_FOUND = "有 {n} 条同名记录:{names}"
EMPTY_VALUE = "(空)"
REPORT_HEAD = "导入{kind}:{source}"
SHEET_LINE = "工作表「{sheet}」:表头在{rows}"
SHEET_LINE_PLAIN = "工作表「{sheet}」"
HEADER_ROWS = "第 {first}–{last} 行"
COLUMNS_USED = "识别的列:"
COLUMNS_UNUSED = "未使用的列:"
SCALE_NOTES = {0.001: "按米换算为公里", 60.0: "按小时换算为分钟"}
REPEATED_COLUMN = "与前面的列重复,未使用"
SHEET_SKIPPED = "跳过工作表 {text}"
FATAL_PREFIX = "无法导入:"
NOTE_PREFIX = "说明:"
COUNTS = "新增 {add} 行,修改 {change} 行,未变化 {same} 行,重复 {dup} 行,拒绝 {refuse} 行"
# A plan is added whole or not at all: its tasks are new, or the same as the stored plan's.
COUNTS_PLAN_ADD = "新增任务 {n} 项"
COUNTS_PLAN_SAME = "与已有计划相同的任务 {n} 项"
OUTCOME_FATAL = "结论:文件无法导入,没有写入任何数据。"
OUTCOME_REFUSED = "结论:有 {n} 行被拒绝,本次没有写入任何数据;请按下面的原因改正表格后重新导入。({figures})"
OUTCOME_WRITTEN = "结论:已导入。{figures}。"
OUTCOME_NOTHING = "结论:没有需要导入的新内容。{figures}。"
OUTCOME_PREVIEW = "结论:预览,尚未写入;可以导入。{figures}。"
LIST_REFUSED = "被拒绝的行({n}):"
LIST_ADD = "新增({n}):"
LIST_CHANGE = "修改({n}):"
LIST_DUP = "表内重复,跳过({n}):"
LIST_SAME = "与已有记录相同,不变({n}):"
LIST_AMBIGUOUS = "需要核对的名称({n}):"
LIST_IGNORED = "未使用的文字({n} 段):"
MORE = "…… 另有 {n} 条"

# -- plans -------------------------------------------------------------------------------
PLAN_SOURCE_TEXT = "粘贴的文本"
PLAN_NO_TITLE = ("没有找到计划的标题\uff08例如“××镇2024年河湖长制工作计划”\uff09\uff0c"
                 "请在“标题”一栏填写\uff08命令行\uff1a--plan \"计划标题\"\uff09")
PLAN_NO_YEAR = "没有找到计划的年度\uff0c请在“年度”一栏填写\uff08命令行\uff1a--year 2024\uff09"
PLAN_NO_TASKS = "没有找到编号的任务(如“1.……”或“1、……”)"
PLAN_EXISTS_SAME = "已有同名计划《{title}》({year}年),内容相同,不再重复导入"
PLAN_EXISTS_DIFFERENT = "已有同名计划《{title}》({year}年),但内容不同;如要重新导入,请先在工作计划中删除或改名原计划"
PLAN_DOC_UNREADABLE = "无法读取 Word 文件「{name}」:{detail}。请在 WPS 或 Word 中另存为 .docx 后再导入"
PLAN_DOC_OLD = "「{name}」是旧版 Word 文件(.doc),请在 WPS 或 Word 中另存为 .docx 后再导入"
PLAN_TEXT_ENCODING = "文件「{name}」的文字编码无法识别,请另存为 UTF-8 文本或 .docx"
PLAN_HEAD = "计划:《{title}》 {year}年"
PLAN_HEAD_NO_TITLE = "\uff08未找到标题\uff09"
PLAN_HEAD_NO_YEAR = "\uff08未找到年度\uff09"
PLAN_HEAD_ISSUER = ",印发单位:{issuer}"
PLAN_HEAD_NUMBER = ",文号:{number}"
PLAN_SECTIONS = "章节 {sections} 个,任务 {tasks} 项"
PLAN_TASK_UNITS = "牵头:{lead}"
PLAN_TASK_COOP = "配合:{coop}"
PLAN_TASK_IMPL = "落实:{impl}"
PLAN_NO_SECTION = "正文中的任务没有章节标题,已放在“工作任务”一节中"
PLAN_DEFAULT_SECTION = "工作任务"

# Roster warnings: the preview shows them; the rows are still imported.
LIST_WARNINGS = "\u8bf7\u6838\u5bf9\uff08{n}\u6761\uff0c\u4e0d\u5f71\u54cd\u5bfc\u5165\uff09\uff1a"
WARN_SAME_NAME = "\u540c\u540d\u4f46\u7535\u8bdd\u4e0d\u540c"
WARN_SAME_PHONE = "\u7535\u8bdd\u76f8\u540c\u4f46\u59d3\u540d\u4e0d\u540c"
WARN_IN_FILE = "\u53f0\u8d26\u4e2d\u5df2\u6709"
WARN_STORED = "\uff0c\u53f0\u8d26\u4e2d\u5df2\u6709"
WARN_DUPLICATE_PERSON = ("{rows} {who} \u4e0e{where}\u7684 {other} {why}\uff0c"
                         "\u53ef\u80fd\u662f\u540c\u4e00\u4eba\uff0c\u8bf7\u6838\u5bf9\u3002")
WARN_TWO_CHIEFS = ("{rows} {place}\u540c\u65f6\u6709\u4e24\u540d{level}\u6cb3\u957f\uff1a"
                   "{first}\u3001{second}\uff0c\u8bf7\u6838\u5bf9\u662f\u5426\u5e94\u5148\u514d\u53bb\u539f\u4efb\u3002")
