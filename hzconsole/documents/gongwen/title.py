"""Breaking a long 标题 into lines (GB/T 9704 7.3.1): "回行时,要做到词意完整,排列对称,
长短适宜,间距恰当,标题排列应当使用梯形或菱形".

Lines may only break between words (jieba's segmentation plus our own domain words and the
names the caller passes), never between a number and its unit, and never so that a line
starts with closing punctuation or ends with opening punctuation. Where they break is
chosen as a typesetter would: after 关于, 和, 的 freely; inside a noun phrase (入河|排污口,
黑臭|水体: jieba's parts of speech say so) only when nothing else fits; next to a lone
character or before 的 hardly ever. Among the breakings that fit, the cheapest wins: the
most balanced, preferring a trapezoid (上短下长) or a diamond (middle longest), never an
hourglass.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from hzconsole.cells import NO_LINE_END, NO_LINE_START
from hzconsole.documents.gongwen.measure import width_em
from hzconsole.documents.gongwen.punct import fullwidth

if TYPE_CHECKING:  # jieba is imported when a title is first broken (start-up time)
    import jieba

# Words of this trade that a general dictionary would cut (河长|制, 公示|牌 …).
DOMAIN_WORDS = (
    "河长制",
    "湖长制",
    "河湖长制",
    "河长办",
    "河长制办公室",
    "河湖长制办公室",
    "总河长",
    "副总河长",
    "河长",
    "湖长",
    "民间河长",
    "河长助理",
    "巡河员",
    "保洁员",
    "巡河",
    "巡湖",
    "公示牌",
    "河长公示牌",
    "清四乱",
    "交办单",
    "督办单",
    "工作要点",
    "工作计划",
    "实施方案",
    "工作总结",
    "情况通报",
    "人事调整",
    "问题整改",
    "河湖名录",
    "一河一策",
    "一单四制",
    "河湖",
    "上半年",
    "下半年",
    "全年",
    "全镇",
    "全乡",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    "镇属",
    "各村",
    "村(社区)",
    "印发",
    "通报",
    "公告",
    "通知",
    "调整",
    "关于",
    "入河排污口",
    "排污口",
    "黑臭水体",
    "水域岸线",
    "河道采砂",
    "生态流量",
    "河湖长",
    "水生态",
    "水环境",
    "水资源",
    "水污染防治",
    "河道保洁",
    "河湖管理保护",
)
# A number stays with its unit (2024年, 10月, 3号, 第一季度 …).
_NUMBER_UNIT = re.compile(r"^(第?[0-9〇零一二三四五六七八九十百]+)$")
_UNITS = ("年", "月", "日", "号", "季度", "条", "个", "项", "次", "批", "期", "号文")
# 2024年|10月|17日 read as one date; 化/性 suffixes stay with their stem (常态|化).
_DATE_PART = re.compile(r"[0-9〇零一二三四五六七八九十][年月]$")
_SUFFIXES = ("化", "性", "率")


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word in DOMAIN_WORDS:
        tok.add_word(fullwidth(word), freq=200000)
    return tok


def segment(text: str, keep_words: Iterable[str] = ()) -> list[str]:
    """Unbreakable pieces of `text`: words, with punctuation glued to its neighbour."""
    return [w for w, _bond in tagged(text, keep_words)]


# Parts of speech (jieba's tags) that make noun phrases: a break between two of them cuts a
# compound (入河|排污口, 黑臭|水体, 水域|岸线), which 词意完整 forbids where anything else fits.
_NOMINAL = frozenset(("n", "nz", "ns", "nt", "nr", "s", "a", "an", "b", "x", "j", "l", "ng", "f", "vn"))
_HEADS = frozenset(("n", "nz", "ns", "nt", "s", "x", "j", "ng", "vn", "l"))
# After these a line may end freely: 关于|, 和|, 的|, 及|.
_FREE_AFTER = frozenset(("p", "c", "uj", "ul", "u", "ud", "uz", "ug"))


def _bond(left: str, left_tag: str, right: str, right_tag: str) -> float:
    """How much a line break between two words costs (0: a natural place)."""
    if right_tag in ("uj", "ul", "u") or right in ("的", "之"):
        return 100.0  # never start a line with 的
    if left_tag in _FREE_AFTER:
        return 0.0
    if len(left) == 1 or len(right) == 1:
        return 60.0  # a character standing alone is a word cut in two (水|生态, 青石|镇)
    if left_tag in _NOMINAL and right_tag in _HEADS:
        return 30.0  # inside a noun phrase
    return 8.0


def tagged(text: str, keep_words: Iterable[str] = ()) -> list[tuple[str, float]]:
    """The unbreakable pieces of `text` with the cost of a line break before each (the
    first's is 0): jieba's words and parts of speech, our domain words and the caller's
    names (kept whole), numbers glued to their units and punctuation to its neighbour."""
    import jieba.posseg

    keep = sorted({w for w in keep_words if w and len(w) > 1 and w in text}, key=len, reverse=True)
    # Protected names are cut out first so the segmenter never sees inside them.
    pieces: list[str] = [text]
    for word in keep:
        split: list[str] = []
        for piece in pieces:
            if piece in keep:
                split.append(piece)
                continue
            parts = piece.split(word)
            for i, part in enumerate(parts):
                if i:
                    split.append(word)
                if part:
                    split.append(part)
        pieces = split
    tok = jieba.posseg.POSTokenizer(_tokenizer())
    words: list[tuple[str, str]] = []
    for piece in pieces:
        words.extend([(piece, "ns")] if piece in keep else [(w, f) for w, f in tok.cut(piece) if w])
    # Glue: numbers to their units, opening punctuation forward, closing punctuation back.
    # Each piece: [text, tag of its first word, tag of its last word].
    out: list[list[str]] = []
    pending: list[str] | None = None
    for w, tag in words:
        item = [w, tag, tag]
        if pending is not None:
            item = [pending[0] + w, pending[1], tag]
            pending = None
        w = item[0]
        if out and (
            w[0] in NO_LINE_START
            or w in _SUFFIXES
            or (w.startswith(_UNITS) and (_NUMBER_UNIT.match(out[-1][0]) or out[-1][0][-1].isdigit()))
            or (w[0].isdigit() and _DATE_PART.search(out[-1][0]))
        ):
            out[-1] = [out[-1][0] + w, out[-1][1], item[2]]
        elif w[-1] in NO_LINE_END:
            pending = item
        else:
            out.append(item)
    if pending is not None:
        if out:
            out[-1] = [out[-1][0] + pending[0], out[-1][1], pending[2]]
        else:
            out.append(pending)
    return [
        (w, 0.0 if i == 0 else _bond(out[i - 1][0], out[i - 1][2], w, first)) for i, (w, first, _last) in enumerate(out)
    ]


def _cost(widths: list[float]) -> float:
    mean = sum(widths) / len(widths)
    cost = sum((w - mean) ** 2 for w in widths)
    for i in range(1, len(widths) - 1):
        if widths[i] < widths[i - 1] and widths[i] < widths[i + 1]:
            cost += 100  # hourglass: neither trapezoid nor diamond
    if widths[0] > widths[-1]:
        cost += 2 + (widths[0] - widths[-1])  # inverted trapezoid: allowed, less liked
    return cost


def break_title(title: str, max_em: float = 20, keep_words: Iterable[str] = ()) -> list[str]:
    """The lines of `title`, each at most `max_em` wide, in a balanced shape."""
    title = title.strip()
    if width_em(title) <= max_em:
        return [title]
    pieces = tagged(title, keep_words)
    tokens = [w for w, _ in pieces]
    bonds = [b for _, b in pieces]
    widths = [width_em(t) for t in tokens]
    total = sum(widths)
    lines = max(2, math.ceil(total / max_em))
    while lines <= len(tokens):
        best: tuple[float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(range(1, len(tokens)), lines - 1):
            bounds = (0, *cuts, len(tokens))
            line_widths = [sum(widths[a:b]) for a, b in itertools.pairwise(bounds)]
            if max(line_widths) > max_em:
                continue
            cost = _cost(line_widths) + sum(bonds[c] for c in cuts)
            if best is None or cost < best[0]:
                best = (cost, bounds)
        if best is not None:
            return ["".join(tokens[a:b]) for a, b in itertools.pairwise(best[1])]
        lines += 1
    return tokens  # a single word wider than a line: nothing better is possible
