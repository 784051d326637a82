"""Click parameter types that parse the way the books do, failing with Chinese messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click


class DateParam(click.ParamType):
    """A date typed in any form the books accept (2024-06-17, 2024年6月17日 …)."""

    name = "日期"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        from hzconsole.text import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class YearParam(click.ParamType):
    """A year between 1990 and 2100 (full-width digits and 二〇二四 accepted)."""

    name = "年份"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        from hzconsole.text import cn_number

        year = value if isinstance(value, int) else cn_number(str(value))
        if year is None or not 1990 <= year <= 2100:
            self.fail(f"「{value}」不是有效的年份，应为 1990 至 2100 之间的四位数字", param, ctx)
        return year


class DataFileParam(click.ParamType):
    """The path of a data file (.db): a folder given instead is refused in Chinese (click's
    own dir_okay=False check answers in English)."""

    name = "文件"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = value if isinstance(value, Path) else Path(str(value))
        if path.is_dir():
            self.fail(f"「{path}」是一个文件夹\uff0c不是数据文件。请给出 .db 文件的路径\uff0c如 台账.db", param, ctx)
        return path


DATE = DateParam()
YEAR = YearParam()
DATA_FILE = DataFileParam()

# Options several commands take, spelled once: --db FILE and --force.
DB_OPTION: dict[str, Any] = {
    "required": True,
    "type": DATA_FILE,
    "help": "数据文件\uff08.db\uff09",
}
FORCE_OPTION: dict[str, Any] = {"is_flag": True, "help": "文件已存在时覆盖"}
