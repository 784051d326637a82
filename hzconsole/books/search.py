"""Find-as-you-type matching: the text the clerk types against a row's text fields, in
characters or in pinyin initials (zsz finds 张三柱, qshe finds 青石河 …).

Initials are computed for short name-like values only (names, rivers, units, places): they
repeat across rows and are cached, whereas free text (what a patrol saw) would cost seconds
per 100,000 rows and is matched by its characters.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from hzconsole import text as tx

# A record's search key joins its values with this, so a query never matches across two.
SEP = "\x1f"
# Heteronyms (曾 zeng/ceng, 长 chang/zhang) give several readings; cap the combinations so a
# long name cannot blow up.
_MAX_READINGS = 8


@lru_cache(maxsize=8192)
def _char_initials(ch: str) -> tuple[str, ...]:
    """The initials of every reading of one character, the commonest first."""
    from pypinyin import Style, pinyin  # heavy import, only when a search needs it

    readings = pinyin(ch, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    out: list[str] = []
    for r in readings[0] if readings else ():
        if r and r[0].lower() not in out:
            out.append(r[0].lower())
    return tuple(out) or ("",)


@lru_cache(maxsize=65536)
def initials(value: str) -> str:
    """The pinyin initials of the Chinese characters in `value`, every plausible reading
    separated by SEP, the usual one first: '张三柱' -> 'zsz', '曾长' -> 'zc\x1fzz\x1fcc\x1fcz'.

    Character by character (a few thousand distinct characters, each looked up once), so a
    book of 10,000 different names costs milliseconds. Characters that are not Chinese are
    dropped: 'QS-001号' gives 'h' (and 'x', 号 read hao or xia).
    """
    choices = [_char_initials(ch) for ch in value if "\u4e00" <= ch <= "\u9fff"]
    if not choices:
        return ""
    out: list[str] = []
    for combo in product(*choices):
        out.append("".join(combo))
        if len(out) >= _MAX_READINGS:
            break
    return SEP.join(out)


def normalise_query(query: str) -> list[str]:
    """What the clerk typed, as lower-case tokens (half-width, Simplified); every token
    must match for a row to be shown."""
    text = tx.to_simplified(tx.halfwidth(query)).lower()
    return [tok for tok in text.split() if tok]


def matches(key: str, tokens: list[str]) -> bool:
    return all(tok in key for tok in tokens)
