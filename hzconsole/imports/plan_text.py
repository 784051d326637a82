"""Reading an upper-level plan or 实施方案 out of a document's text (pure functions).

What a plan looks like (see shared/reference/zhangshu-2024-plan-notice.txt): often a cover
notice (关于印发《…》的通知, recipients, one paragraph, signature, date), then the plan's
title, an introductory paragraph, sections 一、…, sub-sections (一)…, and numbered tasks
1.… / 1、… each one paragraph, maybe with sub-items (1)… and a trailing parenthesis naming
who leads, who helps and who carries it out: (市水利局牵头,相关成员单位配合,各县(市、区)
人民政府落实). Text copied from a web page brings navigation, 发布时间, 浏览次数, 责任编辑 and
footer lines with it; Traditional characters and full-width digits are common.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hzconsole import text as tx
from hzconsole.imports import messages as msg

_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{_CN}]+)\s*[、,,.．]\s*(\S.*)$")
_SUBSECTION = re.compile(rf"^[((]\s*([{_CN}]+)\s*[))]\s*[、,,.．]?\s*(\S.*)$")
_TASK = re.compile(r"^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(\S.*)$")
_SUBITEM = re.compile(r"^([((]\s*\d{1,3}\s*[))]|[①-⑳]|[a-z][.)）]|[一二三四五六七八九十]是)")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}[〔\[(【]\s*\d{4}\s*[〕\])】]\s*\d{1,4}\s*号)")
_NOTICE_TITLE = re.compile(r"^关于(?:印发|转发|下发)《(.+?)》的通知$")
_TITLE_END = re.compile(r"(计划|方案|要点|清单|意见|安排|任务|规划)$")
_ISSUER_END = re.compile(r"(人民政府|办公室|委员会|河长办|河长制办公室|管理局|局|政府|镇|乡|街道办事处|党委)$")
_PINYIN = re.compile(r"\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")
_SENTENCE_END = re.compile(r"[。;;!!”\"’)）]$")

# Lines of a web page around the text: navigation, meta data, footers.
_NOISE = re.compile(
    r"^(来源|發布|发布时间|发布日期|发文日期|时间|浏览次数|浏览量|访问量|点击数|点击量|阅读次数|阅读|责任编辑|编辑|审核|"
    r"作者|分享到|分享|转载分享|转载|字体|字号|【字体|打印|关闭|打印本页|关闭窗口|当前位置|您的位置|您当前的位置|"
    r"首页|相关文件|相关附件|文档附件|附件下载|相关链接|相关阅读|扫一扫|主办单位|主办|承办单位|承办|管理维护|"
    r"网站标识码|备案序号|备案号|网站报障|联系我们|关于我们|网站地图|智能问答|无障碍|移动版|政府信息公开|"
    r"信息公开|索引号|主题分类|文号|信息来源|上一篇|下一篇|返回顶部|【打印】|【关闭】)\s*[::]?"
)
_NOISE_ANYWHERE = re.compile(r"(ICP备|公网安备|版权所有|Copyright|©|浏览次数|繁體版|简体版|技术支持)", re.I)


@dataclass
class ParsedTask:
    seq: int
    text: str
    lead_units: str | None = None
    coop_units: str | None = None
    implementers: str | None = None
    line: int = 0

    def fields(self) -> dict[str, str | None]:
        return {"text": self.text, "lead_units": self.lead_units, "coop_units": self.coop_units,
                "implementers": self.implementers}


@dataclass
class ParsedSection:
    title: str
    line: int = 0
    tasks: list[ParsedTask] = field(default_factory=list)
    children: list[ParsedSection] = field(default_factory=list)

    def all_tasks(self) -> list[ParsedTask]:
        return [*self.tasks, *(t for c in self.children for t in c.all_tasks())]


@dataclass
class ParsedPlan:
    title: str | None = None
    year: int | None = None
    issuer: str | None = None
    doc_number: str | None = None
    preamble: list[str] = field(default_factory=list)  # the plan's opening paragraphs
    notice: list[str] = field(default_factory=list)  # the cover notice's lines, if any
    sections: list[ParsedSection] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # text not used ("第 N 行:…")
    noise: int = 0  # web-page lines dropped
    default_section: bool = False  # tasks came before any section heading

    @property
    def tasks(self) -> list[ParsedTask]:
        return [t for s in self.sections for t in s.all_tasks()]

    @property
    def section_count(self) -> int:
        return sum(1 + len(s.children) for s in self.sections)

    def tree(self) -> list[dict]:
        """The sections in the shape books.plans.create_plan takes."""

        def node(s: ParsedSection) -> dict:
            return {"title": s.title, "tasks": [t.fields() for t in s.tasks],
                    "children": [node(c) for c in s.children]}

        return [node(s) for s in self.sections]

    def outline_lines(self) -> list[str]:
        """The parsed plan as the report shows it."""
        head = msg.PLAN_HEAD.format(title=self.title or "?", year=self.year or "?")
        if self.issuer:
            head += msg.PLAN_HEAD_ISSUER.format(issuer=self.issuer)
        if self.doc_number:
            head += msg.PLAN_HEAD_NUMBER.format(number=self.doc_number)
        out = [head, msg.PLAN_SECTIONS.format(sections=self.section_count, tasks=len(self.tasks))]

        def walk(s: ParsedSection, depth: int) -> None:
            out.append("  " * depth + s.title + f"({len(s.all_tasks())} 项)")
            for child in s.children:
                walk(child, depth + 1)

        for s in self.sections:
            walk(s, 1)
        return out


def clean_line(line: str) -> str:
    """One line as parsed: Simplified, half-width digits, no web pinyin glosses, trimmed."""
    line = line.replace("\xa0", " ").replace("\u3000", " ").replace("\ufeff", "")
    line = _PINYIN.sub("", tx.to_simplified(tx.halfwidth(line)))
    return line.strip()


_BUTTONS = re.compile(r"^(\s*[【\[][^】\]]{1,10}[】\]])+\s*$")  # 【打印本页】【关闭窗口】


def is_noise(line: str) -> bool:
    if _NOISE.match(line) or _NOISE_ANYWHERE.search(line) or _BUTTONS.match(line):
        return True
    if line.count("|") >= 2 or line.count("|") >= 2:
        return True
    return not re.search(r"[\u4e00-\u9fff\w]", line)  # punctuation or symbols only


def split_units(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Take a trailing '(X牵头,Y配合,Z落实)' off a task: (text, lead, coop, implementers).

    Brackets nest (各县(市、区)人民政府) and may be full- or half-width; the parenthesis
    may stand before or after the final 。. A parenthesis naming no role stays in the text.
    """
    stripped = text.rstrip()
    tail = ""
    m = re.search(r"[。;;.\s]+$", stripped)
    if m:
        tail, stripped = stripped[m.start():], stripped[: m.start()]
    if not stripped.endswith((")", ")")):
        return text, None, None, None
    depth = 0
    start = -1
    for i in range(len(stripped) - 1, -1, -1):
        ch = stripped[i]
        if ch in "))":
            depth += 1
        elif ch in "((":
            depth -= 1
            if depth == 0:
                start = i
                break
    if start <= 0:
        return text, None, None, None
    inner = stripped[start + 1: -1]
    roles = _classify(inner)
    if roles is None:
        return text, None, None, None
    body = stripped[:start].rstrip()
    body = body + (tail.strip() or "")
    if not re.search(r"[。;;!!]$", body):
        body += "。" if tail.strip() or re.search(r"[。]", text) else ""
    lead, coop, impl = roles
    return body, lead, coop, impl


def task_units(text: str) -> tuple[str, str | None, str | None, str | None]:
    """split_units for a whole task: the parenthesis closes the task, or, when the task
    goes on with sub-items (1)(2)…, its first paragraph."""
    found = split_units(text)
    if found[1:] != (None, None, None) or "\n" not in text:
        return found
    first, rest = text.split("\n", 1)
    head = split_units(first)
    if head[1:] == (None, None, None):
        return found
    return (head[0] + "\n" + rest, *head[1:])


_LABELLED = {
    "lead": re.compile(r"^(牵头单位|牵头部门|责任单位|责任部门|牵头)[::]\s*(.+)$"),
    "coop": re.compile(r"^(配合单位|配合部门|协办单位|协作单位|配合)[::]\s*(.+)$"),
    "impl": re.compile(r"^(落实单位|实施单位|责任主体|落实主体|落实)[::]\s*(.+)$"),
}
_SUFFIXES = (
    ("lead", ("负责牵头", "牵头负责", "牵头")),
    ("coop", ("配合落实", "协助配合", "参与配合", "配合", "协助", "参与", "协同")),
    ("impl", ("负责落实", "具体落实", "抓好落实", "组织落实", "组织实施", "负责实施", "落实", "实施")),
)


def _split_top(inner: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in inner:
        if ch in "((":
            depth += 1
        elif ch in "))":
            depth -= 1
        if depth == 0 and ch in ",,;;":
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def _classify(inner: str) -> tuple[str | None, str | None, str | None] | None:
    groups: dict[str, list[str]] = {"lead": [], "coop": [], "impl": []}
    last: str | None = None
    unknown: list[str] = []
    for part in _split_top(inner):
        role = unit = None
        for name, pattern in _LABELLED.items():
            m = pattern.match(part)
            if m:
                role, unit = name, m.group(2).strip()
                break
        if role is None:
            for name, endings in _SUFFIXES:
                end = next((e for e in endings if part.endswith(e) and len(part) > len(e)), None)
                if end:
                    role, unit = name, part[: -len(end)].strip()
                    break
        if role is None and part.endswith("负责") and len(part) > 2:
            role = "impl" if groups["lead"] else "lead"
            unit = part[:-2].strip()
        if role is None:
            if last is None:
                unknown.append(part)
            else:
                groups[last].append(part)
            continue
        groups[role].append(unit or part)
        last = role
    if not any(groups.values()):
        return None
    if unknown:
        groups["lead"] = unknown + groups["lead"]
    joined = {k: "、".join(v) if v else None for k, v in groups.items()}
    return joined["lead"], joined["coop"], joined["impl"]


def parse_plan(lines: list[str]) -> ParsedPlan:
    """The plan in `lines` (paragraphs of a document, in order)."""
    plan = ParsedPlan()
    cleaned: list[tuple[int, str]] = []
    for n, raw in enumerate(lines, 1):
        line = clean_line(raw)
        if not line:
            continue
        if is_noise(line):
            plan.noise += 1
            year = re.search(r"(?:发布|发文)(?:时间|日期)\s*[::]\s*(\d{4})", line)
            if year and plan.year is None:
                plan.year = int(year.group(1))
            continue
        cleaned.append((n, line))
    first_section = next((i for i, (_n, line) in enumerate(cleaned) if _SECTION.match(line)), len(cleaned))
    before = [line for _n, line in cleaned[:first_section]]
    notice_title = next((m.group(1).strip() for line in before if (m := _NOTICE_TITLE.match(line))), None)
    candidates = [i for i, line in enumerate(before) if _is_title(line)]
    exact = [i for i in candidates if before[i] == notice_title]
    title_index = exact[0] if exact else (candidates[0] if candidates else None)
    plan.title = cleaned[title_index][1] if title_index is not None else notice_title
    publish_year = plan.year
    plan.year = None
    head = cleaned[: title_index if title_index is not None else 0]
    body_start = (title_index + 1) if title_index is not None else 0
    _read_head(plan, head)
    _read_body(plan, cleaned[body_start:], first_section - body_start)
    if plan.year is None and plan.title:
        m = re.search(r"(\d{4})\s*(?:年|年度)", plan.title)
        if m:
            plan.year = int(m.group(1))
    if plan.year is None:
        plan.year = publish_year
    return plan


def _is_title(line: str) -> bool:
    return (len(line) <= 60 and bool(_TITLE_END.search(line)) and not line.startswith("关于")
            and "《" not in line and not _SECTION.match(line))


def _read_head(plan: ParsedPlan, head: list[tuple[int, str]]) -> None:
    """The cover notice: its document number, signature (issuer) and date."""
    for i, (_n, line) in enumerate(head):
        plan.notice.append(line)
        m = _DOC_NUMBER.search(line)
        if m and len(line) <= 30 and plan.doc_number is None:
            plan.doc_number = re.sub(r"\s+", "", m.group(1))
        if _DATE_LINE.match(line.replace(" ", "")):
            if plan.year is None:
                plan.year = int(line[:4])
            if i > 0 and plan.issuer is None:
                prev = head[i - 1][1]
                if len(prev) <= 25 and _ISSUER_END.search(prev):
                    plan.issuer = prev


def _read_body(plan: ParsedPlan, body: list[tuple[int, str]], first_section: int) -> None:
    section: ParsedSection | None = None
    sub: ParsedSection | None = None
    task: ParsedTask | None = None
    for i, (n, line) in enumerate(body):
        if i < first_section:
            if _TASK.match(line) and not _SECTION.match(line):
                pass  # a plan without 一、 headings: tasks start here
            else:
                plan.preamble.append(line)
                continue
        m = _SECTION.match(line)
        if m:
            section = ParsedSection(m.group(2).strip(), n)
            plan.sections.append(section)
            sub = task = None
            continue
        m = _SUBSECTION.match(line)
        if m and section is not None:
            sub = ParsedSection(m.group(2).strip(), n)
            section.children.append(sub)
            task = None
            continue
        m = _TASK.match(line)
        if m:
            if section is None:
                section = ParsedSection(msg.PLAN_DEFAULT_SECTION, n)
                plan.sections.append(section)
                plan.default_section = True
            task = ParsedTask(int(m.group(1)), m.group(2).strip(), line=n)
            (sub or section).tasks.append(task)
            continue
        if task is not None and _continues(line):
            task.text += "\n" + line
            continue
        plan.ignored.append(f"第 {n} 行:{tx.clip(line, 40)}")
    for t in plan.tasks:
        t.text, t.lead_units, t.coop_units, t.implementers = task_units(t.text)


def _continues(line: str) -> bool:
    """Whether a paragraph after a task belongs to it: a sub-item, or a full sentence
    that is not a signature or date."""
    if _SUBITEM.match(line):
        return True
    if _DATE_LINE.match(line.replace(" ", "")) or line.startswith(("附件", "抄送", "特此通知")):
        return False
    return len(line) >= 12 and bool(_SENTENCE_END.search(line))
