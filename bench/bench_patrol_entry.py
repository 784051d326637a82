"""Console bench: typing in paper patrol sheets with the real `hzconsole` in a tmux terminal
(100x30), on a copy of the demo township. Prints the keystrokes one sheet takes and how long
the console needs to take in 20 sheets:

- typed ahead: each sheet sent in one burst (a fast typist, an input method committing a
  phrase): the console's own speed, and whether every value still lands in its field;
- at a clerk's pace: one key every 0.1 s (about 10 keys a second, a quick typist).

Each run checks the file afterwards: 20 new patrols, every field as typed.

    python bench/bench_patrol_entry.py
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

SHEETS = 20
TODAY = date(2024, 11, 20)
NAMED = {"Enter", "Escape", "F2", "BSpace"}


class Tmux:
    def __init__(self) -> None:
        self.socket = f"hzentry-{os.getpid()}-{uuid.uuid4().hex[:6]}"

    def run(self, *args: str, check: bool = True) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "hz")

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.screen():
                return
            time.sleep(0.02)
        raise SystemExit(f"not shown in time: {text}\n{self.screen()}")

    def keys(self, keys: list[str], pace: float = 0.0) -> None:
        if not pace:
            self.run("send-keys", "-t", "hz", *keys)
            return
        for key in keys:
            if key in NAMED:
                self.run("send-keys", "-t", "hz", key)
                time.sleep(pace)
            else:
                for ch in key:
                    self.run("send-keys", "-t", "hz", "-l", ch)
                    time.sleep(pace)


def sheet(day: int, initials: str | None) -> list[str]:
    """One paper sheet as the clerk types it: the day, the chief (initials, only when he
    changes; kept otherwise), his river filled in, times, distance, what was seen."""
    keys = [str(day), "Enter"]
    keys += [initials, "Enter"] if initials else ["Enter"]
    keys += ["Enter", "Enter"]  # river (filled in from the chief), segment
    keys += ["0830", "Enter", "0910", "Enter", "Enter", "2.5", "Enter"]  # start, end, minutes, km
    keys += ["河面整洁", "Enter", "Enter", "Enter"]  # seen, on the spot, notes: saved
    return keys


def keystrokes(keys: list[str], ime_words: set[str]) -> int:
    """Keys pressed: named keys once, typed text per character, a Chinese phrase as one
    input-method commit."""
    return sum(1 if k in NAMED or k in ime_words else len(k) for k in keys)


def patrol_count(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM patrols").fetchone()[0]


def run_once(demo: Path, workdir: Path, pace: float, initials: str) -> tuple[float, int, list[tuple]]:
    path = workdir / f"录入-{pace}.db"
    shutil.copyfile(demo, path)
    before = patrol_count(path)
    tmux = Tmux()
    env = f"env HZCONSOLE_DATA_DIR={shlex.quote(str(workdir / 'data'))} LANG=C.UTF-8 LC_ALL=C.UTF-8"
    hz = shutil.which("hzconsole") or "hzconsole"
    tmux.run(
        "new-session", "-d", "-s", "hz", "-x", "100", "-y", "30", f"{env} {shlex.quote(hz)} {shlex.quote(str(path))}"
    )
    try:
        tmux.wait_for("本期巡河达标情况")
        tmux.keys(["5"])
        tmux.wait_for("巡河日期")
        tmux.keys(["F5"])
        tmux.wait_for("本次已录入:0 条")
        started = time.perf_counter()
        for n in range(SHEETS):
            tmux.keys(sheet(n + 1, initials if n == 0 else None), pace)
        tmux.wait_for(f"本次已录入:{SHEETS} 条", timeout=120)
        seconds = time.perf_counter() - started
        tmux.keys(["Escape"])
        tmux.keys(["C-q"])
        time.sleep(1.0)
    finally:
        tmux.run("kill-server", check=False)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT date, start_time, end_time, duration_min, distance_km, seen FROM patrols"
            " ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (SHEETS,),
        ).fetchall()
    return seconds, patrol_count(path) - before, rows


def main() -> None:
    if not shutil.which("tmux"):
        sys.exit("tmux is needed")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from pypinyin import Style, lazy_pinyin

    from hzconsole.demo import create_demo

    with tempfile.TemporaryDirectory(prefix="hzentry-") as tmp:
        workdir = Path(tmp)
        demo = workdir / "演示.db"
        db = create_demo(demo, today=TODAY)
        name = db.scalar(
            "SELECT p.name FROM appointments a JOIN people p ON p.id = a.person_id WHERE a.role = '河长'"
            " AND a.level = '村级' AND a.end_date IS NULL AND a.river_id IS NOT NULL ORDER BY p.name LIMIT 1"
        )
        db.close()
        initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))
        first, later = sheet(1, initials), sheet(2, None)
        print(
            f"keystrokes per sheet: first of a chief {keystrokes(first, {'河面整洁'})}, "
            f"next sheets of the same chief {keystrokes(later, {'河面整洁'})} "
            f"(what was seen counted as one input-method commit)"
        )
        for pace, label in ((0.0, "typed ahead, one burst per sheet"), (0.1, "one key every 0.1 s")):
            seconds, added, rows = run_once(demo, workdir, pace, initials)
            right = sum(1 for r in rows if r[1:] == ("08:30", "09:10", 40, 2.5, "河面整洁"))
            print(
                f"{SHEETS} sheets, {label}: {seconds:.1f} s ({seconds / SHEETS:.2f} s a sheet); "
                f"{added} saved, {right} with every field as typed"
            )


if __name__ == "__main__":
    main()
