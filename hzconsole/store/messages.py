"""Every message of the storage layer, in one place for review."""

TABLE_NAMES = {
    "settings": "设置",
    "rivers": "河湖",
    "segments": "河段",
    "people": "人员",
    "appointments": "任职记录",
    "signboards": "公示牌",
    "patrols": "巡河记录",
    "problems": "问题",
    "problem_events": "问题流转记录",
    "plans": "工作计划",
    "plan_sections": "计划章节",
    "tasks": "任务",
    "documents": "发文登记",
    "narratives": "文字材料",
    "import_layouts": "导入表头对应",
    "yearly_records": "年度工作记录",
    "drafts": "公文草稿",
}

FILE_MISSING = "找不到文件「{path}」。请检查路径是否正确、U 盘是否已插好。"
IS_DIRECTORY = "「{path}」是一个文件夹，不是数据文件。请选择 .db 文件。"
CANNOT_READ = "无法读取文件「{path}」：{detail}。请检查 U 盘是否插好、文件是否被其他程序占用。"
EMPTY_FILE = "文件「{name}」是空的（0 字节），可能是复制没有完成。请重新复制，或用备份恢复（hzconsole restore）。"
NOT_SQLITE = "文件「{name}」不是河长办数据文件（也不是 SQLite 数据库），可能选错了文件或文件已损坏。文件没有被改动。"
FOREIGN_SQLITE = "文件「{name}」是其他软件的数据库，不是河长办数据文件。为避免损坏，本程序不会打开它，文件没有被改动。"
TRUNCATED = (
    "文件「{name}」不完整（应有 {expected} 字节，实际只有 {actual} 字节），可能是复制时拔出了 U 盘。"
    "文件没有被改动。请重新复制，或用备份恢复（hzconsole restore）。"
)
CORRUPT = (
    "文件「{name}」已损坏，无法读取。文件没有被改动。请用备份恢复（hzconsole restore），或把文件交给技术人员检查。"
)
MEDIUM_READ_ONLY = "文件「{name}」所在位置不能写入（只读文件或写保护的 U 盘）。"
BUSY = "文件「{name}」正被其他程序使用，请稍后再试。"
HOT_JOURNAL_READ_ONLY = (
    "文件「{name}」上次没有正常关闭（例如写入时拔出了 U 盘），留有未完成的写入，需要先撤销才能读取，"
    "但文件所在位置不能写入。请去掉 U 盘写保护，或把该文件连同旁边的「{name}-journal」文件一起复制到电脑上再打开。"
)
HOT_JOURNAL_CHECKED_COPY = (
    "文件上次没有正常关闭，留有一个未完成的写入；下次以可写方式打开时会自动撤销它，已保存的记录不受影响。"
    "以上检查针对撤销后的内容，检查没有改动文件。"
)
IO_ERROR = "读写文件「{name}」时出错，U 盘可能已拔出。请插好 U 盘后重新打开文件；已保存的记录不会丢失。"
WRITE_FAILED = "保存失败：{detail}"
FILE_MOVED = (
    "文件「{name}」已不在「{folder}」（U 盘可能已拔出，或文件被移动、改名、删除），没有保存。"
    "请插好 U 盘、把文件放回原处后再保存；或按 Ctrl+O 重新打开文件。"
)
ALREADY_EXISTS = "文件「{path}」已经存在。为避免覆盖已有数据，请换一个文件名。"
FOLDER_MISSING = "文件夹「{path}」不存在。"
CANNOT_CREATE = "无法创建文件「{path}」：{detail}"
NOT_FOUND = "找不到这条{table}记录，可能已被删除。"

RO_REQUESTED = "按要求以只读方式打开"
RO_NEWER = (
    "该文件由较新版本的 hzconsole 写入（文件版本 {version}，本程序版本 {ours}），只能查看不能修改。请升级 hzconsole "
    "后再修改。"
)
RO_MEDIUM = "文件或所在磁盘是只读的（例如 U 盘写保护、文件属性为只读），只能查看不能修改。"
RO_OPEN_ELSEWHERE = "该文件已在另一个 hzconsole 窗口中打开，为避免两处同时修改，本窗口只能查看。"
READ_ONLY_WRITE = "当前文件只能查看，不能修改：{reason}"
NEEDS_MIGRATION_RO = (
    "文件「{name}」是旧版本格式，需要升级后才能使用，但当前无法写入（{reason}）。请把文件复制到可写的位置后再打开。"
)

FK_VIOLATION = "这条记录还被其他记录引用（例如河流下还有河段、巡河记录或公示牌），不能删除或修改。请先处理相关记录。"
UNIQUE_VIOLATION = "编号重复：{detail} 已存在，请换一个编号。"
CHECK_VIOLATION = "数据不符合要求：{detail}"
NOT_NULL_VIOLATION = "必填项没有填写：{detail}"

MIGRATION_FAILED = "升级文件格式时出错，文件已恢复原样（升级前的备份在 {backup}）：{detail}"
BACKUP_FAILED = "备份失败：{detail}"
BACKUP_NOT_FOUND = "找不到备份文件「{path}」。"
FILE_IN_USE = "文件「{path}」正在被 hzconsole 使用，不能覆盖。请先关闭使用它的窗口。"
RESTORE_TARGET_BUSY = "文件「{path}」正在被 hzconsole 使用，请先关闭后再恢复。"

# -- data safety (issue 11); punctuation made full-width by escapes below this line --
JOURNAL_FOREIGN = (
    "文件「{name}」旁边有一个撤销日志「{journal}」\uff0c但{reason}。为保护数据\uff0c没有用它改动文件\uff0c"
    "文件保持原样\uff1b该日志已改名为「{aside}」放在原处\uff0c可交给技术人员查看。"
)
JOURNAL_ROLLED_BACK = (
    "文件「{name}」上次的修改没有完成\uff08保存时 U 盘被拔出、磁盘已满或程序被强行关闭\uff09\uff0c"
    "已用撤销日志把那次未完成的修改撤销\uff0c文件恢复到最后一次保存完成时的内容\uff1b之前保存的记录都在。"
)
DAMAGED_NO_WRITE = (
    "文件「{name}」已损坏\uff08{detail}\uff09\uff0c为免损坏扩大\uff0c本程序不会再向它写入\uff0c这次的修改没有保存。"
    '请用备份恢复\uff1ahzconsole restore "{path}" 1\uff1b运行 hzconsole check "{path}" 可查看详情。'
)
DAMAGED_NO_MIGRATE = (
    "文件「{name}」已损坏\uff08{detail}\uff09\uff0c不能升级格式。"
    '请用备份恢复\uff1ahzconsole restore "{path}" 1\uff1b运行 hzconsole check "{path}" 可查看详情。'
)
DAMAGED_READ = (
    "文件「{name}」已损坏\uff08{detail}\uff09\uff0c读出的数字不可靠\uff0c没有统计。"
    '请用备份恢复\uff1ahzconsole restore "{path}" 1\uff1b运行 hzconsole check "{path}" 可查看详情。'
)
DISK_FULL = (
    "保存失败\uff1a文件「{name}」所在的磁盘已满\uff0c这次的修改没有保存\uff0c文件保持上一次保存的内容。"
    "请删除 U 盘或磁盘上不需要的文件腾出空间\uff0c再重新操作。"
)
STICK_PULLED = (
    "读写文件「{name}」时出错\uff0cU 盘可能已拔出或接触不良\uff0c刚才的操作没有完成\uff0c修改没有保存。"
    "请插好 U 盘后重新打开文件\uff1a未完成的修改会自动撤销\uff0c之前保存的记录不会丢失。"
)
JOURNAL_FOREIGN_CHECKED = (
    "文件「{name}」旁边的撤销日志「{journal}」不属于本文件\uff08{reason}\uff09\u3002以上检查针对文件本身\uff1b"
    "下次打开时该日志会被改名放到一边\uff0c不会用它改动文件\u3002"
)
BAD_SETTING = "设置「{label}」的值「{value}」无效\uff0c已按默认值 {default} 处理\u3002请在「设置」画面中改正\u3002"
OLD_FORMAT_CHECKED = (
    "文件格式较旧\uff08版本 {version}\uff0c本程序 {ours}\uff09\uff1b以上检查针对旧格式\u3002"
    "可以正常打开\uff1a打开时会先自动备份\uff0c再升级格式\u3002"
)
DB_INTERNAL = (
    "操作没有完成\uff1a数据库内部错误\uff08{code}\uff09\uff0c文件没有改动\u3002"
    "请重试\uff1b如果再次出现\uff0c请运行 hzconsole check 检查文件\uff0c并把这条信息告诉技术人员\u3002"
)
DAMAGED_OPENED = (
    "文件「{name}」已损坏\uff08{detail}\uff09\uff0c可以查看\uff0c但不会再保存任何修改\u3002"
    '请用备份恢复\uff1ahzconsole restore "{path}" 1\uff1b运行 hzconsole check "{path}" 可查看详情\u3002'
)
BACKUP_DAMAGED = (
    "备份「{name}」已损坏\uff0c没有用它恢复\uff0c文件保持原样\u3002请选择另一个备份\uff08hzconsole restore 文件 "
    "列出全部备份\uff09\u3002"
)
