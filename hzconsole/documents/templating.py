"""The clerk's document templates: plain UTF-8 text files with {{ 占位符 }} (jinja2) and the
mark-up of `gongwen.markup`, in templates/documents/.

A template is looked up first in a folder the caller names, then in the per-user data
folder (`<data dir>/templates/documents/`, where the clerk keeps edited copies that survive
an upgrade), then among the templates shipped with the program.

Rendering is strict: a placeholder that is missing or misspelt stops the document with a
Chinese message naming the template, the line and the placeholders that exist, so the
clerk never gets a half-filled document.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

from hzconsole.store.errors import HzError
from hzconsole.store.paths import data_dir, resource_dir
from hzconsole.text import cn_date


class TemplateError(HzError):
    """A template cannot be found, read or filled in."""


def template_dirs(extra: Path | None = None) -> list[Path]:
    dirs = []
    if extra is not None:
        dirs.append(Path(extra))
    dirs.append(data_dir() / "templates" / "documents")
    with contextlib.suppress(FileNotFoundError):
        dirs.append(resource_dir("templates") / "documents")
    return [d for d in dirs if d.is_dir()]


def _num(value: Any, digits: int = 1) -> str:
    """12 → 12, 12.0 → 12, 12.345 → 12.3 (counts in documents are Arabic numerals)."""
    if value is None:
        return "0"
    if isinstance(value, float):
        text = f"{value:.{digits}f}"
        if "." in text:  # 1970.0 → 1970, never 1970 → 197
            text = text.rstrip("0").rstrip(".")
        return text or "0"
    return str(value)


def pct(value: float, digits: int = 1) -> str:
    """0.75 → 75%, 0.5833 → 58.3%, 1 → 100%: as a clerk writes a rate. A rate short of
    100% never rounds up to it (99.96% → 99.9%), nor a small one down to 0%."""
    scaled = value * 100
    text = f"{scaled:.{digits}f}".rstrip("0").rstrip(".")
    step = 10**-digits
    if text == "100" and value < 1:
        text = f"{100 - step:.{digits}f}"
    elif text == "0" and value > 0:
        text = f"{step:.{digits}f}"
    return f"{text}%"


def _cn_date(value: date | None) -> str:
    return "" if value is None else cn_date(value)


def _cell(value: Any) -> str:
    """A value safe inside a | table | cell: no bars, line breaks kept as \\n."""
    text = "" if value is None else str(value)
    return text.replace("|", "/").replace("\r", "").replace("\n", "\\n")


def _line(value: Any) -> str:
    """The clerk's text as one paragraph line (no stray mark-up at its start)."""
    text = " ".join(str(value or "").split())
    return text.lstrip("#|【[") if text[:1] in "#|【[" else text


# Results a template may build with * and ** (a document is a few pages of text).
_MAX_PRODUCT = 1_000_000


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox, also bounding `"x" * n` and `a ** b`, which would otherwise fill the
    memory of an old PC before anything could stop them."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > 100:
                raise jinja2.sandbox.SecurityError("exponent too large")
        elif isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple):
            seq, n = (left, right) if isinstance(left, str | list | tuple) else (right, left)
            if isinstance(n, int) and len(seq) * n > _MAX_PRODUCT:
                raise jinja2.sandbox.SecurityError("sequence too large")
        return super().call_binop(context, operator, left, right)


def environment(extra: Path | None = None) -> jinja2.Environment:
    """The clerk's templates are untrusted input (a copy from a stick, a folder named with
    --templates): they are rendered in jinja2's immutable sandbox, which refuses attributes
    such as __globals__ and calls that change data, so a template can fill in text and
    nothing else."""
    dirs = template_dirs(extra)
    env = _Sandbox(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,  # a line ending in {% endif %} keeps its line break; blank lines are ignored
        lstrip_blocks=True,
    )
    env.filters.update(num=_num, pct=pct, cn_date=_cn_date, cell=_cell, line=_line)
    return env


def _template_line(exc: BaseException, name: str) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render(name: str, context: dict[str, Any], *, extra: Path | None = None) -> str:
    """Fill template `name` (e.g. "notice.txt") with `context`; TemplateError on failure."""
    env = environment(extra)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        where = "、".join(str(d) for d in template_dirs(extra)) or "（没有模板文件夹）"
        raise TemplateError(f"找不到公文模板「{name}」（查找位置：{where}）。") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"公文模板「{name}」第{exc.lineno}行写法有误：{exc.message}。"
            "占位符应写成 {{ 名称 }}，控制语句写成 {% ... %}。"
        ) from None
    except UnicodeDecodeError:
        raise TemplateError(f"公文模板「{name}」不是 UTF-8 编码的文本文件，请用记事本另存为 UTF-8。") from None
    try:
        return template.render(**context)
    except jinja2.UndefinedError as exc:
        line = _template_line(exc, name)
        where = f"第{line}行" if line else ""
        names = "、".join(sorted(k for k in context if not k.startswith("_")))
        missing = str(exc.message or exc).replace("'", "")
        raise TemplateError(
            f"公文模板「{name}」{where}用到了没有的占位符（{_explain(missing)}）。"
            f"请检查拼写。可用的占位符：{names}。文档没有生成。"
        ) from None
    except (jinja2.sandbox.SecurityError, OverflowError, MemoryError, RecursionError) as exc:
        line = _template_line(exc, name)
        where = f"第{line}行" if line else ""
        raise TemplateError(
            f"公文模板「{name}」{where}含有不允许的写法\uff08模板只能填写文字和占位符\uff0c不能运行程序\uff09。文档没有生成。"
        ) from None
    except jinja2.TemplateError as exc:
        line = _template_line(exc, name)
        raise TemplateError(
            f"公文模板「{name}」{'第' + str(line) + '行' if line else ''}无法填写：{exc}。文档没有生成。"
        ) from None


def _explain(message: str) -> str:
    # jinja: "x is undefined" / "dict object has no attribute y"
    if " has no attribute " in message:
        _obj, _, attr = message.partition(" has no attribute ")
        return f"「{attr.strip()}」不存在"
    return f"「{message.replace(' is undefined', '').strip()}」不存在"
