"""What every document kind has: its options (what the clerk must or may type) and a
`build` that turns the books plus those options into a filled template (a Draft)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hzconsole import text as tx
from hzconsole.books.settings import OfficeSettings
from hzconsole.store.database import Database
from hzconsole.store.errors import HzError


class DocumentError(HzError):
    """The clerk's options or the books do not allow this document (message in Chinese)."""


class InRegister(DocumentError):
    """The document asked for was issued already: its copy is written again from 发文登记
    (`document_id`), never made anew. How to do that is each front end's to say."""

    def __init__(self, message: str, document_id: str | None = None) -> None:
        super().__init__(message)
        self.document_id = document_id


class TargetExists(DocumentError):
    """The output file is there and overwriting was not asked for. The message names no
    front end's way of asking (a flag, a tick box): each front end adds its own."""


@dataclass(frozen=True)
class OptionSpec:
    """One thing the clerk types. `kind`: text | longtext | date | int | choice | path |
    narratives (a dict key → text)."""

    name: str
    label: str
    required: bool = False
    default: Any = None
    kind: str = "text"
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass
class Draft:
    """A document ready to be numbered and written: the template and what fills it."""

    template: str
    context: dict[str, Any]
    register_kind: str  # 文种 in the 发文登记
    keep_words: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)  # told to the clerk (defaults used …)
    narratives: dict[tuple[str, str], str] = field(default_factory=dict)  # to save with it


@dataclass(frozen=True)
class DocumentKind:
    key: str
    title: str  # Chinese name, e.g. 工作总结
    options: list[OptionSpec]
    build: Callable[[Database, OfficeSettings, dict[str, Any]], Draft] = field(repr=False)
    example: str = ""  # a command line shown in help
    # The paragraphs the clerk writes and the file keeps (key, Chinese label), for a kind
    # with a `narratives` option; each front end offers one field or file per paragraph.
    paragraphs: tuple[tuple[str, str], ...] = ()
    # Where those paragraphs are kept for a year and half year (1, 2 or None):
    # "summary:2024H1". None for a kind that keeps none.
    scope: Callable[[int, int | None], str] | None = field(default=None, repr=False)

    def narrative_scope(self, options: Mapping[str, Any], today: date) -> str | None:
        """The period whose paragraphs a document with these options uses
        ("summary:2024H1"), for every front end and for `build`: the year typed, else the
        year of the document's date, else today's; the half year when it is 1 or 2.
        Options as typed (text) or converted. None for a kind that keeps no paragraphs."""
        if self.scope is None:
            return None
        year = _whole(options.get("year"))
        if year is None:
            day = options.get("date")
            if isinstance(day, str) and day.strip():
                try:
                    day = tx.parse_date(day)
                except ValueError:
                    day = None
            year = day.year if isinstance(day, date) else today.year
        half = _whole(options.get("half"))
        return self.scope(year, half if half in (1, 2) else None)


def _whole(value: Any) -> int | None:
    """A whole number typed as 2024, "2024", "２０２４" or 二〇二四; None when blank or not one."""
    if value is None or isinstance(value, bool):
        return None
    return value if isinstance(value, int) else tx.cn_number(str(value))


@dataclass(frozen=True)
class GeneratedDocument:
    path: Path
    doc_number: str
    title: str
    notes: tuple[str, ...] = ()
    pages: int = 0  # as Word will lay it out (the 版记 page last, always even)
    document_id: str | None = None  # its register entry (export_issued writes it again)


# Options every kind takes; defaults come from the office settings when None.
COMMON_OPTIONS = [
    OptionSpec("date", "成文日期", kind="date", help="默认今天，如 2024-06-17 或 2024年6月17日"),
    OptionSpec("recipients", "主送机关", help="默认取单位信息中的“默认主送机关”"),
    OptionSpec("cc", "抄送机关", help="默认取单位信息中的“默认抄送”，多个用顿号或逗号分隔"),
    OptionSpec("signature", "发文机关署名", help="默认单位名称"),
    OptionSpec(
        "fonts",
        "字体方案",
        kind="choice",
        choices=("gb2312", "windows"),
        help="gb2312：仿宋_GB2312 等；windows：Windows 自带的仿宋、楷体、黑体、宋体；默认取单位信息",
    ),
    OptionSpec("template_dir", "模板文件夹", kind="path", help="先在这个文件夹里找模板（.txt），找不到再用自带模板"),
]
# Options every kind also takes: the 版头 marks of GB/T 9704 7.2.1–7.2.2, top left above
# the 标志. Rarely needed by a township office, so never defaulted; a list of their own so
# a form can offer them apart from (or after) the everyday ones.
HEAD_OPTIONS = [
    OptionSpec("copy_number", "份号", kind="int", help="印制份数中的顺序号，如 1（印为 000001）"),
    OptionSpec("secrecy", "密级和保密期限", help="如 秘密、机密★5年；不填为不涉密"),
    OptionSpec("urgency", "紧急程度", kind="choice", choices=("特急", "加急"), help="特急或加急；不填为普通"),
    OptionSpec("signer", "签发人", help="上报的公文（报告、请示）填写签发人姓名：文号居左，签发人居右；不填为普通文件"),
    OptionSpec("note", "附注", help="如 此件公开发布、联系人：张三，电话：1234567；印在成文日期下一行"),
    OptionSpec(
        "sealed",
        "加盖印章",
        kind="choice",
        choices=("是", "否"),
        help="默认是：署名居中压在日期上方，留出盖章位置；否：不盖章的版式（署名右空二字，日期在下一行右移二字）",
    ),
]


def coerce(spec: OptionSpec, value: Any) -> Any:
    """The typed value of one option, or DocumentError with a Chinese message."""
    if value is None or (isinstance(value, str) and not value.strip() and spec.kind != "longtext"):
        return None
    try:
        if spec.kind == "date":
            return tx.parse_date(value)
        if spec.kind == "int":
            number = tx.cn_number(str(value)) if isinstance(value, str) else int(value)
            if number is None:
                raise ValueError(f"「{value}」不是整数")
            return number
        if spec.kind == "choice":
            text = str(value).strip()
            if text not in spec.choices:
                raise ValueError(f"「{value}」无效，应为：{'、'.join(spec.choices)}")
            return text
        if spec.kind == "narratives":
            return dict(value)
        if spec.kind == "path":
            return Path(value)
        return str(value).strip() if spec.kind == "text" else str(value)
    except ValueError as exc:
        raise DocumentError(f"{spec.label}:{exc}") from None


def resolve_options(kind: DocumentKind, given: dict[str, Any]) -> dict[str, Any]:
    """Check names, types and required options; fill None for those not given."""
    specs = {s.name: s for s in (*COMMON_OPTIONS, *HEAD_OPTIONS, *kind.options)}
    unknown = [k for k in given if k not in specs]
    if unknown:
        names = "、".join(f"{s.name}({s.label})" for s in specs.values())
        raise DocumentError(f"{kind.title}没有选项 {'、'.join(unknown)}。可用的选项：{names}")
    values = {name: coerce(spec, given.get(name, spec.default)) for name, spec in specs.items()}
    missing = [s.label for s in specs.values() if s.required and values[s.name] in (None, "")]
    if missing:
        raise DocumentError(f"生成{kind.title}必须填写：{'、'.join(missing)}")
    return values


_SECRECY = re.compile(r"^(绝密|机密|秘密)(?:[★☆*\s]*(\d+)\s*(年|个月))?$")


def head_marks(values: dict[str, Any]) -> dict[str, Any]:
    """份号, 密级和保密期限 and 紧急程度 as GB/T 9704 prints them: 000001 (six digits),
    秘密★1年, 特急; and whether the document is sealed. DocumentError for a value the
    standard has no form for."""
    number = values.get("copy_number")
    if number is not None and not 1 <= number <= 999999:
        raise DocumentError("份号应为 1 到 999999 之间的整数。")
    secrecy = None
    if values.get("secrecy"):
        m = _SECRECY.match(tx.halfwidth(str(values["secrecy"])).strip())
        if m is None:
            raise DocumentError(
                f"密级「{values['secrecy']}」无效，应为 绝密、机密 或 秘密，可加保密期限，如 秘密★1年。"
            )
        secrecy = m.group(1) + (f"\u2605{m.group(2)}{m.group(3)}" if m.group(2) else "")
    note = (values.get("note") or "").strip().strip("()\uff08\uff09") or None
    return {
        "copy_number": f"{number:06d}" if number is not None else None,
        "secrecy": secrecy,
        "urgency": values.get("urgency"),
        "sealed": values.get("sealed") != "否",
        "signer": (values.get("signer") or "").strip() or None,
        "note": note,
    }


def place_name(settings: OfficeSettings) -> str:
    """青石镇河长制办公室 → 青石镇: the township as documents name it."""
    name = settings.office_name
    for suffix in ("河湖长制办公室", "河长制办公室", "河长办公室", "河长办", "人民政府"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def today_or(value: date | None) -> date:
    return value or date.today()
