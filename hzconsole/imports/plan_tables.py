"""Task tables in a plan's .docx (序号 | 类别 | 主要任务 | 具体措施 | 牵头单位 | 配合单位 |
责任单位 | 完成时限): each row a task, its units from their columns. Pure functions over the
rows' cell texts (merged cells repeat their text, as python-docx reads them)."""

from __future__ import annotations

import re

from hzconsole import text as tx
from hzconsole.imports.plan_text import TableTask

# Column headers of a task table (序号 | 主要任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限),
# exact names first, then names containing them.
_COLUMNS = (
    ("seq", ("序号", "编号")),
    ("section", ("类别", "分类", "任务类别", "工作类别", "项目类别", "重点领域", "领域")),
    (
        "main",
        (
            "主要任务",
            "工作任务",
            "重点任务",
            "任务名称",
            "任务内容",
            "任务",
            "工作内容",
            "工作事项",
            "事项",
            "重点工作",
        ),
    ),
    (
        "measure",
        (
            "具体措施",
            "细化措施",
            "工作措施",
            "主要措施",
            "措施",
            "具体内容",
            "工作要求",
            "目标要求",
            "具体任务",
            "工作目标",
            "目标任务",
        ),
    ),
    ("lead", ("牵头单位", "牵头部门", "牵头", "主责单位")),
    ("resp", ("责任单位", "责任部门", "负责单位")),
    ("coop", ("配合单位", "配合部门", "参与单位", "协办单位", "协作单位", "协作部门", "协同单位", "协同部门", "配合")),
    ("impl", ("落实单位", "实施单位", "责任主体", "落实主体")),
    ("deadline", ("完成时限", "时限", "完成时间", "时间节点", "时限要求", "完成期限")),
)


def _column_of(header: str) -> str | None:
    key = re.sub(r"\s+", "", tx.ascii_forms(header))
    for name, words in _COLUMNS:
        if key in words:
            return name
    for name, words in _COLUMNS:
        if any(w in key for w in words if len(w) >= 2):
            return name
    return None


def table_tasks(rows: list[list[str]]) -> list[str | TableTask]:
    """The rows of a .docx table: a task table's rows as TableTask, any other table's rows
    as lines of text (cells joined), so numbered tasks in a layout table still read."""
    header_at, columns = None, {}
    for i, row in enumerate(rows[:3]):
        found = {}
        for j, text in enumerate(row):
            name = _column_of(text) if text and len(text) <= 12 else None
            if name and name not in found:
                found[name] = j
        if ("main" in found or "measure" in found) and len(found) >= 2:
            header_at, columns = i, found
            break
    if header_at is None:
        return [" ".join(dict.fromkeys(c for c in row if c)) for row in rows]
    above = [" ".join(dict.fromkeys(c for c in row if c)) for row in rows[:header_at]]  # the table's title
    body_at = header_at + 1
    if body_at < len(rows):
        # A two-row header: 责任单位 spanning 牵头 | 配合 below it.
        below = {j: _column_of(c) for j, c in enumerate(rows[body_at]) if c}
        if below and all(below.values()):  # every cell a column name: not a task
            for j, name in below.items():
                if name is not None and rows[body_at][j] != rows[header_at][j]:
                    columns = {k: v for k, v in columns.items() if v != j}
                    columns[name] = j
            body_at += 1
    if "lead" not in columns and "resp" in columns:
        columns["lead"] = columns.pop("resp")  # 责任单位 alone is who answers for the task
    header = rows[header_at]
    out: list[str | TableTask] = [line for line in above if line]
    for row in rows[body_at:]:
        cells = [*row, *[""] * (len(header) - len(row))]
        if cells == header:
            continue  # the header repeated on the next page
        if len(set(c for c in cells if c)) == 1:
            out.append(next(c for c in cells if c))  # a row across the table: a heading
            continue

        def cell(name: str, cells: list[str] = cells) -> str | None:
            j = columns.get(name)
            return (cells[j].strip() or None) if j is not None and j < len(cells) else None

        main, measure = cell("main"), cell("measure")
        seq, section = None, cell("section")
        if (s := cell("seq")) and s.isdigit():
            seq = int(s)
        elif s and (m := re.match(r"^(\d{1,3})\s+(\S.*)$", s, re.S)):
            # "1 加强水资源保护": 序号 and 类别 in one cell, as pages copied into Word have it
            seq = int(m.group(1))
            if section is None:
                section = m.group(2).strip()
        lead_col = main if main is not None else measure
        if lead_col and (m := re.match(r"^(\d{1,3})\s*(?:[、.．]|\s)\s*(\S.*)$", tx.ascii_forms(lead_col), re.S)):
            # "1 加强水资源保护": the number written in the task's own column
            seq = seq or int(m.group(1))
            stripped = lead_col[m.start(2) :]
            main, measure = (stripped, measure) if main is not None else (None, stripped)
        if main and measure and main != measure:
            text = f"{main}\uff1a{measure}"
        else:
            text = main or measure or ""
        if not text:
            continue
        out.append(
            TableTask(
                text=text,
                seq=seq,
                section=section,
                lead_units=cell("lead"),
                coop_units=cell("coop"),
                implementers=cell("impl") or cell("resp"),
                deadline=cell("deadline"),
            )
        )
    return out
