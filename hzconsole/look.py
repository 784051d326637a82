"""The console's look on this PC: full (Unicode) or ASCII, for consoles that draw
"ambiguous width" characters two cells wide.

Chinese Windows' old console (conhost, code page 936) draws box drawing, blocks, arrows,
“ ” … ● and the like (unicodedata.east_asian_width == 'A') two cells wide, while the
console lays them out as one, so every line holding one shifts. The ASCII look draws each
of them as one plain character. It is chosen automatically on Windows outside Windows
Terminal (which sets WT_SESSION); `hzconsole --ascii` forces it for one run, and
`hzconsole look ascii|full|auto` keeps a choice on this PC (data_dir()/look.json: the look
belongs to the PC's console, not to the data file carried between PCs)."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Mapping

from hzconsole.store.paths import data_dir

AUTO, ASCII, FULL = "auto", "ascii", "full"
CHOICES = (AUTO, ASCII, FULL)
_FILE = "look.json"

# One plain character for each ambiguous one the console or its data is likely to show:
# one cell for one cell, so nothing else on the line moves. (Code points, not characters:
# an editor may fold them.) Others: their ASCII decomposition (ā -> a), else "?".
_TABLE = {
    # box drawing, light and heavy
    0x2500: "-",
    0x2501: "-",
    0x2502: "|",
    0x2503: "|",
    0x2504: "-",
    0x2505: "-",
    0x2506: "|",
    0x2507: "|",
    0x2508: "-",
    0x2509: "-",
    0x250A: "|",
    0x250B: "|",
    0x2550: "=",
    0x2551: "|",
    0x2574: "-",
    0x2575: "|",
    0x2576: "-",
    0x2577: "|",
    0x2578: "-",
    0x2579: "|",
    0x257A: "-",
    0x257B: "|",
    0x257C: "-",
    0x257D: "|",
    0x257E: "-",
    0x257F: "|",
    # blocks and shades (half blocks drawn by Textual's borders and scroll bars)
    0x2580: "-",
    0x2581: "_",
    0x2582: "_",
    0x2583: "_",
    0x2584: "_",
    0x2585: "#",
    0x2586: "#",
    0x2587: "#",
    0x2588: "#",
    0x2589: "#",
    0x258A: "#",
    0x258B: "#",
    0x258C: "|",
    0x258D: "|",
    0x258E: "|",
    0x258F: "|",
    0x2590: "|",
    0x2591: ":",
    0x2592: "#",
    0x2593: "#",
    0x2594: "-",
    0x2595: "|",
    # arrows and triangles
    0x2190: "<",
    0x2191: "^",
    0x2192: ">",
    0x2193: "v",
    0x2194: "-",
    0x2195: "|",
    0x21D2: ">",
    0x21D4: "=",
    0x25B2: "^",
    0x25B3: "^",
    0x25B6: ">",
    0x25B7: ">",
    0x25BC: "v",
    0x25BD: "v",
    0x25C0: "<",
    0x25C1: "<",
    # marks
    0x25CF: "*",
    0x25CB: "o",
    0x25CE: "o",
    0x25C6: "*",
    0x25C7: "o",
    0x25A0: "#",
    0x25A1: "#",
    0x2605: "*",
    0x2606: "*",
    0x203B: "*",
    0x2022: "*",
    0x00B7: ".",
    0x2027: ".",
    0x221A: "v",
    0x00D7: "x",
    0x00F7: "/",
    0x00B1: "+",
    0x00B0: "o",
    0x2103: "C",
    0x2030: "%",
    0x00A7: "S",
    # punctuation of Chinese text typed on a PC ("smart" quotes, dashes, ellipsis)
    0x201C: '"',
    0x201D: '"',
    0x2018: "'",
    0x2019: "'",
    0x2026: ".",
    0x2025: ".",
    0x2014: "-",
    0x2013: "-",
    0x2015: "-",
    0x2016: "|",
    0x2032: "'",
    0x2033: '"',
    0x00A8: '"',
    # maths
    0x2264: "<",
    0x2265: ">",
    0x2260: "#",
    0x2248: "~",
    0x221E: "~",
    0x2211: "E",
    0x2212: "-",
    0x2215: "/",
    0x2236: ":",
    0x223C: "~",
}


def is_ambiguous(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) == "A"


def _replacement(ch: str) -> str:
    """One narrow character for an ambiguous one (unchanged for every other character)."""
    if not is_ambiguous(ch):
        return ch
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ""  # zero width (combining marks, variation selectors): drawn as nothing
    if ord(ch) in _TABLE:
        return _TABLE[ord(ch)]
    if 0x2500 <= ord(ch) <= 0x257F:  # box corners, tees and crosses
        return "+"
    if 0x2460 <= ord(ch) <= 0x24FF or 0x2776 <= ord(ch) <= 0x2793:  # ① ⑴ ⒈ ❶: circled numbers
        digits = "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isdigit())
        return digits if len(digits) == 1 else "#"
    plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if c.isascii() and c.isprintable())
    return plain if len(plain) == 1 else "?"


class _AsciiMap(dict):
    """str.translate table built as characters are met (the ambiguous set is large)."""

    def __missing__(self, code: int) -> str:
        value = _replacement(chr(code))
        self[code] = value
        return value


_ASCII_MAP = _AsciiMap()


def ascii_safe(text: str) -> str:
    """`text` with every ambiguous-width character replaced by one narrow character (zero
    width ones dropped), so its width in cells stays the same in every terminal."""
    if text.isascii():
        return text
    return text.translate(_ASCII_MAP)


def load_choice() -> str:
    """This PC's choice (auto when never set or unreadable)."""
    try:
        value = json.loads((data_dir() / _FILE).read_text("utf-8")).get("look", AUTO)
    except (OSError, ValueError, AttributeError):
        return AUTO
    return value if value in CHOICES else AUTO


def save_choice(choice: str) -> None:
    if choice not in CHOICES:
        raise ValueError(choice)
    target = data_dir() / _FILE
    tmp = target.with_name(f".look.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"look": choice}), "utf-8")
    os.replace(tmp, target)


def in_browser(environ: Mapping[str, str]) -> bool:
    """Run by textual-serve (`hzconsole serve`): the browser draws every character right."""
    return "web_driver" in environ.get("TEXTUAL_DRIVER", "")


def wants_ascii(choice: str = AUTO, *, environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether to draw the ASCII look: never in the browser (it draws every character
    right, whatever this PC's console needs); else as chosen, or, for `auto`, on Windows
    outside Windows Terminal."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if in_browser(environ):
        return False
    if choice != AUTO:
        return choice == ASCII
    return platform == "win32" and not environ.get("WT_SESSION")
