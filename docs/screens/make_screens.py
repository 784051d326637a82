"""Screenshots of the console for docs/screens/: SVG from Textual, PNG when rsvg-convert is
installed. Built on the demo township as of 2024-11-20, in a temp dir.

    python docs/screens/make_screens.py
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = date(2024, 11, 20)
# The SVG names a Latin font; a CJK monospace font keeps Chinese exactly two cells wide
# when the SVG is turned into a PNG here.
PNG_FONT = "Noto Sans Mono CJK SC"


async def shoot(path: Path) -> list[Path]:
    from hzconsole.tui.app import HzApp

    made: list[Path] = []
    app = HzApp(path, today=TODAY, first_run=False)

    async def snap(name: str) -> None:
        await pilot.pause()
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
        target = HERE / f"{name}.svg"
        app.save_screenshot(str(target))
        text = target.read_text("utf-8")
        # The temp folder's name is not part of the picture.
        text = re.sub(r"/\.\./[^/<]+/", "/../河长办/", text)
        target.write_text(text, "utf-8")
        made.append(target)

    async with app.run_test(size=(100, 30)) as pilot:
        await snap("01-home")
        for key, name in (("2", "02-rivers"), ("3", "03-roster"), ("4", "04-signboards")):
            await pilot.press(key)
            await snap(name)
        await pilot.press("5")
        await snap("05-patrols")
        await pilot.press("slash")
        for ch in "qsh 2024-11":
            await pilot.press(ch)
        await snap("06-patrols-filter-pinyin")
        await pilot.press("escape", "f5")
        await pilot.pause()
        for ch in "2024-11-18":
            await pilot.press(ch)
        await pilot.press("enter")
        await snap("07-patrol-sheet-entry")
        await pilot.press("escape")  # the sheet begun is given up (Esc asks; on 放弃本张, Enter)
        await pilot.pause(0.8)
        await pilot.press("tab", "enter", "6")
        await snap("08-problems")
        await pilot.press("f5")
        await pilot.press("enter")
        await snap("09-problem-assign")
        await pilot.press("escape", "7")
        await snap("10-plans")
        await pilot.press("9")
        await app.screen.preselect("summary", {"year": "2024"})
        await pilot.pause()
        app.screen.query_one("#n-problems").load_text(
            "一是部分村级河长巡河频次不足,巡河记录填写不规范。\n二是个别问题整改进度较慢。"
        )
        await snap("11-documents-summary")
        await pilot.press("escape", "0")  # from the form back to the kinds, where 0 switches
        await snap("12-settings")
        await pilot.press("2", "f2", "f2")
        await snap("13-form-validation")
        await pilot.press("escape", "3", "f1")
        await snap("14-help")
    app = HzApp(path, today=TODAY, first_run=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await snap("15-home-80x24")
        await pilot.press("5")
        await snap("16-patrols-80x24")
    return made


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HZCONSOLE_DATA_DIR"] = str(Path(tmp) / "data")
        from hzconsole.demo import create_demo

        folder = Path(tmp) / "河长办"
        folder.mkdir()
        path = folder / "青石镇 台账.db"
        create_demo(path, seed=2024, today=TODAY).close()
        made = asyncio.run(shoot(path))
    rsvg = shutil.which("rsvg-convert")
    for svg in made:
        if rsvg:
            fixed = svg.with_suffix(".font.svg")
            fixed.write_text(svg.read_text("utf-8").replace("Fira Code, monospace", PNG_FONT), "utf-8")
            subprocess.run([rsvg, str(fixed), "-o", str(svg.with_suffix(".png"))], check=True)
            fixed.unlink()
        print(svg.relative_to(HERE.parent.parent))
    if not rsvg:
        print("rsvg-convert not found: SVG only")


if __name__ == "__main__":
    main()
