"""The ledgers the clerk can export (light: the CLI builds its help from this at start-up)."""

from __future__ import annotations

from dataclasses import dataclass

from hzconsole.store.errors import HzError


class LedgerError(HzError):
    """The ledger cannot be exported as asked (message in Chinese)."""


class OutputExists(LedgerError):
    """The file to write exists; how to overwrite it is the front end's to say."""


@dataclass(frozen=True)
class LedgerKind:
    """A ledger the clerk can export. `options` are the keyword arguments it takes."""

    key: str
    title: str
    options: tuple[str, ...] = ()
    year_help: str = ""  # what leaving the year out means, for the form/CLI
    template: bool = False

    @property
    def needs_year(self) -> bool:
        return "year" in self.options

    @property
    def needs_month(self) -> bool:
        return "month" in self.options

    @property
    def takes_all_years(self) -> bool:
        return "all_years" in self.options


_LEDGERS = (
    LedgerKind("rivers", "河湖名录"),
    LedgerKind("chiefs", "河长名册"),
    LedgerKind("signboards", "公示牌台账"),
    LedgerKind("patrols", "巡河台账", ("year", "month", "all_years"), "不填年度为今年，不填月份为全年"),
    LedgerKind("problems", "问题整改台账", ("year",), "不填年度为全部问题，填年度为当年发现的问题"),
    LedgerKind("tasks", "任务清单", ("year",), "不填年度为今年的工作计划"),
)
LEDGER_KINDS: dict[str, LedgerKind] = {k.key: k for k in _LEDGERS}
for _k in _LEDGERS:
    LEDGER_KINDS[f"template-{_k.key}"] = LedgerKind(f"template-{_k.key}", f"{_k.title}填报模板", template=True)
