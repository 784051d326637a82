"""设置: the office's details (used in every document) and the patrol norms, kept in the
file; and this PC's look of the console (hzconsole/look.py), kept on the PC."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from hzconsole.books.settings import OfficeSettings, load_settings, save_settings
from hzconsole.books.terms import LEVELS, PERIODS
from hzconsole.store.errors import FieldProblem, HzError, ValidationError
from hzconsole.tui import strings as S
from hzconsole.tui.screens.base import HzScreen
from hzconsole.tui.screens.book import detail_table
from hzconsole.tui.screens.dialogs import ChooseScreen, ConfirmScreen
from hzconsole.tui.screens.form import FieldSpec, FormScreen
from hzconsole.tui.widgets.plain import Static

OFFICE_FIELDS = (
    "office_name",
    "issuer_mark",
    "doc_code",
    "printing_office",
    "supervision_phone",
    "default_recipients",
    "default_cc",
    "clerk",
    "reviewer",
    "contact_phone",
    "signboard_update_days",
    "backup_keep",
)
NORM_ROWS = 6
PERIOD_BY_LABEL = {label: key for key, label in PERIODS.items()}
SCOPES = {"per_chief": "按河长考核", "per_river": "按河长的每条河湖分别考核"}
FONTS = {"gb2312": "仿宋_GB2312 等公文字体", "windows": "Windows 自带字体（仿宋、黑体、楷体）"}
LOOKS = {
    "auto": "自动\uff08Windows 上不是 Windows 终端时用简单字符\uff09",
    "full": "完整字符\uff08方框线\u3001箭头等\uff1bWindows 终端\u3001浏览器\u3001Linux\uff09",
    "ascii": "简单字符\uff08只用 ASCII 画边框\uff1b旧的命令行窗口排版错乱时选它\uff09",
}
LOOK_NAMES = {key: label.split("\uff08")[0] for key, label in LOOKS.items()}


class SettingsScreen(HzScreen):
    """设置"""

    MODE = "settings"
    BINDINGS = [
        Binding("f4", "edit_office", "单位信息"),
        Binding("f5", "edit_norms", "巡河要求"),
        Binding("ctrl+z", "app.undo", "撤销"),
        Binding("f6", "choose_look", "本机显示方式"),
        Binding("f7", "backup", "立即备份"),
        Binding("f8", "app.yearly_records", "年度工作记录"),
        Binding("f9", "restore", "恢复备份"),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="settings-body"):
            yield Static("", id="settings-view")

    def on_file_changed(self) -> None:
        self.show()

    def on_show_again(self) -> None:
        self.show()

    def look_lines(self) -> Text:
        """This PC's look: a PC setting, not one of the file (which travels between PCs)."""
        from hzconsole import look

        choice = look.load_choice()
        now = "简单字符" if self.hz.ascii_look else "完整字符"
        return Text.assemble(
            ("\n本机界面显示方式\uff08按 F6 修改\uff09", "bold underline"),
            f"\n{LOOK_NAMES[choice]}\uff08现在显示的是{now}\uff09",
            ("\n这是本机的设置\uff0c保存在本机\uff0c不在数据文件里\uff1b数据文件拷到别的电脑上不受影响\u3002", "dim"),
            (
                "\n年度工作记录\uff08会议\u3001河长令\u3001保洁\u3001经费等\uff0c工作总结引用\uff09按 F8 填写\u3002",
                "dim",
            ),
        )

    def show(self) -> None:
        view = self.query_one("#settings-view", Static)
        if self.open_db is None:
            view.update(self.look_lines())
            return
        s = load_settings(self.db)
        L = OfficeSettings.model_fields
        office = detail_table([(L[k].title or k, getattr(s, k)) for k in OFFICE_FIELDS])
        norms = Table.grid(padding=(0, 2))
        for _ in range(4):
            norms.add_column()
        norms.add_row(*(Text(t, style="bold") for t in ("层级", "周期", "至少次数", "每次最短（分钟）")))
        for n in s.patrol_norms:
            norms.add_row(n.level, PERIODS[n.period], str(n.count), str(n.min_minutes))
        view.update(
            Group(
                Text("单位信息（按 F4 修改）", style="bold underline"),
                office,
                Text(f"\n公文字体：{FONTS[s.font_profile]}"),
                Text("\n巡河频次要求（按 F5 修改）", style="bold underline"),
                Text(f"考核方式：{SCOPES[s.norm_scope]}"),
                norms,
                self.look_lines(),
            )
        )
        self.query_one("#settings-body").focus()

    def action_choose_look(self) -> None:
        """F6: this PC's look, kept in the data dir (as `hzconsole look` does), applied at once."""
        from hzconsole import look

        def chosen(choice: str | None) -> None:
            if choice is None:
                return
            try:
                look.save_choice(choice)
            except OSError as exc:
                self.notify(f"没有保存本机显示方式\uff1a{exc}", severity="error", timeout=10)
                return
            self.hz.set_look(look.wants_ascii(choice))
            self.notify(f"本机显示方式\uff1a{LOOK_NAMES[choice]}\uff08已保存在本机\uff0c立即生效\uff09")
            self.show()

        self.app.push_screen(
            ChooseScreen(
                "本机界面显示方式",
                list(LOOKS.items()),
                current=look.load_choice(),
                note="只影响这台电脑上的控制台\uff0c不改数据文件\u3002"
                "旧的 Windows 命令行窗口把方框线画成两格宽\u3001排版错乱时\uff0c选\u300c简单字符\u300d\u3002",
            ),
            chosen,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_office", "edit_norms") and self.open_db is None:
            return None  # read-only: the key runs and says why nothing can be changed
        return True

    def action_edit_office(self) -> None:
        if not self.hz.writable():
            return
        db = self.db
        s = load_settings(db)
        L = OfficeSettings.model_fields
        fields = [
            FieldSpec(
                k,
                L[k].title or k,
                "number" if k in ("signboard_update_days", "backup_keep") else "text",
                required=k in ("office_name", "doc_code"),
            )
            for k in OFFICE_FIELDS
        ]
        fields.append(
            FieldSpec("font_profile", L["font_profile"].title or "", "choice", tuple(FONTS.values()), required=True)
        )
        values: dict[str, Any] = {k: getattr(s, k) for k in OFFICE_FIELDS}
        values = {k: ("" if v is None else str(v)) for k, v in values.items()}
        values["font_profile"] = FONTS[s.font_profile]

        def save(form: dict[str, Any]) -> Any:
            changes = {
                k: ("" if form.get(k) is None and k not in ("supervision_phone", "contact_phone") else form.get(k))
                for k in OFFICE_FIELDS
            }
            changes["font_profile"] = next((k for k, v in FONTS.items() if v == form.get("font_profile")), "gb2312")
            return save_settings(db, changes)

        self.app.push_screen(FormScreen("单位信息", fields, values, save, check_required=False), self._saved)

    def action_edit_norms(self) -> None:
        if not self.hz.writable():
            return
        db = self.db
        s = load_settings(db)
        fields = [FieldSpec("norm_scope", "考核方式", "choice", tuple(SCOPES.values()), required=True)]
        values: dict[str, Any] = {"norm_scope": SCOPES[s.norm_scope]}
        for i in range(NORM_ROWS):
            fields += [
                FieldSpec(f"level{i}", f"第{i + 1}条 层级", "choice", LEVELS),
                FieldSpec(f"period{i}", "    周期", "choice", tuple(PERIODS.values())),
                FieldSpec(f"count{i}", "    至少次数", "number"),
                FieldSpec(f"minutes{i}", "    最短分钟", "number"),
            ]
            if i < len(s.patrol_norms):
                n = s.patrol_norms[i]
                values |= {
                    f"level{i}": n.level,
                    f"period{i}": PERIODS[n.period],
                    f"count{i}": str(n.count),
                    f"minutes{i}": str(n.min_minutes),
                }

        def save(form: dict[str, Any]) -> Any:
            norms = []
            for i in range(NORM_ROWS):
                row = [form.get(f"{k}{i}") for k in ("level", "period", "count", "minutes")]
                if not any(row):
                    continue
                if not all(row[:3]):
                    raise ValidationError(
                        [FieldProblem(f"count{i}", "至少次数", "层级、周期、次数都要填写（整行留空则删除这一条）")]
                    )
                norms.append(
                    {
                        "level": row[0],
                        "period": PERIOD_BY_LABEL.get(str(row[1]), row[1]),
                        "count": row[2],
                        "min_minutes": row[3] or 0,
                    }
                )
            scope = next((k for k, v in SCOPES.items() if v == form.get("norm_scope")), "per_chief")
            try:
                return save_settings(db, {"patrol_norms": norms, "norm_scope": scope})
            except ValidationError as exc:
                raise ValidationError([FieldProblem("", "", p.text()) for p in exc.problems]) from None

        self.app.push_screen(
            FormScreen(
                "巡河频次要求",
                fields,
                values,
                save,
                note="每条：某一层级的河长在每个周期内至少巡河几次，每次至少几分钟。",
            ),
            self._saved,
        )

    def action_backup(self) -> None:
        """A copy of the file on this PC now (before a big import, say)."""
        from hzconsole.store.backup import make_backup

        if self.open_db is None:
            self.notify(S.NO_FILE, severity="warning")
            return
        try:
            target = make_backup(self.db, reason="手动")
        except HzError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self.notify(f"已备份到 {target}", timeout=10)

    def action_restore(self) -> None:
        """Put one of this file's backups in its place (the current content is backed up
        first, so the restore itself can be undone by restoring that copy)."""
        from hzconsole.store.backup import folder_for, list_backups

        if not self.hz.writable():
            return
        db = self.db
        backups = list_backups(folder_for(db))
        if not backups:
            self.notify("这个文件在本机还没有备份\u3002", severity="warning")
            return
        options = [
            (str(b.path), f"{b.taken_at:%Y-%m-%d %H:%M}  {b.size / 1024:,.0f} KB  {b.reason or ''}") for b in backups
        ]

        def chosen(source: str | None) -> None:
            if not source:
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    self._restore(Path(source))

            self.app.push_screen(
                ConfirmScreen(
                    "恢复备份",
                    f"用 {Path(source).name} 替换当前文件的全部内容\uff1f\n\n"
                    "当前内容会先另存一份备份\uff0c恢复后仍可找回\u3002",
                    yes="恢复",
                ),
                answered,
            )

        self.app.push_screen(ChooseScreen("恢复哪一个备份\uff08最新在前\uff09", options), chosen)

    def _restore(self, source: Path) -> None:
        from hzconsole.store.backup import restore

        hz = self.hz
        assert hz.db is not None
        path = hz.db.path
        hz.close_db()  # the file is replaced under its name: nothing may hold it open
        try:
            safety = restore(source, path)
        except HzError as exc:
            hz.open_path(path, announce=False)
            self.notify(exc.message, severity="error", timeout=10)
            return
        if hz.open_path(path, announce=False):
            where = f"\uff1b恢复前的内容另存为 {safety}" if safety else ""
            self.notify(f"已用备份恢复{where}", timeout=12)

    def _saved(self, result: Any) -> None:
        if result is not None:
            self.hz.office_name = result.office_name
            self.notify("已保存设置。")
            self.refresh_chrome()
            self.show()

    def show_record(self, record_id: str, find: str) -> None:
        self.show()
