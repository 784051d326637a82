"""公文台账: every official document and Excel ledger, from a form generated from the kind's
options. Long exports run in a worker thread with progress; the saved path is shown at the
end, with an offer to open its folder.

A document is first made as a **draft** (F2): no 文号, written as「2026年10月巡河通报（草稿）.docx」
and made again as often as the clerk edits (the same draft and file, never a new number, never
another document's file). 定稿发文 (F5, or from the list of drafts, F7) takes the 文号 once,
after a confirm dialog."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, TextArea
from textual.widgets.option_list import Option

from hzconsole.store.errors import HzError
from hzconsole.tui.screens.base import HzScreen, hz_app
from hzconsole.tui.screens.dialogs import ConfirmScreen
from hzconsole.tui.screens.form import FieldSpec, make_input, raw_value, read_value
from hzconsole.tui.system import open_folder
from hzconsole.tui.widgets.cells import plain_glyphs
from hzconsole.tui.widgets.picker import PickInput
from hzconsole.tui.widgets.plain import Label, Static

# Common document options the clerk rarely changes: left to the office settings.
HIDDEN_COMMON = {"template_dir", "fonts", "signature"}
OPTION_KINDS = {"text": "text", "longtext": "long", "date": "date", "int": "number", "choice": "choice", "path": "text"}


@dataclass(frozen=True)
class Kind:
    """A document or a ledger as the screen offers it."""

    key: str  # "doc:notice", "ledger:patrols"
    title: str
    fields: tuple[FieldSpec, ...]
    help: dict[str, str]
    suffix: str
    narratives: tuple[tuple[str, str], ...] = ()  # (key, label) of paragraphs kept in the file


def worded(exc: HzError) -> str:
    """A refusal as the console says it: where the core points to 发文登记 for an issued
    copy, how to get it here (the CLI says `hzconsole doc export`)."""
    from hzconsole.documents.base import InRegister

    if isinstance(exc, InRegister):
        return exc.message + "\uff08在发文登记中选中该文号\uff0c按 F7 重新导出\uff09"
    return exc.message


def document_kinds(county: bool = False) -> list[Kind]:
    """The kinds of hzconsole.documents a township writes (`county`: those a county roll-up
    file writes, the county 通报)."""
    try:
        from hzconsole.documents import COMMON_OPTIONS, COUNTY_KINDS, DOCUMENT_KINDS
    except ImportError:
        return []
    out = []
    for kind in (COUNTY_KINDS if county else DOCUMENT_KINDS).values():
        fields, helps = [], {}
        narratives: tuple[tuple[str, str], ...] = ()
        for spec in (*kind.options, *COMMON_OPTIONS):
            if spec.name in HIDDEN_COMMON:
                continue
            helps[spec.name] = spec.help
            if spec.kind == "narratives":
                narratives = kind.paragraphs
                continue
            fields.append(
                FieldSpec(
                    spec.name,
                    spec.label,
                    OPTION_KINDS.get(spec.kind, "text"),
                    spec.choices or None,
                    required=spec.required,
                )
            )
        out.append(Kind(f"doc:{kind.key}", kind.title, tuple(fields), helps, ".docx", narratives))
    return out


def ledger_kinds() -> list[Kind]:
    from hzconsole.ledgers import LEDGER_KINDS

    out = []
    for kind in LEDGER_KINDS.values():
        fields = []
        if kind.needs_year:
            fields.append(FieldSpec("year", "年度", "number"))
        if kind.needs_month:
            fields.append(FieldSpec("month", "月份", "number"))
        out.append(
            Kind(
                f"ledger:{kind.key}",
                kind.title,
                tuple(fields),
                {"year": kind.year_help, "month": kind.year_help},
                ".xlsx",
            )
        )
    return out


class DocumentsScreen(HzScreen):
    """公文台账"""

    MODE = "documents"
    BINDINGS = [
        # One key, named for what it makes: a document's draft, or a ledger.
        Binding("f2,ctrl+s", "generate", "生成草稿"),
        Binding("f2,ctrl+s", "generate_ledger", "生成"),
        Binding("f5", "issue", "定稿发文"),
        Binding("f7", "drafts", "草稿列表"),
        Binding("f3", "save_narratives", "保存段落"),
        Binding("f4", "default_narratives", "填入默认文字"),
        Binding("ctrl+l", "focus_kinds", "选择种类"),
        # From a field, Esc goes back to the list of kinds, where the number keys switch
        # screens again (in a field they are typed).
        Binding("escape", "focus_kinds", "回到种类列表", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kinds: dict[str, Kind] = {}
        self.kind: Kind | None = None
        self.last_progress: tuple[int, int] | None = None
        self._loaded_scope: str | None = None  # the period whose paragraphs the areas show
        # Paragraphs typed but not yet in the file (a read-only file): kept while the
        # console runs, so moving to another kind or period and back does not lose them.
        self._drafts: dict[tuple[str, str], str] = {}
        # The draft each document kind last made on this screen, and what the form held then:
        # F5 定稿 that draft, and only while the form still says what it was made from.
        self._last_draft: dict[str, tuple[str, tuple[Any, ...]]] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save_narratives", "default_narratives"):
            return bool(self.kind and self.kind.narratives)  # only where there are paragraphs
        if action in ("issue", "generate"):
            return self.kind is None or self.kind.key.startswith("doc:")
        if action == "generate_ledger":
            return bool(self.kind and self.kind.key.startswith("ledger:"))
        return True

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="docs-body"):
            yield OptionList(id="kinds", compact=True)
            with VerticalScroll(id="doc-form"):
                yield Static("", id="doc-title", classes="section-title")
                yield Vertical(id="doc-fields")
                yield Label("保存到：", id="out-label", classes="form-label")
                yield Input(id="out-path", compact=True)
                yield Static("", id="doc-error", classes="form-error")
                yield Static("", id="doc-draft", classes="field-help")
                yield Button("生成（F2）", id="generate", variant="primary")

    def on_file_changed(self) -> None:
        county = self.hz.county is not None and self.hz.county.overview
        # A county file's own books are empty: it writes the county 通报; its ledgers are
        # exported from its 首页 (F7), every township's rows with a 乡镇 column.
        self.kinds = {
            k.key: k for k in ([*document_kinds(county=True)] if county else [*document_kinds(), *ledger_kinds()])
        }
        self.kind, self._loaded_scope = None, None
        self._drafts.clear()
        self._last_draft.clear()
        prompts: list[Option] = []
        groups = [("公文", "doc:"), ("台账", "ledger:"), ("填报模板（发给各村填写）", "ledger:template-")]
        for title, prefix in groups:
            keys = [
                k
                for k in self.kinds
                if k.startswith(prefix) and (prefix != "ledger:" or not k.startswith("ledger:template-"))
            ]
            if not keys:
                continue
            prompts.append(Option(Text(title, style="bold underline"), disabled=True))
            prompts += [Option(f" {self.kinds[k].title}", id=k) for k in keys]
        if not any(k.startswith("doc:") for k in self.kinds):
            prompts.insert(0, Option(Text("公文模块尚未安装", style="dim"), disabled=True))
        kinds = self.query_one("#kinds", OptionList)
        kinds.set_options(prompts)
        first = next((i for i, p in enumerate(prompts) if not p.disabled), None)
        kinds.highlighted = first
        kinds.focus()
        if first is not None and prompts[first].id:
            self.call_later(self.choose, prompts[first].id)

    @on(OptionList.OptionHighlighted, "#kinds")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            await self.choose(event.option.id)

    @on(OptionList.OptionSelected, "#kinds")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.choose(event.option.id)
            fields = self.query("#doc-fields Input, #doc-fields TextArea, #doc-fields Select")
            (fields.first() if fields else self.query_one("#out-path", Input)).focus()

    async def preselect(self, name: str, values: dict[str, Any] | None = None) -> None:
        """Open the form of a kind (its key without prefix) with some fields filled in:
        the 公告 after a roster change, the 交办单 of the problem under the cursor."""
        key = f"doc:{name}" if f"doc:{name}" in self.kinds else f"ledger:{name}"
        if key not in self.kinds:
            self.notify("公文模块未能加载，不能生成公文。", severity="warning")
            return
        kinds = self.query_one("#kinds", OptionList)
        for i in range(kinds.option_count):
            if kinds.get_option_at_index(i).id == key:
                kinds.highlighted = i
        await self.choose(key, values or {})
        fields = self.query("#doc-fields Input")
        if fields:
            fields.first().focus()

    def _fill(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            for widget in self.query(f"#f-{name}"):
                if isinstance(widget, TextArea):
                    widget.load_text(str(value))
                elif isinstance(widget, (Input, Select, PickInput)):
                    widget.value = str(value)

    async def choose(self, key: str, values: dict[str, Any] | None = None) -> None:
        """Show the form of a kind; `values` fill some of its fields."""
        kind = self.kinds.get(key)
        if kind is None:
            return
        if kind is self.kind:
            if values:
                self._fill(values)
            return
        self.keep_narratives()  # the paragraphs of the kind being left are not dropped
        self.kind = kind
        self._loaded_scope = None
        self.query_one("#doc-title", Static).update(Text(f"生成{kind.title}", style="bold"))
        box = self.query_one("#doc-fields", Vertical)
        await box.remove_children()
        widgets: list[Widget] = []
        shown_help: set[str] = set()
        for spec in kind.fields:
            value = (values or {}).get(spec.name, self._default_value(spec))
            row = Horizontal(
                Label(spec.label + ("*" if spec.required else ""), classes="form-label"),
                make_input(spec, value),
                classes="form-row",
            )
            widgets.append(row)
            help_text = plain_glyphs(kind.help.get(spec.name) or "")
            if help_text and help_text not in shown_help:  # a ledger's year and month share one
                shown_help.add(help_text)
                widgets.append(Static(help_text, classes="field-help"))
        if kind.narratives:
            widgets.append(
                Static(
                    "以下段落由经办人撰写，保存在数据文件中（F3 保存；生成、换种类时也会保存）；"
                    "不填则用默认文字，按 F4 可把默认文字填进来再修改。",
                    classes="field-help",
                )
            )
        for key_name, label in kind.narratives:
            widgets.append(Label(label, classes="narrative-label"))
            widgets.append(TextArea("", id=f"n-{key_name}", soft_wrap=True, classes="narrative"))
        await box.mount_all(widgets)
        self.query_one("#doc-error", Static).update("")
        is_doc = kind.key.startswith("doc:")
        self.query_one("#generate", Button).label = "生成草稿（F2）" if is_doc else "生成（F2）"
        self.query_one("#out-label", Label).update("保存到文件夹\uff1a" if is_doc else "保存到\uff1a")
        self._show_draft_line()
        self._default_path()
        self.load_narratives()
        self.refresh_bindings()
        self.call_after_refresh(self.mark_unchanged)

    def _typed(self) -> tuple[Any, ...]:
        if self.kind is None:
            return ()
        return tuple(raw_value(w) for w in self.query("#doc-fields Input, #doc-fields TextArea, #doc-fields Select"))

    def mark_unchanged(self) -> None:
        """What the form holds now (defaults, or what a document was just made from) is
        nothing that Ctrl+Q must ask about."""
        self._as_chosen = self._typed()

    def has_unsaved_input(self) -> bool:
        """A notice's title and text typed and no document made from them yet: Ctrl+Q asks.
        (The summary's paragraphs are kept in the file whatever happens.)"""
        return self.kind is not None and self._typed() != getattr(self, "_as_chosen", ())

    @property
    def form_title(self) -> str:
        return f"生成{self.kind.title}" if self.kind else ""

    def _default_value(self, spec: FieldSpec) -> Any:
        today = self.hz.today
        if spec.name == "year":
            return str(today.year)
        if spec.name == "date":
            return today.isoformat()
        return None

    def narrative_scope(self) -> str | None:
        if self.kind is None or not self.kind.narratives:
            return None
        from hzconsole.documents import DOCUMENT_KINDS

        kind = DOCUMENT_KINDS.get(self.kind.key.removeprefix("doc:"))
        return kind.narrative_scope(self.options(), self.hz.today) if kind else None

    def _areas(self) -> dict[str, TextArea]:
        assert self.kind is not None
        return {k: self.query_one(f"#n-{k}", TextArea) for k, _label in self.kind.narratives}

    def load_narratives(self) -> None:
        """Show the paragraphs of the period now in the form: those typed and not yet saved,
        else those kept in the file. What the areas showed for another period is kept first."""
        scope = self.narrative_scope()
        if scope is None or self.open_db is None or self.kind is None:
            return
        if self._loaded_scope is not None and self._loaded_scope != scope:
            self.keep_narratives()
        from hzconsole.books import narratives

        try:
            stored = narratives.get_all(self.db, scope)
        except HzError as exc:
            self.notify(exc.message, severity="error")
            stored = {}
        for key_name, area in self._areas().items():
            area.load_text(self._drafts.get((scope, key_name), stored.get(key_name, "")))
        self._loaded_scope = scope

    def keep_narratives(self) -> int:
        """Keep what the areas show for the period they were loaded for: written to the file
        when it can be changed, else held in memory. Returns how many paragraphs were written."""
        scope = self._loaded_scope
        if scope is None or self.open_db is None or self.kind is None or not self.kind.narratives:
            return 0
        from hzconsole.books import narratives

        try:
            areas = self._areas()
        except Exception:  # the form is being rebuilt: nothing is shown to keep
            return 0
        stored = narratives.get_all(self.db, scope)
        saved = 0
        for key_name, area in areas.items():
            text = area.text.strip()
            if text == stored.get(key_name, "").strip():
                self._drafts.pop((scope, key_name), None)
                continue
            if self.db.readonly:
                self._drafts[(scope, key_name)] = text
                continue
            narratives.set_text(self.db, scope, key_name, text)
            self._drafts.pop((scope, key_name), None)
            saved += 1
        return saved

    def save_narratives(self) -> int:
        """Write the paragraphs that changed (books.narratives); returns how many."""
        if self.kind is None or not self.kind.narratives:
            return 0
        if self._loaded_scope != self.narrative_scope():
            self.load_narratives()  # keeps (writes) those of the period they were typed for
        return self.keep_narratives()

    def before_quit(self) -> None:
        self.on_screen_suspend()

    def on_screen_suspend(self) -> None:
        """Leaving the screen (another screen, a dialog, Ctrl+Q): paragraphs typed and not
        yet saved go into the file (or are held, for a read-only one)."""
        with contextlib.suppress(HzError):
            self.keep_narratives()

    def action_save_narratives(self) -> None:
        if self.kind is None or not self.kind.narratives or not self.hz.writable():
            return
        try:
            saved = self.save_narratives()
        except HzError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"已保存 {saved} 个段落。" if saved else "段落没有改动。")

    def action_default_narratives(self) -> None:
        """Put the default wording into the paragraphs left empty, for the clerk to edit."""
        if self.kind is None or not self.kind.narratives or self.open_db is None:
            return
        self._defaults(self.kind, self.options())

    @work(thread=True, exclusive=True, group="defaults", exit_on_error=False)
    def _defaults(self, kind: Kind, options: dict[str, Any]) -> None:
        from hzconsole.documents import COUNTY_KINDS, DOCUMENT_KINDS
        from hzconsole.documents.generate import compose

        key = kind.key.removeprefix("doc:")
        try:
            _gw, draft, _extra = compose(
                self.db,
                DOCUMENT_KINDS.get(key) or COUNTY_KINDS[key],
                {**options, "date": options.get("date") or self.hz.today},
            )
        except HzError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        texts = dict(draft.context.get("narratives") or {})
        self.app.call_from_thread(self._fill_defaults, kind, texts)

    def _fill_defaults(self, kind: Kind, texts: dict[str, str]) -> None:
        if kind is not self.kind:
            return
        filled = 0
        for key_name, area in self._areas().items():
            if not area.text.strip() and texts.get(key_name):
                area.load_text(texts[key_name])
                filled += 1
        self.notify(f"已填入 {filled} 段默认文字，请修改后保存（F3）。" if filled else "各段落都已有文字，没有改动。")

    @on(Input.Changed, "#doc-fields Input")
    def _period_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("f-year", "f-half") and self.kind is not None and self.kind.narratives:
            try:
                self.load_narratives()
            except HzError as exc:
                self.notify(exc.message, severity="error")

    def _default_path(self) -> None:
        if self.kind is None or self.open_db is None:
            return
        folder = self.db.path.parent
        if self.kind.key.startswith("doc:"):
            # The file name says what the document covers (2026年10月巡河通报（草稿）.docx):
            # the core gives it, and never takes another document's file for it.
            self.query_one("#out-path", Input).value = str(folder)
            return
        stamp = self.hz.today.isoformat()
        # A title may hold a "/" (问题交办单/督办单): in a file name it would make a folder.
        name = re.sub(r'[\\/:*?"<>|]+', "、", self.kind.title)
        self.query_one("#out-path", Input).value = str(folder / f"{name}-{stamp}{self.kind.suffix}")

    # -- generating -----------------------------------------------------------------------
    def options(self) -> dict[str, Any]:
        """What the clerk typed, as given (the core checks and converts it, in Chinese)."""
        assert self.kind is not None
        values: dict[str, Any] = {}
        for spec in self.kind.fields:
            value = read_value(self.query_one(f"#f-{spec.name}"))
            if value is not None:
                values[spec.name] = value
        return values

    def action_focus_kinds(self) -> None:
        self.query_one("#kinds", OptionList).focus()

    @on(Button.Pressed, "#generate")
    def _pressed(self) -> None:
        self.action_generate()

    @on(Input.Submitted, "#out-path")
    def _path_entered(self) -> None:
        self.action_generate()

    def _target(self) -> tuple[Path | None, Path | None] | None:
        """(file, folder) from 保存到: a document goes into a folder under the name the core
        gives it, unless a .docx name is typed; a ledger goes to the file typed."""
        assert self.kind is not None
        error = self.query_one("#doc-error", Static)
        text = self.query_one("#out-path", Input).value.strip()
        if not text:
            error.update("请填写保存位置\u3002")
            return None
        out = Path(text).expanduser()
        if self.kind.key.startswith("doc:") and (out.is_dir() or out.suffix.lower() != ".docx"):
            if not out.is_dir():
                error.update(f"文件夹「{out}」不存在\u3002请填写已有的文件夹\uff0c或以 .docx 结尾的文件名\u3002")
                return None
            return None, out
        if out.suffix.lower() != self.kind.suffix:
            out = out.with_name(out.name + self.kind.suffix)
        return out, None

    def _own_draft_file(self, out: Path) -> bool:
        """Whether `out` is the file of this kind's draft (made again without asking)."""
        last = self._last_draft.get(self.kind.key) if self.kind else None
        if last is None or self.open_db is None:
            return False
        from hzconsole.documents import list_drafts

        with contextlib.suppress(HzError, OSError):
            for d in list_drafts(self.db):
                if d.id == last[0] and d.file_name and not d.issued:
                    return Path(d.file_name).resolve() == out.resolve()
        return False

    def action_generate_ledger(self) -> None:
        self.action_generate()

    def action_generate(self, force: bool = False) -> None:
        if self.kind is None or self.open_db is None:
            return
        # A ledger only reads the books: it is made from a read-only file too. A document's
        # draft is recorded in the file, which needs a file that can be changed.
        if self.kind.key.startswith("doc:") and not self.hz.writable():
            return
        error = self.query_one("#doc-error", Static)
        target = self._target()
        if target is None:
            return
        out, folder = target
        options = self.options()
        if out is not None and out.exists() and not force and not self._own_draft_file(out):

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_generate(force=True)

            self.app.push_screen(ConfirmScreen("文件已存在", f"{out}\n\n已经存在，要覆盖吗？", yes="覆盖"), answered)
            return
        error.update("")
        try:
            self.save_narratives()
        except HzError as exc:
            error.update(exc.message)
            return
        what = "草稿" if self.kind.key.startswith("doc:") else ""
        progress = ProgressScreen(f"正在生成{self.kind.title}{what}")
        self.app.push_screen(progress, self._finished)
        self._run(self.kind, out, folder, options, force, progress)

    @work(thread=True, exclusive=True, group="generate", exit_on_error=False)
    def _run(
        self,
        kind: Kind,
        out: Path | None,
        folder: Path | None,
        options: dict[str, Any],
        force: bool,
        progress: ProgressScreen,
    ) -> None:
        db = self.db
        result: Any
        try:
            if out is not None:
                out.parent.mkdir(parents=True, exist_ok=True)
            if kind.key.startswith("ledger:"):
                from hzconsole.ledgers import export_ledger

                assert out is not None
                path = export_ledger(
                    db,
                    kind.key.removeprefix("ledger:"),
                    out,
                    year=_int(options.get("year")),
                    month=_int(options.get("month")),
                    force=force,
                    today=self.hz.today,
                    progress=lambda done, total: self.app.call_from_thread(self._progress, progress, done, total),
                )
                result = Done(path, None, kind.title, ())
            else:
                from hzconsole.documents import make_draft

                options.setdefault("date", self.hz.today)
                draft = make_draft(db, kind.key.removeprefix("doc:"), out, folder=folder, force=force, **options)
                result = Done(
                    draft.path,
                    None,
                    draft.title,
                    tuple(draft.notes),
                    draft_id=draft.draft_id,
                    subject=draft.subject,
                    kind_key=kind.key,
                )
        except HzError as exc:
            result = worded(exc)
        except OSError as exc:
            result = f"不能写入 {out or folder}\uff1a{exc.strerror or exc}"
        self.app.call_from_thread(progress.dismiss, result)

    def _progress(self, screen: ProgressScreen, done: int, total: int) -> None:
        self.last_progress = (done, total)
        if screen.is_mounted:
            screen.update_progress(done, total)

    def _finished(self, result: Any) -> None:
        if isinstance(result, str):
            result = plain_glyphs(result)
            self.query_one("#doc-error", Static).update(result)
            self.notify(result, severity="error", timeout=8)
            return
        if isinstance(result, Done):
            self.mark_unchanged()  # made into a document: nothing is lost on leaving
            if result.draft_id and result.kind_key:
                self._last_draft[result.kind_key] = (result.draft_id, self._typed())
            elif result.doc_number and result.kind_key:
                self._last_draft.pop(result.kind_key, None)
            self._show_draft_line()

            def closed(choice: str | None) -> None:
                if choice == "issue" and result.draft_id:
                    self.issue(result.draft_id)
                    return
                # Back from it, the focus is on the list of kinds, where the number keys switch
                # screens: in a field (its text selected) "4" replaced the date.
                self.call_after_refresh(self.action_focus_kinds)

            self.app.push_screen(DoneScreen(result), closed)

    def _show_draft_line(self) -> None:
        """Under the form: what F2 makes, and the draft F5 would issue."""
        line = self.query_one("#doc-draft", Static)
        if self.kind is None or not self.kind.key.startswith("doc:"):
            line.update("")
            return
        last = self._last_draft.get(self.kind.key)
        if last is None:
            line.update(
                "F2 生成草稿\uff08不取文号\uff0c可反复修改重新生成\uff09\uff1b"
                "核对无误后按 F5 定稿发文\uff0c这时才取文号\u3002F7 查看全部草稿\u3002"
            )
        else:
            line.update(
                "已生成草稿\uff08未取文号\uff09\u3002修改后再按 F2 更新同一份草稿\uff1b核对无误后按 F5 定稿发文\u3002"
            )

    # -- drafts and 定稿发文 ----------------------------------------------------------------
    def action_issue(self) -> None:
        """F5: 定稿发文 of the draft this form last made; without one, the list of drafts."""
        if self.kind is None or self.open_db is None or not self.kind.key.startswith("doc:"):
            return
        last = self._last_draft.get(self.kind.key)
        if last is None:
            self.notify(
                "这种公文还没有在这里生成草稿\u3002请先按 F2 生成草稿\uff1b以前生成的草稿在下面的列表中\u3002",
                timeout=6,
            )
            self.action_drafts()
            return
        if self._typed() != last[1]:
            self.notify(
                "表单在生成草稿之后改过\u3002请先按 F2 重新生成草稿\uff0c核对后再定稿发文\u3002",
                severity="warning",
                timeout=8,
            )
            return
        self.issue(last[0])

    def action_drafts(self) -> None:
        """F7: every draft not yet issued, to 定稿 or delete."""
        if self.open_db is None:
            return

        def chosen(draft_id: str | None) -> None:
            if draft_id:
                self.issue(draft_id)

        self.app.push_screen(DraftsScreen(), chosen)

    def show_drafts(self) -> None:
        """From 发文登记 (F5): the list of drafts."""
        self.action_drafts()

    def issue(self, draft_id: str) -> None:
        """定稿发文 of a draft, after the clerk confirms on the button: the 文号, once."""
        if self.open_db is None or not self.hz.writable():
            return
        from hzconsole.documents import list_drafts

        try:
            draft = next((d for d in list_drafts(self.db) if d.id == draft_id), None)
        except HzError as exc:
            self.notify(exc.message, severity="error")
            return
        if draft is None or draft.issued:
            # Deleted or issued from the list of drafts: F5 no longer points at it.
            for key, (known, _typed) in list(self._last_draft.items()):
                if known == draft_id:
                    del self._last_draft[key]
            self._show_draft_line()
        if draft is None:
            self.notify("这份草稿已经不在了\uff08可能已删除\uff09\uff0c请按 F2 重新生成\u3002", severity="warning")
            return
        if draft.issued:
            self.notify(
                "这份草稿已经定稿发文\uff0c不会再取新文号\u3002要再要一份文件\uff0c请在发文登记中按 F7 重新导出\u3002",
                severity="warning",
                timeout=8,
            )
            return
        folder = Path(draft.file_name).parent if draft.file_name else self.db.path.parent
        message = (
            f"{draft.subject}\n{draft.title}\n\n"
            f"定稿后按当前台账重新生成\uff0c取下一个文号\uff08只取一次\uff09\uff0c登记到发文登记\uff0c"
            f"文档连同文号保存在数据文件中\u3002\n保存到文件夹\uff1a{folder}"
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            progress = ProgressScreen(f"正在定稿发文\uff1a{draft.subject}")
            self.app.push_screen(progress, self._finished)
            self._issue(draft_id, self._kind_key(draft.kind), progress)

        self.app.push_screen(ConfirmScreen("定稿发文", message, yes="定稿发文"), answered)

    @staticmethod
    def _kind_key(kind: str) -> str:
        return f"doc:{kind}"

    @work(thread=True, exclusive=True, group="generate", exit_on_error=False)
    def _issue(self, draft_id: str, kind_key: str, progress: ProgressScreen) -> None:
        from hzconsole.documents import issue_draft
        from hzconsole.documents.generate import DocumentWriteError

        result: Any
        try:
            doc = issue_draft(self.db, draft_id)
            result = Done(doc.path, doc.doc_number, doc.title, tuple(doc.notes), kind_key=kind_key)
        except DocumentWriteError as exc:
            self.app.call_from_thread(self._last_draft.pop, kind_key, None)
            result = exc.message
        except HzError as exc:
            result = worded(exc)
        self.app.call_from_thread(progress.dismiss, result)


def _int(value: Any) -> int | None:
    """A ledger's year or month as typed; the ledger checks the range and says so in Chinese."""
    if value in (None, ""):
        return None
    from hzconsole import text as tx
    from hzconsole.ledgers import LedgerError

    number = tx.cn_number(str(value))
    if number is None:
        raise LedgerError(f"「{value}」不是整数")
    return number


@dataclass(frozen=True)
class Done:
    path: Path
    doc_number: str | None
    title: str
    notes: tuple[str, ...]
    draft_id: str | None = None  # a draft: no 文号 yet
    subject: str = ""
    kind_key: str = ""


def _bar(done: int, total: int, width: int = 40) -> Text:
    """A progress bar of coloured spaces (no block glyphs: their width varies in CJK terminals)."""
    filled = round(width * done / total) if total else 0
    text = Text()
    text.append(" " * filled, style="on green")
    text.append(" " * (width - filled), style="on grey23")
    pct = f"{done / total:.0%}" if total else ""
    text.append(f"  {done:,}/{total:,} 行 {pct}" if total else "")
    return text


class ProgressScreen(ModalScreen[Any]):
    """Shown while a document or ledger is written (in a worker thread)."""

    def __init__(self, title: str) -> None:
        super().__init__(classes="hz-modal")
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box progress-box"):
            yield Label(self.title_text, classes="modal-title")
            yield Static("请稍候", id="progress")

    def update_progress(self, done: int, total: int) -> None:
        self.query_one("#progress", Static).update(_bar(done, total))


class DoneScreen(ModalScreen[str | None]):
    """The saved path; for a draft, the way on to 定稿发文 (which asks again)."""

    BINDINGS = [Binding("escape", "close", "关闭"), Binding("o", "open_folder", "打开文件夹")]

    def __init__(self, done: Done) -> None:
        super().__init__(classes="hz-modal")
        self.done = done

    def compose(self) -> ComposeResult:
        lines = Text()
        if self.done.draft_id or self.done.doc_number:
            lines.append(f"{self.done.title}\n\n")
        lines.append("草稿已保存到\uff1a\n" if self.done.draft_id else "已保存到\uff1a\n", style="bold")
        lines.append(f"{self.done.path}\n")
        if self.done.draft_id:
            lines.append(
                "\n这是草稿\uff0c没有文号\uff0c没有登记到发文登记\u3002修改表单或段落后可再按 F2 重新生成\uff0c"
                "更新的是同一份草稿\u3002核对无误后定稿发文\uff0c这时才取文号\u3002\n"
            )
        if self.done.doc_number:
            lines.append(f"\n文号\uff1a{self.done.doc_number}\uff08已登记到发文登记\uff09\n")
        for note in self.done.notes:
            lines.append(f"\n{plain_glyphs(note)}", style="dim")
        options = [Option("打开所在文件夹（O）", id="open")]
        if self.done.draft_id:
            options.append(Option("定稿发文\uff08取文号\uff09", id="issue"))
        options.append(Option("完成", id="close"))
        if self.done.draft_id:
            title = "草稿已生成\uff08未取文号\uff09"
        elif self.done.doc_number:
            title = "已定稿发文"
        else:
            title = f"{self.done.title}已生成"
        with Vertical(classes="modal-box done-box"):
            yield Label(title, classes="modal-title")
            yield Static(lines, id="done-text")
            yield OptionList(*options, id="done-next", compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "open":
            self.action_open_folder()
        self.dismiss(event.option.id)

    def action_open_folder(self) -> None:
        problem = open_folder(self.done.path.parent)
        if problem:
            self.notify(problem, severity="warning", timeout=10)

    def action_close(self) -> None:
        self.dismiss(None)


class DraftsScreen(ModalScreen[str | None]):
    """Drafts not yet issued, newest first: F5 定稿发文 (returns its id; the screen below
    confirms), F8 / Del 删除草稿 (confirmed on its button), Enter opens its folder."""

    BINDINGS = [
        Binding("f5", "issue", "定稿发文"),
        Binding("f8,delete", "discard", "删除草稿"),
        Binding("escape", "close", "关闭"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="hz-modal")
        self.drafts: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box drafts-box"):
            yield Label("草稿\uff08未取文号\uff09", classes="modal-title")
            yield OptionList(id="draft-list", compact=True, markup=False)
            yield Static("", id="draft-file", classes="form-note")
            yield Label("F5 定稿发文  F8 删除草稿  Enter 打开所在文件夹  Esc 关闭", classes="modal-hint")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self) -> None:
        from hzconsole.documents import DOCUMENT_KINDS, list_drafts

        db = hz_app(self).db
        try:
            self.drafts = [d for d in list_drafts(db) if not d.issued] if db is not None else []
        except HzError as exc:
            self.notify(exc.message, severity="error")
            self.drafts = []
        box = self.query_one(OptionList)
        box.clear_options()
        for d in self.drafts:
            kind = DOCUMENT_KINDS.get(d.kind)
            # updated_at: local ISO time, "2026-11-24T17:47:05" → 11-24 17:47
            stamp = str(getattr(d, "updated_at", "") or "")
            when = f"{stamp[5:10]} {stamp[11:16]}" if len(stamp) >= 16 else ""
            box.add_option(Option(f"{d.subject}  {kind.title if kind else d.kind}  {when}".rstrip(), id=d.id))
        if self.drafts:
            box.highlighted = 0
        self._show_file()

    def current(self) -> Any | None:
        box = self.query_one(OptionList)
        if box.highlighted is None or not self.drafts:
            return None
        return self.drafts[box.highlighted]

    @on(OptionList.OptionHighlighted)
    def _show_file(self) -> None:
        d = self.current()
        if not self.drafts:
            text = "没有未定稿的草稿\u3002在左侧选择公文种类\uff0c填写后按 F2 生成草稿\u3002"
        else:
            text = f"草稿文件\uff1a{d.file_name}" if d is not None and d.file_name else ""
        self.query_one("#draft-file", Static).update(text)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        d = self.current()
        if d is not None and d.file_name:
            problem = open_folder(Path(d.file_name).parent)
            if problem:
                self.notify(problem, severity="warning", timeout=10)

    def action_issue(self) -> None:
        d = self.current()
        if d is not None:
            self.dismiss(d.id)

    def action_discard(self) -> None:
        d = self.current()
        if d is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from hzconsole.documents import discard_draft

            db = hz_app(self).db
            if db is None:
                return
            try:
                discard_draft(db, d.id)
            except HzError as exc:
                self.notify(exc.message, severity="error", timeout=8)
                return
            self.notify("草稿已删除\u3002")
            self.reload()

        # The path on a line of its own: a long one never pushes a lone 。 onto the next line.
        file_note = f"\n草稿文件留在磁盘上\uff0c可自行删除\uff1a\n{d.file_name}" if d.file_name else ""
        self.app.push_screen(
            ConfirmScreen("删除草稿", f"{d.subject}\n{d.title}\n{file_note}", yes="删除草稿"), answered
        )

    def action_close(self) -> None:
        self.dismiss(None)
