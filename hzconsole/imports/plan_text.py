"""Reading an upper-level plan or 实施方案 out of a document's text (pure functions).

What a plan looks like (see shared/reference/zhangshu-2024-plan-notice.txt and
shared/reference/real-imports/plans): often a cover notice (关于印发《…》的通知, recipients, one
paragraph, signature, date), then the plan's title, an introductory paragraph, sections 一、…,
sub-sections (一)…, and numbered tasks 1.… / 1、… / 1.1 / (1)… each one paragraph, maybe with
sub-items (1)… ①… and a trailing parenthesis naming who leads, who helps and who carries it
out: (市水利局牵头,相关成员单位配合,各县(市、区)人民政府落实). Text copied from a web page
brings navigation, 索引号, 发布时间, 浏览次数 and footer lines with it; Traditional characters
and full-width digits are common.

Punctuation comes full-width (（ ） ， ： ；), half-width or mixed. Every line is kept twice:
`text`, as written (Simplified, half-width digits, punctuation untouched), which is what is
stored and re-issued, and `key`, the same characters with full-width forms folded to ASCII
one for one, which is what the patterns match. Both have the same length, so a span found in
the key cuts the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from hzconsole import text as tx
from hzconsole.imports import messages as msg

# Patterns below see the folded key: ( ) , : ; . ! ? only; 、 。 〔 〕 have no ASCII form.
_CN = "一二三四五六七八九十"
_CJK = "\u4e00-\u9fff"
_SECTION = re.compile(rf"^([{_CN}]+)\s*[、,.]\s*(\S.*)$")
_SUBSECTION = re.compile(rf"^\(\s*([{_CN}]+)\s*\)\s*[、,.]?\s*(\S.*)$")
_TASK = re.compile(r"^(\d{1,3})\s*(?:、|\.(?!\d)|\)(?![\d%]))\s*(\S.*)$")  # 1. 1、 1)
# 1.1 / 1.1.1 followed by words (not 1.5公里: the part after the number starts a heading).
_DECIMAL = re.compile(rf"^(\d{{1,2}})\.(\d{{1,2}})(?:\.(\d{{1,2}}))?(?![\d%])\s*[、.]?\s*(?=[{_CJK}\"“])(.*)$")
_PAREN = re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*(\S.*)$")
_SUBITEM = re.compile(rf"^(\(\s*\d{{1,3}}\s*\)|[\u2460-\u2473]|[a-z][.)]|[{_CN}]是)")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_DATE_END = re.compile(r"(\d{4})年\d{1,2}月\d{1,2}日$")
_DOC_NUMBER = re.compile(rf"([{_CJK}]{{1,12}}\s*[〔\[(【]\s*\d{{4}}\s*[〕\])】]\s*\d{{1,4}}\s*号)")
_NOTICE_TITLE = re.compile(r"^关于(?:印发|转发|下发)《(.+?)》的通知$")
_NOTICE_TITLE_BARE = re.compile(r"^关于(?:印发|转发|下发)(.+?)的通知$")
_TITLE_END = re.compile(r"(计划|方案|要点|清单|意见|安排|任务|规划|模板|要求|细则|办法|\))$")
_TITLE_YEARS = re.compile(r"^\(\s*\d{4}\s*[-—–~至]\s*\d{4}\s*年?\s*\)$")  # (2017-2020年) under a title
_ISSUER_END = re.compile(r"(人民政府|办公室|委员会|河长办|河长制办公室|管理局|局|政府|镇|乡|街道办事处|党委)$")
_PINYIN = re.compile(r"\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")
_SENTENCE_END = re.compile(r"[。;!”\"’)]$")

# Lines of a web page around the text: navigation, meta data, footers. Matched on the key
# with the spaces between Chinese characters taken out (索  引  号 is 索引号).
_NOISE = re.compile(
    r"^(来源|發布|发布时间|发布日期|发文日期|成文日期|时间|浏览次数|浏览量|访问量|点击数|点击量|阅读次数|阅读|责任编辑|编辑|审核|"
    r"作者|分享到|分享|转载分享|转载|字体|字号|【字体|打印|关闭|打印本页|关闭窗口|当前位置|您的位置|您当前的位置|"
    r"首页|相关文件|相关附件|文档附件|附件下载|相关链接|相关阅读|扫一扫|主办单位|主办|承办单位|承办|管理维护|"
    r"网站标识码|备案序号|备案号|网站报障|联系我们|关于我们|网站地图|智能问答|无障碍|移动版|政府信息公开|"
    r"信息公开|索引号|主题分类|组配分类|发布机构|公开方式|主题词|名称|文号|信息来源|上一篇|下一篇|返回顶部|"
    r"【打印】|【关闭】|版权说明|文档简介|解读文章|发文字号|发文机关|效力状态|有效性|公开范围|体裁分类|生成日期|"
    r"所属机构|正在阅读|>|→)\s*:?"
)
_NOISE_ANYWHERE = re.compile(
    r"(ICP备|公网安备|版权所有|Copyright|©|浏览次数|阅读量|繁體版|简体版|技术支持|二维码|>>|»|"
    r"\S\s*[>→]\s*\S.*[>→])",
    re.I,
)
_NOISE_WHOLE = re.compile(
    r"^(\(?此件公开发布\)?|\S{2,30}\s+\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发|\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*(来源|\|).*)$"
)
_BULLET = re.compile(r"^[•·●▪◆■□○*]\s*")
# A label whose value is on the next line, as a page's table of meta data copies out.
_LABEL_ONLY = re.compile(
    r"^(索引号|主题分类|组配分类|发布机构|发文机关|发文字号|文号|成文日期|发布日期|发布时间|"
    r"公开方式|公开范围|效力状态|有效性|名称|主题词|体裁分类|编辑|审核|生成日期|所属机构)\s*:?$"
)
_LIST_NUMBER = re.compile(r"^\d{1,2}\.\s+")  # 1. 当前位置: — a web page's list of links
_BUTTONS = re.compile(r"^(\s*[【\[][^】\]]{1,10}[】\]])+\s*$")  # 【打印本页】【关闭窗口】
# Meta lines give what the title does not: year, 文号, the title itself (名称).
# (a page's meta table copied with | between its cells: 发布日期 | 2018-07-27)
_META_YEAR = re.compile(
    r"(?:发布|发文|成文)\s*(?:时间|日期)\s*[:|]?\s*(\d{4})|(?:^|来源\S*\s+)(\d{4})-\d{1,2}-\d{1,2}"
    r"|索\s*引\s*号\s*[:|]?\s*\S*?/(\d{4})-"
)  # 索引号 113325…/2017-12226
_META_NUMBER = re.compile(rf"文\s*号\s*:?\s*([{_CJK}]{{1,12}}\s*[〔\[(【]\s*\d{{4}}\s*[〕\])】]\s*\d{{1,4}}\s*号)")
# 名称:… of a page's meta table; 正在阅读:【栏目】标题 of a page's reading bar.
_META_TITLE = re.compile(r"^(?:名\s*称|正在阅读)\s*:?\s*(?:【[^】]{0,20}】)?\s*(\S.{0,40}?)(?:\s{2,}|$)")


@dataclass
class Line:
    """One paragraph: `text` as written, `key` the same with punctuation folded to ASCII."""

    n: int
    text: str
    key: str

    def cut(self, start: int, end: int | None = None) -> Line:
        text, key = self.text[start:end], self.key[start:end]
        lead = len(key) - len(key.lstrip())
        trail = len(key.rstrip())
        return Line(self.n, text[lead:trail], key[lead:trail])


def make_line(n: int, text: str) -> Line:
    return Line(n, text, tx.ascii_forms(text))


@dataclass
class TableTask:
    """A row of a task table (序号 | 主要任务 | 具体措施 | 牵头单位 …) as read from a .docx."""

    text: str
    seq: int | None = None
    section: str | None = None
    lead_units: str | None = None
    coop_units: str | None = None
    implementers: str | None = None
    deadline: str | None = None
    line: int = 0  # its place among the document's paragraphs and rows


@dataclass
class ParsedTask:
    seq: int
    text: str
    lead_units: str | None = None
    coop_units: str | None = None
    implementers: str | None = None
    line: int = 0
    units_text: str | None = None  # the parenthesis naming the units, verbatim
    deadline: date | None = None
    from_table: bool = False
    labelled: list[str] = field(default_factory=list)  # 责任单位:… lines under the task

    def fields(self) -> dict[str, object]:
        return {
            "text": self.text,
            "lead_units": self.lead_units,
            "coop_units": self.coop_units,
            "implementers": self.implementers,
            "units_text": self.units_text,
            "deadline": self.deadline,
        }


@dataclass
class ParsedSection:
    title: str
    line: int = 0
    tasks: list[ParsedTask] = field(default_factory=list)
    children: list[ParsedSection] = field(default_factory=list)
    full_text: str = ""  # the heading line after its number (a list of 一、 items are the tasks)
    body: list[str] = field(default_factory=list)  # paragraphs under the heading before any task
    body_notes: list[str] = field(default_factory=list)  # their entries in ParsedPlan.ignored
    inline: bool = False  # the first of `body` was written on the heading's line

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
        def count(s: ParsedSection) -> int:
            return 1 + sum(count(c) for c in s.children)

        return sum(count(s) for s in self.sections)

    def tree(self) -> list[dict]:
        """The sections in the shape books.plans.create_plan takes."""

        def node(s: ParsedSection) -> dict:
            return {"title": s.title, "tasks": [t.fields() for t in s.tasks], "children": [node(c) for c in s.children]}

        return [node(s) for s in self.sections]

    def outline_lines(self) -> list[str]:
        """The parsed plan as the report shows it."""
        head = msg.PLAN_HEAD.format(title=self.title or "", year=self.year or "")
        if not self.title:  # say what is missing, not 《?》 ?年
            head = head.replace("《》", msg.PLAN_HEAD_NO_TITLE)
        if not self.year:
            head = head.replace(" 年", " " + msg.PLAN_HEAD_NO_YEAR)
        if self.issuer:
            head += msg.PLAN_HEAD_ISSUER.format(issuer=self.issuer)
        if self.doc_number:
            head += msg.PLAN_HEAD_NUMBER.format(number=self.doc_number)
        out = [head, msg.PLAN_SECTIONS.format(sections=self.section_count, tasks=len(self.tasks))]

        def walk(s: ParsedSection, depth: int) -> None:
            out.append("  " * depth + s.title + f"\uff08{len(s.all_tasks())} 项\uff09")
            for child in s.children:
                walk(child, depth + 1)

        for s in self.sections:
            walk(s, 1)
        return out


def clean_line(line: str) -> str:
    """One line as parsed: Simplified, half-width digits, no web pinyin glosses, trimmed;
    punctuation as written."""
    line = line.replace("\xa0", " ").replace("\u3000", " ").replace("\ufeff", "")
    line = tx.to_simplified(tx.halfwidth(line))
    key = tx.ascii_forms(line)
    for m in reversed(list(_PINYIN.finditer(key))):
        line = line[: m.start()] + line[m.end() :]
    return line.strip()


def _squeeze(key: str) -> str:
    """索  引  号 → 索引号: labels of web pages spaced out to a width."""
    return re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", key)


def is_noise(key: str) -> bool:
    """Whether a line (its folded key) is web-page navigation, meta data or footer."""
    key = _BULLET.sub("", key, count=1)
    line = _squeeze(_LIST_NUMBER.sub("", key, count=1)) if _LIST_NUMBER.match(key) else _squeeze(key)
    if _NOISE.match(line) or _NOISE_ANYWHERE.search(line) or _BUTTONS.match(line) or _NOISE_WHOLE.match(key):
        return True
    if line.count("|") >= 2:
        return True
    return not re.search(rf"[{_CJK}\w]", line)  # punctuation or symbols only


# ---- responsibilities: the trailing parenthesis -----------------------------------------


@dataclass
class Units:
    """A task's text with its trailing parenthesis of units taken off."""

    text: str
    lead: str | None = None
    coop: str | None = None
    impl: str | None = None
    written: str | None = None  # the parenthesis as written, brackets included
    deadline: date | None = None

    @property
    def found(self) -> bool:
        return self.written is not None


_LABELLED = (
    ("lead", re.compile(r"^(牵头单位|牵头部门|责任单位|责任部门|负责单位|牵头)\s*:\s*")),
    (
        "coop",
        re.compile(
            r"^(配合单位|配合部门|参与单位|参与部门|协办单位|协作单位|协作部门|协同单位|协同部门|配合|参与)\s*:\s*"
        ),
    ),
    ("impl", re.compile(r"^(落实单位|实施单位|主体责任单位|责任主体|落实主体|落实|实施)\s*:\s*")),
)
# Units named by labels after the task's last sentence, no parenthesis (a town's 工作安排):
# …管理。牵头部门:镇水利站 协作部门:镇工业办公室,镇城建办 主体责任单位:各村(居)
_RUN_LABEL = (
    r"(?:牵头单位|牵头部门|主体责任单位|责任单位|责任部门|配合单位|配合部门|参与单位|参与部门|协作单位|"
    r"协作部门|协同单位|协同部门|协办单位|落实单位|实施单位|责任主体|落实主体|完成时限|完成时间)\s*:"
)
_LABEL_RUN = re.compile(rf"{_RUN_LABEL}\s*\S+?(?:\s+(?={_RUN_LABEL})|\s*$)")
_RUN_START = re.compile(_RUN_LABEL)
# A unit named before its role: 市水利局牵头. Longest endings first.
_ENDINGS = sorted(
    [
        ("lead", "负责牵头"),
        ("lead", "牵头负责"),
        ("lead", "牵头"),
        ("lead", "负责"),
        ("coop", "按职责分工负责"),
        ("coop", "按照职责分工负责"),
        ("coop", "按职责负责"),
        ("coop", "按职责分工落实"),
        ("coop", "配合落实"),
        ("coop", "协助配合"),
        ("coop", "参与配合"),
        ("coop", "配合"),
        ("coop", "协助"),
        ("coop", "参与"),
        ("coop", "协同"),
        ("coop", "协办"),
        ("impl", "负责落实"),
        ("impl", "具体落实"),
        ("impl", "抓好落实"),
        ("impl", "组织落实"),
        ("impl", "组织实施"),
        ("impl", "负责实施"),
        ("impl", "具体实施"),
        ("impl", "落实"),
        ("impl", "实施"),
    ],
    key=lambda e: -len(e[1]),
)
_PERSON = re.compile(r"^(牵头领导|责任领导|分管领导|牵头市领导|牵头县领导|责任人|联系人|负责人)\s*:")
# A deadline says by when: 2024年6月底前完成, 完成时限:2024年12月 (not 2028年及以后).
_DEADLINE = re.compile(
    r"^(?:(?:完成时限|时限|完成时间)\s*:?\s*(.+)|(\d{4}\s*年[^,;]*?)(?:底前|前|以前|之前|底)(?:完成|到位|见效)?"
    r"|(长期坚持|持续推进|长期|持续开展))$"
)


def _deadline_date(text: str | None) -> date | None:
    """2024年6月28日 / 2024年6月底 / 2024年底 as a date; None when it names no day."""
    if not text:
        return None
    key = tx.ascii_forms(text).replace(" ", "")
    m = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日", key)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.match(r"^(\d{4})年(\d{1,2})月(?:底|末)", key)
        if m:
            month = int(m.group(2))
            nxt = date(int(m.group(1)) + month // 12, month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        m = re.match(r"^(\d{4})年(?:底|末|年底)", key)
        if m:
            return date(int(m.group(1)), 12, 31)
    except ValueError:
        return None
    return None


def _top_parts(key: str) -> list[tuple[int, int]]:
    """Spans of the parts of `key` split at , ; outside brackets."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(key):
        if ch in "(〔【[":
            depth += 1
        elif ch in ")〕】]":
            depth -= 1
        elif depth == 0 and ch in ",;":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(key)))
    return spans


def _classify(text: str, key: str) -> tuple[str | None, str | None, str | None, date | None] | None:
    """(lead, coop, impl, deadline) named in a parenthesis, units as written, or None when
    it names no role. A unit without a role word belongs to the role named after it
    (各县(市、区)人民政府,城乡一体化示范区、高新区管委会落实), or, after a label such as
    牵头单位:, to that label."""
    depth = 0
    for i, ch in enumerate(key):  # (…配合单位:各乡(镇)政府。以下均需…负责,不再列出。): a note after 。
        depth += (ch in "(〔【[") - (ch in ")〕】]")
        if depth == 0 and ch == "。":
            text, key = text[:i], key[:i]
            break
    groups: dict[str, list[str]] = {"lead": [], "coop": [], "impl": []}
    pending: int | None = None  # where unlabelled units waiting for their role start
    pending_end = 0
    label: str | None = None  # the role of a 牵头单位: label, until the next one
    last: str | None = None
    deadline_text: str | None = None
    for s, e in _top_parts(key):
        part = Line(0, text[s:e], key[s:e]).cut(0)
        if not part.key:
            continue
        off = s + (len(key[s:e]) - len(key[s:e].lstrip()))
        role, unit = None, None
        for name, pattern in _LABELLED:
            m = pattern.match(part.key)
            if m:
                if name == "lead" and m.group(1).startswith("责任") and groups["lead"]:
                    name = "impl"  # 牵头单位:… ;责任单位:… — those answering for it locally
                role, unit, label = name, part.text[m.end() :].strip(), name
                break
        if role is None and _PERSON.match(part.key):
            continue  # 责任领导:张三 — a person, not a unit
        if role is None and (m := _DEADLINE.match(part.key.replace(" ", ""))):
            deadline_text = m.group(1) or m.group(3) or part.key.replace(" ", "")
            continue
        if role is None:
            for name, ending in _ENDINGS:
                if part.key.endswith(ending) and len(part.key) > len(ending):
                    if ending == "负责" and groups["lead"]:
                        name = "impl"
                    elif ending.startswith("按") and not groups["lead"]:
                        name = "lead"  # 市生态环境局、市水利局按职责分工负责: nobody else leads
                    role = name
                    unit = text[pending if pending is not None else off : off + len(part.key) - len(ending)].strip()
                    pending = None
                    label = None
                    break
        if role is None:
            if label is not None:
                groups[label].append(part.text)
            else:
                pending = off if pending is None else pending
                pending_end = off + len(part.key)
            continue
        if pending is not None:  # units before a 牵头单位: label: they belong to the role before
            groups[last or "lead"].append(text[pending:pending_end].strip())
            pending = None
        if unit:
            groups[role].append(unit)
        last = role
    if not any(groups.values()) and deadline_text is None:
        return None
    if pending is not None:
        groups[last or "lead"].append(text[pending:pending_end].strip())
    joined = {k: "、".join(v) if v else None for k, v in groups.items()}
    return joined["lead"], joined["coop"], joined["impl"], _deadline_date(deadline_text)


def read_units(text: str) -> Units:
    """Take a trailing '(X牵头,Y配合,Z落实)' off a task, in either punctuation width.

    Brackets nest (各县(市、区)人民政府); the parenthesis may stand before or after the final
    。. A parenthesis naming no role (含山塘、水库) stays in the text.
    """
    key = tx.ascii_forms(text)
    end = len(key.rstrip())
    m = re.search(r"[。;.\s]*$", key[:end])
    close = m.start() if m else end
    tail = text[close:end].strip()
    if close == 0 or key[close - 1] != ")":
        return _label_run(text, key)
    depth, start = 0, -1
    for i in range(close - 1, -1, -1):
        if key[i] == ")":
            depth += 1
        elif key[i] == "(":
            depth -= 1
            if depth == 0:
                start = i
                break
    if start <= 0:
        return _label_run(text, key)
    found = _classify(text[start + 1 : close - 1], key[start + 1 : close - 1])
    if found is None:
        return _label_run(text, key)  # …主体责任单位:各村(居): the (居) names no role
    body = text[:start].rstrip() + tail
    if not re.search(r"[。;!]$", tx.ascii_forms(body)):
        body += "。" if tail or "。" in text else ""
    lead, coop, impl, deadline = found
    return Units(body, lead, coop, impl, text[start:close], deadline)


def _label_run(text: str, key: str) -> Units:
    """Units in labels closing the paragraph (…。牵头部门:X 协作部门:Y 主体责任单位:Z), kept
    verbatim as the written form; the text before them is the task."""
    for m in _RUN_START.finditer(key):
        pos, labels = m.start(), 0
        while (run := _LABEL_RUN.match(key, pos)) is not None and run.end() > pos:
            pos, labels = run.end(), labels + 1
        if pos < len(key):
            continue
        # After the sentence's end, or glued to it (a re-issued text) when two or more labels
        # follow: 明确责任单位:各村,并按月报送 is a sentence, not units.
        if m.start() > 0 and key[m.start() - 1] not in "。;.!? \t" and labels < 2:
            return Units(text)
        # The run's parts split at the spaces between labels (same length: text cuts alike).
        run_key = re.sub(rf"\s+(?={_RUN_LABEL})", lambda s: ";" * len(s.group(0)), key[m.start() :])
        found = _classify(text[m.start() :], run_key)
        if found is None:
            return Units(text)
        lead, coop, impl, deadline = found
        tail = re.search(r"[。;.\s]*$", key)  # a closing 。 is not the units'
        end = tail.start() if tail else len(key)
        return Units(text[: m.start()].rstrip(), lead, coop, impl, text[m.start() : end], deadline)
    return Units(text)


def task_units(text: str) -> Units:
    """read_units for a whole task: the parenthesis closes the task, or, when the task goes
    on with sub-items (1)(2)…, its first paragraph."""
    found = read_units(text)
    if found.found or "\n" not in text:
        return found
    first, rest = text.split("\n", 1)
    head = read_units(first)
    if not head.found:
        return found
    head.text = head.text + "\n" + rest
    return head


# ---- the plan -------------------------------------------------------------------------


def _split_items(line: Line) -> list[Line]:
    """'1.…;2.…;3.…' in one paragraph → three lines (numbers must follow on)."""
    for first, nxt in (
        (_TASK, r"(?<=[;。])\s*{n}\s*(?:、|\.(?!\d)|\)(?!\d))"),
        (_PAREN, r"(?<=[;。])\s*\(\s*{n}\s*\)"),
    ):
        m = first.match(line.key)
        if not m:
            continue
        n, pos, cuts = int(m.group(1)), m.end(1), []
        while (found := re.compile(nxt.format(n=n + 1)).search(line.key, pos)) is not None:
            cuts.append(found.start())
            pos, n = found.end(), n + 1
        if not cuts:
            return [line]
        bounds = [0, *cuts, len(line.key)]
        return [line.cut(a, b) for a, b in itertools.pairwise(bounds)]
    return [line]


def _heading(line: Line, m: re.Match[str]) -> tuple[str, Line | None]:
    """A heading's title, and the paragraph written inline after it (（一）指导思想。深入…)."""
    title = line.cut(m.start(2))
    stop = title.key.find("。")
    if 0 < stop <= 20 and stop < len(title.key) - 1 and not re.search(r"[,;:]", title.key[:stop]):
        return title.text[:stop], title.cut(stop + 1)
    if stop == len(title.key) - 1 and stop <= 20:
        return title.text[:stop], None  # (一)指导思想。 — the stop closes the heading
    return title.text, None


def _numbered(key: str) -> bool:
    return bool(
        _SECTION.match(key) or _SUBSECTION.match(key) or _TASK.match(key) or _DECIMAL.match(key) or _PAREN.match(key)
    )


def _unglue(line: Line) -> list[Line]:
    """'出台…工作方案参考模板一、出台…的背景分析': a title and the first heading in one line."""
    m = re.search(r"(计划|方案|要点|清单|模板|意见|规划)\s*(?=一\s*、)", line.key)
    if m and m.start() >= 2 and not re.search(r"[,。;:]", line.key[: m.end()]):
        return [line.cut(0, m.end()), line.cut(m.end())]
    return [line]


def parse_plan(lines: list[str | TableTask]) -> ParsedPlan:
    """The plan in `lines` (paragraphs of a document in order; task-table rows as TableTask)."""
    plan = ParsedPlan()
    items: list[Line | TableTask] = []
    publish_year: int | None = None
    meta_title = meta_number = None
    numbered_yet = False
    label: str | None = None  # a meta-data label waiting for its value on the next line
    for n, raw in enumerate(lines, 1):
        if isinstance(raw, TableTask):
            raw.line = n
            items.append(raw)
            continue
        text = clean_line(raw)
        if not text:
            continue
        line = make_line(n, text)
        value_of = label
        label = None
        if is_noise(line.key) or (value_of and len(line.key) <= 40 and not _numbered(line.key)):
            plan.noise += 1
            meta = make_line(n, f"{value_of} {line.text}" if value_of else _BULLET.sub("", line.text, count=1))
            if (m := _META_YEAR.search(meta.key)) and publish_year is None:
                publish_year = int(m.group(1) or m.group(2) or m.group(3))
            if (m := _META_NUMBER.search(meta.key)) and meta_number is None:
                meta_number = re.sub(r"\s+", "", meta.text[m.start(1) : m.end(1)])
            if (m := _META_TITLE.match(_LIST_NUMBER.sub("", meta.key))) and meta_title is None:
                meta_title = m.group(1).strip()
            if not value_of and _LABEL_ONLY.match(_squeeze(meta.key)):
                label = _squeeze(meta.key).rstrip(":")
            continue
        if not numbered_yet and not _numbered(line.key):
            items.extend(_unglue(line))
            continue
        numbered_yet = True
        items.extend(_split_items(line))
    items = _arabic_sections(items)
    first_item = next((k for k, i in enumerate(items) if isinstance(i, TableTask) or _numbered(i.key)), len(items))
    before = [i for i in items[:first_item] if isinstance(i, Line)]
    notice_title = None
    for line in before:
        m = _NOTICE_TITLE.match(line.key) or _NOTICE_TITLE_BARE.match(line.key)
        if m:
            notice_title = line.text[m.start(1) : m.end(1)].strip()
            break
    candidates = [k for k, line in enumerate(before) if _is_title(line.key)]
    exact = [k for k in candidates if notice_title and before[k].key == tx.ascii_forms(notice_title)]
    title_index = exact[0] if exact else (candidates[0] if candidates else None)
    if title_index is not None:
        plan.title = before[title_index].text
        if title_index + 1 < len(before) and _TITLE_YEARS.match(before[title_index + 1].key):
            plan.title += before.pop(title_index + 1).text
    else:
        plan.title = notice_title or meta_title
    head = before[: title_index if title_index is not None else 0]
    body_start = (title_index + 1) if title_index is not None else 0
    _read_head(plan, head)
    plan.preamble = [line.text for line in before[body_start:]]
    _read_body(plan, items[first_item:])
    if plan.year is None and plan.title:
        m = re.search(r"(\d{4})\s*(?:年|年度)", plan.title)
        if m:
            plan.year = int(m.group(1))
    if plan.year is None:
        plan.year = publish_year
    if plan.doc_number is None:
        plan.doc_number = meta_number
    return plan


def _arabic_sections(items: list[Line | TableTask]) -> list[Line | TableTask]:
    """1、基本情况 / 2、开展工作情况 / (一)… / (二)… / 1、…: in a text with no 一、 headings, short
    1、 lines whose run leads into (一) sub-sections are the sections, written as 一、."""
    lines = [i for i in items if isinstance(i, Line)]
    if any(_SECTION.match(i.key) for i in lines) or not any(_SUBSECTION.match(i.key) for i in lines):
        return items
    numbered = [i for i in lines if _numbered(i.key)]
    outer: set[int] = set()
    run: list[Line] = []  # the 1、 2、 … lines since the last sub-section
    run_no = 0  # the number of run[-1]
    for k, line in enumerate(numbered):
        m = _TASK.match(line.key)
        if m and _heading_like(m.group(2)) and (not run or int(m.group(1)) == run_no + 1):
            run.append(line)
            run_no = int(m.group(1))
            continue
        if (
            m is None
            and _SUBSECTION.match(line.key)
            and run
            and k
            and numbered[k - 1] is run[-1]
            and (outer or not any(_SUBSECTION.match(x.key) for x in numbered[: numbered.index(run[0])]))
        ):
            # (the first run must open the text: 1、2、 under (二)基本原则 before (三) are items)
            outer.update(id(x) for x in run)
        run = [line] if m and int(m.group(1)) == 1 and _heading_like(m.group(2)) else []
        run_no = 1
    if not outer:
        return items
    out: list[Line | TableTask] = []
    for item in items:
        if isinstance(item, Line) and id(item) in outer:
            m = _TASK.match(item.key)
            assert m is not None  # every line of a run matched _TASK
            number = int(m.group(1))
            label = _CN[number - 1] if number <= 10 else f"十{_CN[number - 11]}" if number < 20 else m.group(1)
            item = make_line(item.n, label + "\u3001" + item.text[m.start(2) :])
        out.append(item)
    return out


def _heading_like(key: str) -> bool:
    """A heading's words: short, no sentence inside (基本情况, 开展工作情况)."""
    return len(key) <= 16 and not re.search(r"[。,;:]", key.rstrip("。"))


def _is_title(key: str) -> bool:
    # 关于全面推行河长制的实施意见 is a title; 关于印发《…》的通知 is the cover notice's.
    return (
        len(key) <= 60
        and bool(_TITLE_END.search(key))
        and not key.startswith("(")
        and not re.match(r"^关于(印发|转发|下发)", key)
        and not key.endswith("通知")
        and "《" not in key
        and not re.search(r"[,。;:]", key)
        and not _numbered(key)
    )


def _read_head(plan: ParsedPlan, head: list[Line]) -> None:
    """The cover notice: its document number, signature (issuer) and date."""
    for i, line in enumerate(head):
        plan.notice.append(line.text)
        m = _DOC_NUMBER.search(line.key)
        if m and len(line.key) <= 30 and plan.doc_number is None:
            plan.doc_number = re.sub(r"\s+", "", line.text[m.start(1) : m.end(1)])
        # The signature's date, alone or after (此件发至乡) on the same line.
        dated = _DATE_END.search(line.key.replace(" ", ""))
        if dated and (_DATE_LINE.match(line.key.replace(" ", "")) or line.key.startswith("(")):
            if plan.year is None:
                plan.year = int(dated.group(1))
            if plan.issuer is None:
                # Joint issuers sign one under the other (市委办公室 / 市人民政府办公室).
                signers: list[str] = []
                for prev in reversed(head[:i]):
                    if len(prev.key) > 25 or not _ISSUER_END.search(prev.key):
                        break
                    signers.insert(0, prev.text)
                if signers:
                    plan.issuer = "\u3001".join(signers[-3:])


def _read_body(plan: ParsedPlan, body: list[Line | TableTask]) -> None:
    keys = [i.key for i in body if isinstance(i, Line)]
    has_decimal = any(_DECIMAL.match(k) for k in keys)
    has_sections = any(_SECTION.match(k) for k in keys)
    if has_decimal:
        kind = "decimal"  # 1.1 tasks; 1. / 1 headings; 1.1.1 sub-items
    elif any(_TASK.match(k) for k in keys) or any(isinstance(i, TableTask) for i in body):
        kind = "task"
    elif any(_PAREN.match(k) for k in keys):
        kind = "paren"  # (1)(2) are the tasks
    else:
        kind = None
    section: ParsedSection | None = None
    sub: ParsedSection | None = None
    task: ParsedTask | None = None
    subs_on_top = False  # (一) headings with no 一、 above them
    table_section: ParsedSection | None = None
    counter = 0

    def default_section(n: int) -> ParsedSection:
        nonlocal section
        if section is None:
            section = ParsedSection(msg.PLAN_DEFAULT_SECTION, n)
            plan.sections.append(section)
            plan.default_section = True
        return section

    def new_task(seq: int | None, text: str, n: int) -> ParsedTask:
        nonlocal counter, task
        counter += 1
        task = ParsedTask(seq if seq is not None else counter, text, line=n)
        (sub or default_section(n)).tasks.append(task)
        return task

    def paragraph(line: Line) -> None:
        if task is not None and _UNIT_LINE.match(line.key):
            task.labelled.append(line.text)  # 责任单位:市水利局 on a line of its own
        elif task is not None and _continues(line.key):
            task.text += "\n" + line.text
        else:
            heading = sub or section
            note = f"第 {line.n} 行\uff1a{tx.clip(line.text, 40)}"
            if task is None and heading is not None and not heading.tasks and not heading.children:
                heading.body.append(line.text)
                heading.body_notes.append(note)
            plan.ignored.append(note)

    for item in body:
        if isinstance(item, TableTask):
            parent = sub or section
            if item.section and (table_section is None or table_section.title != item.section):
                table_section = ParsedSection(item.section)
                (parent.children if parent is not None else plan.sections).append(table_section)
            target = table_section or parent or default_section(0)
            counter += 1
            t = ParsedTask(
                item.seq or counter,
                item.text,
                item.lead_units,
                item.coop_units,
                item.implementers,
                line=item.line,
                from_table=True,
                deadline=_deadline_date(item.deadline),
            )
            target.tasks.append(t)
            task = None
            continue
        line, key = item, item.key
        m = _SECTION.match(key)
        if m:
            title, rest = _heading(line, m)
            section = ParsedSection(title, line.n, full_text=line.cut(m.start(2)).text)
            plan.sections.append(section)
            sub = task = table_section = None
            subs_on_top = False
            if rest is not None:
                heading_of_rest = sub or section
                paragraph(rest)
                heading_of_rest.inline = bool(heading_of_rest.body)
            continue
        m = _SUBSECTION.match(key)
        if m:
            title, rest = _heading(line, m)
            heading = ParsedSection(title, line.n, full_text=line.cut(m.start(2)).text)
            if section is None or subs_on_top:
                subs_on_top = True
                section, sub = heading, None
                plan.sections.append(heading)
            else:
                sub = heading
                section.children.append(heading)
            task = table_section = None
            if rest is not None:
                heading_of_rest = sub or section
                paragraph(rest)
                heading_of_rest.inline = bool(heading_of_rest.body)
            continue
        if kind == "decimal":
            m = _DECIMAL.match(key)
            if m and m.group(3) is None:
                new_task(None, line.cut(m.start(4)).text, line.n)
                continue
            if m is None and (m := _TASK.match(key) or re.match(rf"^(\d{{1,2}})\s+([{_CJK}].*)$", key)):
                heading = ParsedSection(line.cut(m.start(2)).text, line.n)
                if has_sections and section is not None:
                    sub = heading
                    section.children.append(heading)
                else:
                    section, sub = heading, None
                    plan.sections.append(heading)
                task = None
                continue
        numbering = {"task": _TASK, "paren": _PAREN}.get(kind or "")
        if numbering is not None and (m := numbering.match(key)):
            new_task(int(m.group(1)), line.cut(m.start(2)).text, line.n)
            continue
        paragraph(line)
    if not plan.tasks and plan.sections and not any(s.children for s in plan.sections):
        # 一、… 二、… with nothing numbered under them: the items are the tasks.
        items = ParsedSection(msg.PLAN_DEFAULT_SECTION, plan.sections[0].line)
        for i, s in enumerate(plan.sections, 1):
            items.tasks.append(ParsedTask(i, s.full_text or s.title, line=s.line))
        plan.sections = [items]
        plan.default_section = True
    _headings_as_tasks(plan)
    for t in plan.tasks:
        if t.from_table:
            continue
        u = task_units(t.text)
        if not u.found and t.labelled:
            # 责任单位:… / 配合单位:… lines, kept as written in one parenthesis (the form
            # the document re-issues and reads back), in the width they were written.
            full = any("\uff1a" in line for line in t.labelled)
            sep, lp, rp = ("\uff1b", "\uff08", "\uff09") if full else (";", "(", ")")
            joined = sep.join(t.labelled)
            labelled = _classify(joined, tx.ascii_forms(joined))
            if labelled is not None:
                u.lead, u.coop, u.impl, u.deadline = labelled
                u.written = f"{lp}{joined}{rp}"
        t.text, t.lead_units, t.coop_units, t.implementers = u.text, u.lead, u.coop, u.impl
        t.units_text, t.deadline = u.written, u.deadline


_UNIT_LINE = re.compile(
    r"^(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|参与单位|落实单位|实施单位|责任主体|"
    r"完成时限|时限要求|完成时间)\s*:"
)


def _is_sentence(text: str) -> bool:
    """A heading line that says what to do: 2023年重点任务:完成普查;开展整治;建成中心。"""
    key = tx.ascii_forms(text)
    return len(key) > 20 and bool(re.search(r"[。;:,]", key))


def _headings_as_tasks(plan: ParsedPlan) -> None:
    """(一)加强水资源保护。落实……(市水利局牵头,……) — sub-sections naming the units that
    carry them out, with nothing numbered under them, are the section's tasks (as the 主要
    任务 of most city plans are written)."""

    def text_of(s: ParsedSection) -> str:
        return "\n".join([s.full_text or s.title, *s.body[1 if s.inline else 0 :]])

    # With nothing numbered anywhere, (一)健全责任体系。建立…… items are the tasks even
    # when they name no units (a township's own 实施方案).
    no_tasks = not plan.tasks
    for parent in plan.sections:
        kids = parent.children
        if not kids or parent.tasks or any(k.tasks or k.children for k in kids):
            continue
        if no_tasks:
            if not any(k.body or _is_sentence(k.full_text) for k in kids):
                continue
        elif not any(task_units(text_of(k)).found for k in kids):
            continue
        for k in kids:
            parent.tasks.append(ParsedTask(0, text_of(k), line=k.line))
            plan.ignored[:] = [i for i in plan.ignored if i not in k.body_notes]
        parent.children = []
    for n, t in enumerate(plan.tasks, 1):
        if t.seq == 0:
            t.seq = n


def _continues(key: str) -> bool:
    """Whether a paragraph after a task belongs to it: a sub-item, or a full sentence
    that is not a signature or date."""
    if _SUBITEM.match(key) or _DECIMAL.match(key):
        return True
    if _DATE_LINE.match(key.replace(" ", "")) or key.startswith(("附件", "抄送", "特此通知")):
        return False
    return len(key) >= 12 and bool(_SENTENCE_END.search(key))
