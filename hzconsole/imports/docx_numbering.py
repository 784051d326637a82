"""The labels of Word/WPS automatic numbering ("1." "一、" "(一)" "①" "1.1"), which live in
numbering.xml and not in a paragraph's text.

A paragraph is numbered by its own w:numPr or by its style's (List Number, 标题 2 …,
following w:basedOn). w:num points to an abstract numbering whose levels give the start
value, the format (decimal, chineseCounting, decimalEnclosedCircle …) and the text
("%1." "(%1)" "%1.%2"). Counting is per level of the abstract numbering, as Word counts
(ECMA-376 17.9): numIds sharing one abstract continue each other's sequence (WPS splits
a list between a paragraph's own numPr and its style's), and a numId that overrides a
level's start (w:startOverride, "restart at 1") restarts it where it first appears. A
level restarts when a higher level moves on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 105 → 一百零五."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if not rest:
        return _CN_DIGITS[hundreds] + "百"
    return _CN_DIGITS[hundreds] + "百" + ("零" + _CN_DIGITS[rest] if rest < 10 else chinese_counting(rest))


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's w:numFmt formats."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "chineseLegalSimplified",
        "ideographDigital",
        "taiwaneseCountingThousand",
    ):
        return chinese_counting(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("ideographZodiac",) and 1 <= n <= 12:
        return _ZODIAC[n - 1]
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, decimalFullWidth, decimalHalfWidth and the rest


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False  # w:isLgl: every %n in decimal


def _val(el: Any, tag: str) -> str | None:
    found = el.find(qn(tag)) if el is not None else None
    return found.get(qn("w:val")) if found is not None else None


class Numbering:
    """The label of each numbered paragraph of a document, in document order."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # abstractNumId → ilvl → level
        self.nums: dict[str, str] = {}  # numId → abstractNumId
        self.starts: dict[tuple[str, int], int] = {}  # (numId, ilvl) → startOverride
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → numId, ilvl, basedOn
        self.counters: dict[str, list[int | None]] = {}  # abstractNumId → count per level
        self.seen: set[tuple[str, int]] = set()  # (numId, ilvl) already used
        self.alias: dict[str, str] = {}  # abstractNumId → the one whose numbering it links to
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        links: dict[str, str] = {}  # abstractNumId → style it takes its numbering from
        if root is not None:
            for abstract in root.findall(qn("w:abstractNum")):
                aid = abstract.get(qn("w:abstractNumId"))
                levels = {}
                for lvl in abstract.findall(qn("w:lvl")):
                    levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                        start=int(_val(lvl, "w:start") or 1),
                        fmt=_val(lvl, "w:numFmt") or "decimal",
                        text=_val(lvl, "w:lvlText") or "",
                        legal=lvl.find(qn("w:isLgl")) is not None,
                    )
                self.levels[aid] = levels
                if (link := _val(abstract, "w:numStyleLink")) is not None:
                    links[aid] = link
            for num in root.findall(qn("w:num")):
                nid = num.get(qn("w:numId"))
                self.nums[nid] = _val(num, "w:abstractNumId") or ""
                for override in num.findall(qn("w:lvlOverride")):
                    start = _val(override, "w:startOverride")
                    if start is not None:
                        self.starts[(nid, int(override.get(qn("w:ilvl"), "0")))] = int(start)
        for style in document.styles.element.findall(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            self.styles[style.get(qn("w:styleId"))] = (
                _val(numpr, "w:numId"),
                _val(numpr, "w:ilvl"),
                _val(style, "w:basedOn"),
            )
        for aid, style_id in links.items():  # a list style: the numbering is the style's num's
            nid = self.styles.get(style_id, (None, None, None))[0]
            if nid and self.nums.get(nid) in self.levels:
                self.levels[aid] = self.levels[self.nums[nid]]
                self.alias[aid] = self.nums[nid]

    def _num_pr(self, p: Any) -> tuple[str | None, int]:
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        nid, ilvl = _val(numpr, "w:numId"), _val(numpr, "w:ilvl")
        style = _val(ppr, "w:pStyle")
        seen: set[str] = set()
        while (nid is None or ilvl is None) and style and style not in seen:
            seen.add(style)
            s_nid, s_ilvl, based = self.styles.get(style, (None, None, None))
            nid = nid if nid is not None else s_nid
            ilvl = ilvl if ilvl is not None else s_ilvl
            style = based
        return nid, int(ilvl or 0)

    def label(self, p: Any) -> str:
        """The number Word shows before paragraph `p` ("" when it has none), with a
        separator when the number text has none ("1" → "1.")."""
        nid, ilvl = self._num_pr(p)
        if not nid or nid == "0" or nid not in self.nums:
            return ""
        aid = self.nums[nid]
        levels = self.levels.get(aid, {})
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none") or not level.text:
            return ""
        counts = self.counters.setdefault(self.alias.get(aid, aid), [None] * 9)

        def start(i: int) -> int:
            return self.starts.get((nid, i), levels[i].start if i in levels else 1)

        first_use = (nid, ilvl) not in self.seen
        self.seen.add((nid, ilvl))
        if counts[ilvl] is None or (first_use and (nid, ilvl) in self.starts):
            counts[ilvl] = start(ilvl)
        else:
            counts[ilvl] += 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        text = level.text
        for i in range(ilvl, -1, -1):
            value = counts[i] if counts[i] is not None else start(i)
            fmt = "decimal" if level.legal and i < ilvl else levels.get(i, _Level()).fmt
            text = text.replace(f"%{i + 1}", format_number(int(value), fmt))  # type: ignore[arg-type]
        text = text.strip()
        if re.fullmatch(r"[0-9]+", text):  # "%1" alone: 1 → 1.
            text += "."
        elif re.search(r"[0-9]$", text):  # 1.1 → "1.1 ", as Word's tab after it
            text += " "
        elif text and text[-1] in "一二三四五六七八九十百零":
            text += "\u3001"
        return text
