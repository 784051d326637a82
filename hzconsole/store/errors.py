"""Errors the clerk may see. Every message is Chinese and says what to do."""

from __future__ import annotations


class HzError(Exception):
    """Base of every error shown to the user (never as a traceback)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(HzError):
    """The file cannot be opened or written as asked."""


class NotOurFileError(StoreError):
    """A file that is not an hzconsole database (not SQLite, corrupt, or someone else's)."""


class FileMissingError(StoreError):
    """The path does not exist."""


class ReadOnlyError(StoreError):
    """A write was attempted on a database opened read-only."""


class DamagedFileError(StoreError):
    """The file fails SQLite's quick check: nothing more is written into it."""


class NeedsMigrationError(StoreError):
    """An older file that cannot be upgraded because it is read-only."""


class ValidationError(HzError):
    """Input failed validation; `problems` lists every field error."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("；".join(p.text() for p in problems))


class FieldProblem:
    """One field error: which field (Chinese label) and why."""

    __slots__ = ("field", "label", "message")

    def __init__(self, field: str, label: str, message: str) -> None:
        self.field = field
        self.label = label
        self.message = message

    def text(self) -> str:
        return f"{self.label}：{self.message}" if self.label else self.message

    def __repr__(self) -> str:
        return f"FieldProblem({self.field!r}, {self.message!r})"


class RuleError(HzError):
    """A business rule refused the action (e.g. an illegal status transition)."""


class NotFoundError(HzError):
    """A record id that does not exist."""
