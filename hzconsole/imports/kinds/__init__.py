"""One importer per kind of ledger; each says what its import may create."""

from __future__ import annotations

from typing import Any

from hzconsole.imports.kinds.chiefs import ChiefImporter
from hzconsole.imports.kinds.patrols import PatrolImporter
from hzconsole.imports.kinds.problems import ProblemImporter
from hzconsole.imports.kinds.rivers import RiverImporter
from hzconsole.imports.kinds.signboards import SignboardImporter
from hzconsole.imports.kinds.tasks import TaskImporter

IMPORTERS: dict[str, Any] = {
    cls.kind: cls
    for cls in (RiverImporter, ChiefImporter, SignboardImporter, PatrolImporter, ProblemImporter, TaskImporter)
}

__all__ = ["IMPORTERS"]
