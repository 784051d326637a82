"""The files the benches measure on, built once and cached.

`ten_year_file()` is the large township every bench but the import bench uses: ≈200 rivers,
1,000 people, ten years of patrols (≈100,000), 10,000 problems, 400 boards, 200 roster
changes. Building it takes about ten seconds, and each bench used to build its own; now the
first bench to ask builds it under the temp dir and later runs (of any bench) reuse it.

A cached file is keyed by its parameters and by a digest of the code that writes it (the
demo generator, the books, the store, the schema), so a change there builds a new one. The
cache is shared: a bench that writes to the file (issues a document, imports) must work on
`private_copy()` of it.

    from _bigdb import ten_year_file     # bench/ is on sys.path when a bench is run
    path, built_in = ten_year_file()     # built_in: seconds, or None when reused
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2024, 11, 20)
SEED = 10
# The demo gives every chief duty its own patrols; 0.37 of its rate lands the ten years near
# 100,000 patrols with these many rivers and chiefs.
PATROL_SCALE = 0.37
TEN_YEARS = {"rivers": 200, "people": 1000, "years": 10, "problems": 10000, "boards": 400, "changes": 200}
CACHE = Path(tempfile.gettempdir()) / "hzconsole-bench"
# What decides the bytes of a demo file: a change here makes the cached files stale.
_SOURCES = ("hzconsole/demo.py", "hzconsole/books/*.py", "hzconsole/store/*.py", "schemas/*.sql")


def _code_digest() -> str:
    h = hashlib.sha256()
    for pattern in _SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            h.update(path.relative_to(ROOT).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def demo_file(
    *, seed: int = 2024, size: dict | None = None, today: date = TODAY, path: Path | None = None, fresh: bool = False
) -> tuple[Path, float | None]:
    """A demo file with these parameters: at `path` when given (built there if missing),
    else in the shared cache. Returns (path, seconds the build took, None if reused);
    `fresh` builds anew even when a file is there (to time the build)."""
    from hzconsole.demo import DemoSize, create_demo

    params = {"seed": seed, "today": today.isoformat(), "size": asdict(DemoSize(**(size or {})))}
    if path is None:
        key = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
        digest = _code_digest()
        path = CACHE / f"demo-{key}-{digest}.db"
        # Files built by older code are never read again (170 MB each): drop them once
        # they are an hour old, so a bench still running on one keeps it.
        for stale in CACHE.glob("demo-*-*.db"):
            if not stale.stem.endswith(digest) and time.time() - stale.stat().st_mtime > 3600:
                stale.unlink(missing_ok=True)
    if path.exists() and not fresh:
        print(f"reusing {path}")
        return path, None
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} …")
    # Built beside its final name and moved there whole: a bench started meanwhile, or one
    # stopped half-way, never sees a partial file.
    partial = path.with_name(f"{path.stem}.building-{os.getpid()}{path.suffix}")
    start = time.perf_counter()
    try:
        create_demo(partial, seed=seed, today=today, size=DemoSize(**(size or {}))).close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, time.perf_counter() - start


def ten_year_file(
    path: Path | None = None, *, seed: int = SEED, patrol_scale: float = PATROL_SCALE, fresh: bool = False
) -> tuple[Path, float | None]:
    """The ten-year township (see the module's doc); arguments as for `demo_file`."""
    return demo_file(seed=seed, size={**TEN_YEARS, "patrol_scale": patrol_scale}, path=path, fresh=fresh)


def private_copy(source: Path, target: Path) -> Path:
    """A copy of a cached file for a bench that writes to it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def row_counts(path: Path, tables: tuple[str, ...]) -> dict[str, int]:
    """Rows per table, read with plain sqlite3 (read-only: the file stays as it is)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()
