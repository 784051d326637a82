"""Console bench: on a ten-year township file (≈200 rivers, 1,000 people, ≈100,000 patrols,
10,000 problems), how long from launching `hzconsole FILE` to the 首页 painted, to the patrol
list painted, and for one filter keystroke — beside a bare Textual app's launch measured in
the same run, the floor any Textual program pays.

Two ways, both printed:
- in a real terminal (tmux): the real `hzconsole` command and a bare Textual script are
  started in tmux and the screen is read (capture-pane) until what we wait for is painted;
  this counts Python start-up and imports, as the clerk sees it (resolution ≈10 ms);
- in-process, headless (Textual's pilot): the same steps timed around the app's own work,
  without process start-up or the terminal.

Like with like: both programs are launched in the same environment, each once before the
runs timed, with Python allowed to write its bytecode cache. pip compiles every module when it
installs the kit on the clerk's PC; a shell that sets PYTHONDONTWRITEBYTECODE (as some test
harnesses do) would otherwise make hzconsole compile its ~200 modules from source at every
launch while Textual's came precompiled from its wheel.

    python bench/bench_tui.py                  # the cached ten-year file (bench/_bigdb.py)
    python bench/bench_tui.py --keep big.db    # build (or reuse) the file at this path
    python bench/bench_tui.py --launch         # launch only: the demo file and the ten-year
                                               # file beside the bare app, 7 runs each
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _bigdb import TODAY, row_counts, ten_year_file

REPEAT = 3
LAUNCH_REPEAT = 7

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("BARE-READY 已就绪")

Bare().run()
"""


# -- in a real terminal -------------------------------------------------------------------------


class Tmux:
    def __init__(self) -> None:
        self.socket = f"hzbench-{os.getpid()}-{uuid.uuid4().hex[:6]}"

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)
        return done.stdout

    def start(self, command: str) -> float:
        started = time.perf_counter()
        self.run("new-session", "-d", "-s", "b", "-x", "100", "-y", "30", command)
        return started

    def wait(self, text: str, since: float, timeout: float = 60.0, gone: str | None = None) -> float:
        while True:
            screen = self.run("capture-pane", "-p", "-t", "b", check=False)
            if text in screen and (gone is None or gone not in screen):
                return time.perf_counter() - since
            if time.perf_counter() - since > timeout:
                raise RuntimeError(f"{text!r} not painted in {timeout} s:\n{screen}")
            time.sleep(0.005)

    def keys(self, *keys: str, literal: bool = False) -> float:
        now = time.perf_counter()
        self.run("send-keys", "-t", "b", *(["-l"] if literal else []), *keys)
        return now

    def stop(self) -> None:
        self.run("kill-server", check=False)


class Launcher:
    """The bare Textual app and `hzconsole FILE`, started in tmux the same way: the same
    environment, Python's start-up counted for both, bytecode cached for both (see the
    module's doc), and each launched once untimed first."""

    def __init__(self, data_dir: Path) -> None:
        self.hz = shutil.which("hzconsole") or "hzconsole"
        # `env -u`: the clerk's Python caches bytecode; the bench's own shell may not.
        self.env = (
            f"env -u PYTHONDONTWRITEBYTECODE HZCONSOLE_DATA_DIR={shlex.quote(str(data_dir))} "
            "TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8"
        )
        self.bare_script = data_dir / "bare_app.py"
        self.bare_script.write_text(BARE_APP, "utf-8")
        self.warmed: set[Path | None] = set()

    def _warm(self, path: Path | None) -> None:
        if path in self.warmed:
            return
        self.warmed.add(path)
        t = Tmux()
        try:
            if path is None:
                t.wait("BARE-READY", self._start(t, None))
            else:
                t.wait("本期巡河达标情况", self._start(t, path))
        finally:
            t.stop()

    def _start(self, t: Tmux, path: Path | None) -> float:
        if path is None:
            return t.start(f"{self.env} {shlex.quote(sys.executable)} {shlex.quote(str(self.bare_script))}")
        return t.start(f"{self.env} {shlex.quote(self.hz)} {shlex.quote(str(path))}")

    def bare(self) -> float:
        """Launch to painted, of the bare Textual app."""
        self._warm(None)
        t = Tmux()
        try:
            return t.wait("BARE-READY", self._start(t, None))
        finally:
            t.stop()

    def console(self, path: Path) -> tuple[Tmux, float, float]:
        """Launch `hzconsole FILE`: (the session, left running; seconds to the 首页 frame;
        to the 首页 painted with its figures)."""
        self._warm(path)
        t = Tmux()
        try:
            since = self._start(t, path)
            # The frame (menu, status line) is painted before the agenda's figures.
            frame = t.wait("首页", since)
            home = t.wait("本期巡河达标情况", since)
        except BaseException:
            t.stop()
            raise
        return t, frame, home


def launches(paths: dict[str, Path], data_dir: Path, repeat: int) -> dict[str, list[float]]:
    """Launch to painted, the bare app and hzconsole on each file, taken in turns so a
    machine busy for a moment weighs on both alike."""
    launcher = Launcher(data_dir)
    out: dict[str, list[float]] = {"bare": []}
    for name in paths:
        out[f"{name}:frame"], out[f"{name}:home"] = [], []
    for _ in range(repeat):
        out["bare"].append(launcher.bare())
        for name, path in paths.items():
            t, frame, home = launcher.console(path)
            t.stop()
            out[f"{name}:frame"].append(frame)
            out[f"{name}:home"].append(home)
    return out


def in_terminal(path: Path, data_dir: Path) -> dict[str, list[float]]:
    launcher = Launcher(data_dir)
    out: dict[str, list[float]] = {
        k: [] for k in ("bare", "frame", "home", "patrols", "key_cold", "clear", "key1", "key2")
    }
    for _ in range(REPEAT):
        out["bare"].append(launcher.bare())
        t, frame, home = launcher.console(path)
        try:
            out["frame"].append(frame)
            out["home"].append(home)
            out["patrols"].append(t.wait("巡河人", t.keys("5"), gone="本期巡河达标情况"))
            t.wait("共 ", time.perf_counter())
            # Filter keystrokes: each is done when the count line shows the new result.
            # Cold: typed at once, while the search index is still being built.
            t.keys("/")
            out["key_cold"].append(t.wait("找到", t.keys("青", literal=True)))
            out["clear"].append(t.wait("共 ", t.keys("BSpace")))
            time.sleep(2.0)  # the clerk reads the list; the index finishes in the background
            out["key1"].append(t.wait("找到", t.keys("白", literal=True)))
            line = next(ln for ln in t.run("capture-pane", "-p", "-t", "b").splitlines() if "找到" in ln)
            since = t.keys("沙", literal=True)
            while line in t.run("capture-pane", "-p", "-t", "b"):
                time.sleep(0.002)
            out["key2"].append(time.perf_counter() - since)
            t.keys("C-q")
        finally:
            t.stop()
    return out


# -- in-process, headless ---------------------------------------------------------------------


def headless(path: Path) -> dict[str, list[float]]:
    from textual.app import App
    from textual.widgets import Static

    from hzconsole.tui.app import HzApp
    from hzconsole.tui.widgets.book_table import BookTable

    class Bare(App):
        def compose(self):
            yield Static("已就绪")

    out: dict[str, list[float]] = {
        k: [] for k in ("bare", "frame", "home", "patrols", "key1", "key2", "sort", "scroll_end")
    }

    async def one() -> None:
        start = time.perf_counter()
        async with Bare().run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            out["bare"].append(time.perf_counter() - start)
        start = time.perf_counter()
        app = HzApp(path, today=TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            out["frame"].append(time.perf_counter() - start)
            # The figures come from a thread: 首页 is painted when they are shown.
            while app.screen.agenda is None:
                await asyncio.sleep(0.002)
            await pilot.pause()
            out["home"].append(time.perf_counter() - start)
            start = time.perf_counter()
            await pilot.press("5")
            await pilot.pause()
            out["patrols"].append(time.perf_counter() - start)
            table = app.screen.query_one(BookTable)
            assert table.total > 50_000
            await app.workers.wait_for_complete()  # the index warmed in the background
            await pilot.press("slash")
            start = time.perf_counter()
            await pilot.press("青")
            await pilot.pause()
            out["key1"].append(time.perf_counter() - start)
            start = time.perf_counter()
            await pilot.press("石")
            await pilot.pause()
            out["key2"].append(time.perf_counter() - start)
            await pilot.press("escape", "escape")
            await pilot.pause()
            start = time.perf_counter()
            app.screen.sort = "person"
            app.screen.load()
            await pilot.pause()
            out["sort"].append(time.perf_counter() - start)
            start = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            out["scroll_end"].append(time.perf_counter() - start)

    for _ in range(REPEAT):
        from hzconsole import listing

        listing._indexes.clear()
        asyncio.run(one())
    return out


def show(title: str, results: dict[str, list[float]], labels: dict[str, str], repeat: int = REPEAT) -> None:
    print(f"\n{title} (median of {repeat}, seconds)")
    for key, label in labels.items():
        if results.get(key):
            print(
                f"  {label:<44} {statistics.median(results[key]):7.3f}   "
                f"[{', '.join(f'{v:.3f}' for v in results[key])}]"
            )


def launch_only(big: Path, data_dir: Path, repeat: int) -> None:
    """The launch figures alone, on the demo file and the ten-year file, with the ratio to the
    bare app that issue 16 sets a bound on (1.5 ×)."""
    from _bigdb import demo_file

    demo, _seconds = demo_file()
    files = {"demo": demo, "big": big}
    for name, path in files.items():
        counts = row_counts(path, ("rivers", "people", "patrols", "problems"))
        print(f"{name}: {path.name}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    results = launches(files, data_dir, repeat)
    show(
        "Launch in a real terminal (tmux, the hzconsole command)",
        results,
        {
            "bare": "bare Textual app: launch to painted",
            "demo:frame": "hzconsole DEMO: launch to 首页 frame painted",
            "demo:home": "hzconsole DEMO: launch to 首页 painted",
            "big:frame": "hzconsole TEN-YEAR: launch to 首页 frame painted",
            "big:home": "hzconsole TEN-YEAR: launch to 首页 painted",
        },
        repeat,
    )
    bare = statistics.median(results["bare"])
    for name in files:
        home = statistics.median(results[f"{name}:home"])
        print(f"  {name}: 首页 painted / bare app = {home / bare:.2f} ×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="build the file here (or reuse it)")
    parser.add_argument("--launch", action="store_true", help="launch figures only (demo and ten-year file)")
    parser.add_argument("--repeat", type=int, default=LAUNCH_REPEAT, help="runs of each launch with --launch")
    args = parser.parse_args()
    # A console killed with its tmux server may still be writing its recent-files list.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        os.environ["HZCONSOLE_DATA_DIR"] = str(data_dir)
        path, _seconds = ten_year_file(args.keep)
        counts = row_counts(path, ("rivers", "people", "patrols", "problems", "signboards"))
        if args.launch:
            if not (shutil.which("tmux") and shutil.which("hzconsole")):
                raise SystemExit("--launch needs tmux and the hzconsole command")
            launch_only(path, data_dir, args.repeat)
            return
        print("file:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        if shutil.which("tmux") and shutil.which("hzconsole"):
            show(
                "In a real terminal (tmux, the hzconsole command)",
                in_terminal(path, data_dir),
                {
                    "bare": "bare Textual app: launch to painted",
                    "frame": "hzconsole FILE: launch to 首页 frame painted",
                    "home": "hzconsole FILE: launch to 首页 painted",
                    "patrols": "key 5: patrol list painted (first visit)",
                    "key_cold": "keystroke at once (index still building)",
                    "clear": "Backspace: full list painted again",
                    "key1": "filter keystroke 白 (index ready)",
                    "key2": "next keystroke 沙 (narrows the result)",
                },
            )
        else:
            print("\n(tmux or the hzconsole command not found: real-terminal figures skipped)")
        show(
            "In-process, headless (Textual pilot)",
            headless(path),
            {
                "bare": "bare Textual app: start to painted",
                "frame": "HzApp(FILE): start to 首页 frame painted",
                "home": "HzApp(FILE): start to 首页 painted",
                "patrols": "key 5: patrol list painted (first visit)",
                "key1": "filter keystroke 青",
                "key2": "next keystroke 石",
                "sort": "sort 100,000 patrols by chief (pinyin)",
                "scroll_end": "End: jump to the last patrol",
            },
        )


if __name__ == "__main__":
    main()
