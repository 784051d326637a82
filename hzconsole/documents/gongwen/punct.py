"""Chinese punctuation for documents: what the clerk (or an import, or a template) typed
with half-width , : ; ( ) ! ? becomes the full-width forms a 公文 uses.

Digits keep their own punctuation: 1,000 and 08:30 stay as typed, and so does the
half-width full stop of "1." headings and decimals (GB/T 9704 7.3.3).
"""

from __future__ import annotations

import re

FW_COMMA, FW_COLON, FW_SEMI = "\uff0c", "\uff1a", "\uff1b"
FW_LPAREN, FW_RPAREN = "\uff08", "\uff09"
FW_EXCL, FW_QUEST = "\uff01", "\uff1f"

_BETWEEN_DIGITS = re.compile(r"(?<=\d)([,:])(?=\d)")
_SIMPLE = str.maketrans({",": FW_COMMA, ":": FW_COLON, ";": FW_SEMI, "(": FW_LPAREN,
                         ")": FW_RPAREN, "!": FW_EXCL, "?": FW_QUEST})
_PROTECT = {",": "\x00", ":": "\x01"}
_RESTORE = str.maketrans({"\x00": ",", "\x01": ":"})


def fullwidth(text: str) -> str:
    """Half-width Chinese-text punctuation to full width; straight double quotes to “ ”."""
    if not text:
        return text
    text = _BETWEEN_DIGITS.sub(lambda m: _PROTECT[m.group(1)], text)
    text = text.translate(_SIMPLE).translate(_RESTORE)
    if '"' in text:
        parts = text.split('"')
        text = parts[0] + "".join(("\u201c" if i % 2 else "\u201d") + p for i, p in enumerate(parts[1:], 1))
    return text
