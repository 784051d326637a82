"""How many tasks of the real plans in shared/reference/real-imports/plans the plan importer
reads with the right boundaries and units, in every form the files come in (stored = folded
to ASCII, published = as printed, .docx as published, D2 = Word automatic numbering).

    python bench/plans_real_imports.py [folder]

Then the same for tests/fixtures/real/plans/heldout-like: public plans the importer was not
built on (county and township 工作要点, 实施方案, 工作安排; units in parentheses, in inline
labels and in a task table), scored against the tasks and units read off them by hand
(truth.json there).

A task is right when it starts where the true task starts, holds its own sub-items and
nothing of the next task, and has the units the text gives it (none of these excerpts names
units in a parenthesis, so: none). The true tasks are read off the excerpts' own layout
(README of real-imports: the counts there).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from hzconsole import text as tx
from hzconsole.imports.plan_text import parse_plan
from hzconsole.imports.plans import read_lines

HERE = Path(__file__).resolve().parents[1]
DEFAULT = HERE.parent / "shared" / "reference" / "real-imports" / "plans"


def truth(name: str, stored: str) -> list[tuple[str, list[str]]]:
    """(start of each true task, the sub-items that belong to it), from the stored excerpt."""
    lines = [line.strip() for line in stored.splitlines()]
    out: list[tuple[str, list[str]]] = []
    if name.startswith(("P07", "D2")):
        for i, line in enumerate(lines):
            if m := re.match(r"^\d+、(.+)$", line):
                subs = []
                for nxt in lines[i + 1 :]:
                    if not re.match(r"^[\u2460-\u2473]", nxt):
                        break
                    subs.append(nxt[:8])
                out.append((m.group(1), subs))
    elif name.startswith("P11"):
        for i, line in enumerate(lines):
            if m := re.match(r"^\d\.\d(?![.\d])(.+)$", line):
                subs = [n for n in lines[i + 1 : i + 4] if re.match(rf"^{re.escape(line[:3])}\.\d", n)]
                out.append((m.group(1), subs))
    elif name.startswith("P13"):
        out = [(m.group(1), []) for line in lines if (m := re.match(r"^[一二三四]、(.+)$", line))]
    elif name.startswith(("P02", "P04", "P09")):
        out = [(m.group(1), []) for line in lines if (m := re.match(r"^\d[、.]\s*(.+)$", line))]
    return out


def score(name: str, plan, expected: list[tuple[str, list[str]]]) -> tuple[int, list[str]]:
    right, notes = 0, []
    expected = [(tx.to_simplified(s), [tx.to_simplified(x) for x in subs]) for s, subs in expected]
    starts = [tx.ascii_forms(s)[:8] for s, _subs in expected]
    for i, (start, subs) in enumerate(expected):
        if i >= len(plan.tasks):
            notes.append(f"missing task {i + 1}")
            continue
        task = plan.tasks[i]
        text = tx.ascii_forms(task.text)
        ok = text.lstrip("\u2460").startswith(tx.ascii_forms(start)[:8].lstrip("\u2460"))
        ok = ok and all(tx.ascii_forms(s) in text for s in subs)
        ok = ok and not any(s in text[8:] for j, s in enumerate(starts) if j != i and len(s) >= 6)
        ok = ok and (task.lead_units, task.coop_units, task.implementers) == (None, None, None)
        right += ok
        if not ok:
            notes.append(f"task {i + 1} wrong: {task.text[:30]!r}")
    if len(plan.tasks) > len(expected):
        notes.append(f"{len(plan.tasks) - len(expected)} extra tasks")
    return right, notes


HELDOUT = HERE / "tests" / "fixtures" / "real" / "plans" / "heldout-like"


def _units(value: str | None) -> str | None:
    """Units compared folded, whatever separates them (、 or ,)."""
    return tx.ascii_forms(value).replace(",", "、").replace(" ", "") if value else None


def score_truth(plan, expected: list[dict[str, str]]) -> tuple[int, list[str]]:
    right, notes = 0, []
    starts = [tx.ascii_forms(e["start"])[:8] for e in expected]
    for i, want in enumerate(expected):
        if i >= len(plan.tasks):
            notes.append(f"missing task {i + 1}")
            continue
        task = plan.tasks[i]
        text = tx.ascii_forms(task.text)
        ok = text.startswith(starts[i])
        ok = ok and not any(s in text[8:] for j, s in enumerate(starts) if j != i and len(s) >= 6)
        got = (_units(task.lead_units), _units(task.coop_units), _units(task.implementers))
        ok = ok and got == tuple(_units(want.get(k)) for k in ("lead", "coop", "impl"))
        right += ok
        if not ok:
            notes.append(f"task {i + 1} wrong: {task.text[:24]!r} {got}")
    if len(plan.tasks) > len(expected):
        notes.append(f"{len(plan.tasks) - len(expected)} extra tasks")
    return right, notes


def heldout(folder: Path = HELDOUT) -> tuple[int, int]:
    truths = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    total = good = 0
    paths = sorted(folder.glob("*.txt")) + sorted(folder.glob("*.docx"))
    for path in paths:
        name = path.name.split(".")[0]
        expected = truths.get(name) or truths.get(
            name.replace("H5_town_2020_work_arrangement_table", "H4_town_2020_work_arrangement")
        )
        if expected is None:
            continue
        right, notes = score_truth(parse_plan(read_lines(path)[0]), expected)
        total += len(expected)
        good += right
        print(f"{path.name:52} {right:>3}/{len(expected):<3} {'; '.join(notes)}")
    print(f"held-out-like: tasks with the right boundaries and units: {good}/{total} ({good / max(total, 1):.0%})")
    return good, total


def main(folder: Path) -> None:
    total = good = 0
    for stored in sorted(folder.glob("P*.stored.txt")):
        name = stored.name.split(".")[0]
        expected = truth(name, stored.read_text(encoding="utf-8"))
        for path in (stored, folder / f"{name}.published.txt", folder / f"{name}.published.docx"):
            if not path.exists():
                continue
            plan = parse_plan(read_lines(path)[0])
            right, notes = score(name, plan, expected)
            total += len(expected)
            good += right
            print(f"{path.name:48} {right:>3}/{len(expected):<3} {'; '.join(notes)}")
    d2 = folder / "D2_plain_list_word_autonumber.docx"
    if d2.exists():
        expected = truth("D2", (folder / "P07_plain_numbered_task_list.stored.txt").read_text(encoding="utf-8"))
        right, notes = score("D2", parse_plan(read_lines(d2)[0]), expected)
        total += len(expected)
        good += right
        print(f"{d2.name:48} {right:>3}/{len(expected):<3} {'; '.join(notes)}")
    print(f"tasks with the right boundaries and units: {good}/{total} ({good / max(total, 1):.0%})")
    print()
    heldout()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
