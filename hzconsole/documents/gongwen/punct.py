"""Chinese punctuation for documents: what the clerk (or an import, or a template) typed
with half-width , : ; ( ) ! ? becomes the full-width forms a 公文 uses — in Chinese prose
only.

A mark is Chinese when Chinese text stands next to it (a comma after 河长, a colon before
请); brackets when what they hold is Chinese (各村(社区)) or a heading number typed in
Chinese text without Latin letters ((1) at the start of a line, a phone after a name).
Everything else is left as typed: addresses (https://…, www.…, e-mail), Latin abbreviations ((RCS), (GIS)), digits'
own punctuation (1,000, 08:30, 1.5), Latin text between Latin words.
"""

from __future__ import annotations

import re

FW_COMMA, FW_COLON, FW_SEMI = "\uff0c", "\uff1a", "\uff1b"
FW_LPAREN, FW_RPAREN = "\uff08", "\uff09"
FW_EXCL, FW_QUEST = "\uff01", "\uff1f"

_FULL = {",": FW_COMMA, ":": FW_COLON, ";": FW_SEMI, "!": FW_EXCL, "?": FW_QUEST}
# Addresses and the like: never touched.
# An address ends before Chinese text, a space, or closing punctuation (as linkifiers do).
_ADDR = r"[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\"]*[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\",.;:!?)]"
_VERBATIM = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.\-]*://{_ADDR}|www\.{_ADDR}|[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{{2,}}"
)
_PAREN = re.compile(r"\(([^()]*)\)")
_MARKS = re.compile(r'[,:;()!?"]')


def is_chinese(ch: str) -> bool:
    """A CJK ideograph, or full-width / CJK punctuation (Chinese text around a mark)."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or ch in "\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
    )


def _has_chinese(text: str) -> bool:
    return any(is_chinese(c) for c in text)


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character to `i` in direction `step`, skipping spaces ('' at an end)."""
    i += step
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _fold_prose(text: str) -> str:
    """One stretch of text without addresses."""

    # Brackets, innermost pairs first: Chinese content, or no Latin letters in Chinese text.
    def paren(m: re.Match[str]) -> str:
        inner, before = m.group(1), _neighbour(text, m.start(), -1)
        chinese_context = before == "" or is_chinese(before)
        latin = any(c.isascii() and c.isalpha() for c in inner)
        if _has_chinese(inner) or (inner and not latin and chinese_context):
            return FW_LPAREN + inner + FW_RPAREN
        return m.group(0)

    # Quotes first: a closing ” then counts as Chinese for the mark after it.
    if '"' in text:
        parts = text.split('"')
        if len(parts) % 2 == 1 and any(_has_chinese(p) for p in parts[1::2]):
            text = parts[0] + "".join(("\u201c" if i % 2 else "\u201d") + p for i, p in enumerate(parts[1:], 1))
    previous = None
    while previous != text:
        previous, text = text, _PAREN.sub(paren, text)
    out = []
    for i, ch in enumerate(text):
        if ch in _FULL:
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            if ch in ",:" and before.isdigit() and after.isdigit():
                out.append(ch)  # 1,000 and 08:30
            elif is_chinese(before) or is_chinese(after):
                out.append(_FULL[ch])
            else:
                out.append(ch)
        else:
            out.append(ch)
    return "".join(out)


def fullwidth(text: str) -> str:
    """Half-width punctuation in Chinese prose to full width; straight double quotes around
    Chinese to “ ”; addresses, Latin text and digits' punctuation kept as typed."""
    if not text or not _MARKS.search(text):
        return text
    pieces, at = [], 0
    for m in _VERBATIM.finditer(text):
        pieces.append(_fold_prose(text[at : m.start()]) if at < m.start() else "")
        pieces.append(m.group(0))
        at = m.end()
    pieces.append(_fold_prose(text[at:]))
    return "".join(pieces)
