"""Fixtures of the storage tests (helpers live in storehelp.py)."""

from __future__ import annotations

import pytest
from storehelp import other_process_holding


@pytest.fixture
def holder():
    """`with holder(path) as seen:` another process keeps `path` open meanwhile."""
    return other_process_holding
