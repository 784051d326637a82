"""发文登记: every issued document, numbered per year without gaps; a wrong number is
marked 已作废 (never deleted or reused). A document issued by the console keeps its .docx in
the data file: F7 writes it out again (a copy lost, the archive copy of a 交办单)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual.binding import Binding

from hzconsole.books.models import IssuedDocument
from hzconsole.books.register import cancel, issue, issued_file, register
from hzconsole.tui import inputs
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.form import FieldSpec, FormScreen

DOC_KINDS = ("通知", "通报", "公告", "交办单", "督办单", "工作总结", "报告", "请示", "函", "纪要", "其他")


class RegisterScreen(BookScreen):
    """发文登记"""

    MODE = "register"
    LISTING = "register"
    WHAT = "发文"
    BOOK = register
    EXTRA_WRITES = ("cancel_number",)
    BINDINGS = [
        Binding("f2,insert", "add", "登记文号"),
        Binding("f8,delete", "cancel_number", "作废"),
        Binding("f5", "drafts", "草稿列表"),
        Binding("f7", "export_document", "重新导出"),
    ]

    def form_fields(self, record: IssuedDocument | None) -> list[FieldSpec]:
        L = IssuedDocument.label
        fields = [
            FieldSpec("title", L("title"), required=True),
            FieldSpec("kind", L("kind"), "choice", DOC_KINDS, required=True),
            FieldSpec("date", L("date"), "date", required=True),
            FieldSpec("recipients", L("recipients")),
            FieldSpec("file_name", L("file_name")),
        ]
        return fields

    def new_values(self) -> dict[str, Any]:
        return {"kind": "通知", "date": self.today.isoformat()}

    def save_new(self, values: dict[str, Any]) -> Any:
        on = inputs.day(values, "date", "成文日期", default_year=self.today.year)
        inputs.required(values, "title", "标题")
        inputs.required(values, "kind", "文种")
        return issue(
            self.db,
            title=values["title"],
            kind=values["kind"],
            on=on,
            recipients=values.get("recipients"),
            file_name=values.get("file_name"),
        )

    def save_edit(self, record_id: str, values: dict[str, Any]) -> Any:
        current = register.get(self.db, record_id)
        if values.get("date") and str(values["date"])[:4] != str(current.year):
            from hzconsole.store.errors import FieldProblem, ValidationError

            raise ValidationError([FieldProblem("date", "成文日期", "不能改到其他年度（文号按年度编排）")])
        return register.update(self.db, record_id, values)

    def detail(self, record_id: str) -> RenderableType:
        d = register.get(self.db, record_id)
        L = IssuedDocument.label
        return detail_table(
            [
                (L("doc_number"), d.doc_number),
                (L("title"), d.title),
                (L("kind"), d.kind),
                (L("date"), d.date),
                (L("recipients"), d.recipients),
                (L("file_name"), d.file_name),
                (L("status"), d.status),
                (L("cancel_reason"), d.cancel_reason),
                (
                    "文档",
                    "已存入数据文件\uff0c按 F7 可重新导出"
                    if issued_file(self.db, record_id) is not None
                    else "未存入数据文件\uff08由手工登记\uff0c或登记于本程序保存公文之前\uff09",
                ),
            ]
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return False  # a number is never deleted: it is cancelled (X)
        return super().check_action(action, parameters)

    def action_delete(self) -> None:
        self.notify("文号不能删除（删除会造成断号）。登记错了请按 F8 作废。", severity="warning", timeout=6)

    def action_cancel_number(self) -> None:
        record_id = self.record_to_change()
        if record_id is None:
            return
        db = self.db
        doc = register.get(db, record_id)

        def save(values: dict[str, Any]) -> Any:
            return cancel(db, record_id, values.get("reason") or "")

        self.app.push_screen(
            FormScreen(
                f"作废文号 {doc.doc_number}",
                [FieldSpec("reason", "作废原因", required=True)],
                {},
                save,
                note=f"{doc.title}\n作废后该文号仍保留在登记簿中，不会再被使用。",
                save_label="作废",
            ),
            self.after_save,
        )

    def action_export_document(self) -> None:
        """F7: the .docx issued under the number under the cursor, byte for byte, into the data
        file's folder under its registered name; a file already there (perhaps signed or
        edited since) is kept and the copy gets (2), (3) …"""
        record_id = self.current_id()
        db = self.open_db
        if record_id is None or db is None:
            return
        from hzconsole.documents import export_issued
        from hzconsole.store.errors import HzError

        doc = register.get(db, record_id)
        name = Path(doc.file_name).name if doc.file_name else f"{doc.doc_number}.docx"
        if not name.lower().endswith(".docx"):
            name += ".docx"
        there = db.path.parent / name
        kept = issued_file(db, record_id)
        try:
            same = kept is not None and there.is_file() and there.read_bytes() == kept
        except OSError:
            same = False  # unreadable (WPS holds it): a copy beside it is written
        if same:
            self.notify(
                f"{there} 就是 {doc.doc_number} 存档的文档\uff08内容完全一致\uff09\uff0c不用重新导出\u3002", timeout=10
            )
            return
        target = free_name(there)
        try:
            path = export_issued(db, record_id, target)
        except HzError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        void = "\uff08该文号已作废\uff09" if doc.status == "已作废" else ""
        self.notify(f"{doc.doc_number}{void} 已导出到 {path}", timeout=10)

    async def action_drafts(self) -> None:
        """F5: drafts not yet issued, on 公文台账."""
        from hzconsole.tui.screens.documents import (
            DocumentsScreen,  # deferred: imported when first shown
        )

        screen = await self.hz.switch_to(DocumentsScreen)
        screen.call_later(screen.show_drafts)


def free_name(target: Path) -> Path:
    """`target`, or name（2）.docx, name（3）.docx … when a file is already there."""
    stem, n, out = target.stem, 1, target
    while out.exists():
        n += 1
        out = target.with_name(f"{stem}\uff08{n}\uff09{target.suffix}")
    return out
