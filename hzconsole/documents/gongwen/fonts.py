"""Font profiles and the run-level font properties GB/T 9704 documents need.

Word and WPS pick the font of a CJK character from `w:eastAsia`, not from `w:ascii`
(which python-docx's `run.font.name` sets), and a theme attribute (`w:eastAsiaTheme` …)
beats an explicit name. So every style and every run we write carries all four names
explicitly, `w:hint="eastAsia"` (so quotes, dashes and ellipses shared by both scripts take
the Chinese font) and `w:lang w:eastAsia="zh-CN"`; theme attributes are removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from hzconsole.documents.gongwen.ooxml import RPR_ORDER, ensure

LATIN_FONT = "Times New Roman"
PAGE_NUMBER_FONT = "宋体"  # GB/T 9704 7.5: 4号半角宋体阿拉伯数字

# Font sizes in points (GB/T 9704 names them by 号).
ERHAO = 22.0  # 二号
SANHAO = 16.0  # 三号
SIHAO = 14.0  # 四号
XIAOSI = 12.0  # 小四


@dataclass(frozen=True)
class FontProfile:
    """The four typefaces of a document. `title_bold` fakes 小标宋's weight with a bold 宋体
    where 方正小标宋简体 is not installed (regular 宋体 at 二号 looks thin and unofficial)."""

    key: str
    label: str
    body: str  # 仿宋: body text, (1.) and ((1)) headings, 版记, 发文字号
    kai: str  # 楷体: (一) headings
    hei: str  # 黑体: 一、 headings, 附件 labels, table headers
    title: str  # 小标宋: 标题, 发文机关标志
    title_bold: bool = False


PROFILES: dict[str, FontProfile] = {
    "gb2312": FontProfile(
        "gb2312",
        "GB2312 字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）",
        body="仿宋_GB2312",
        kai="楷体_GB2312",
        hei="黑体",
        title="方正小标宋简体",
    ),
    "windows": FontProfile(
        "windows",
        "Windows 自带字体（仿宋、楷体、宋体、黑体）",
        body="仿宋",
        kai="楷体",
        hei="黑体",
        title="宋体",
        title_bold=True,
    ),
}

# What Word/WPS should substitute when a GB2312-era font is missing on the PC: fontTable
# entries with w:altName, GB2312 charset (86) and the family class.
FONT_TABLE: dict[str, tuple[str | None, str, str]] = {
    "仿宋_GB2312": ("仿宋", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "modern", "fixed"),
    "方正小标宋简体": ("宋体", "script", "fixed"),
    "仿宋": (None, "modern", "fixed"),
    "楷体": (None, "modern", "fixed"),
    "黑体": (None, "modern", "fixed"),
    "宋体": (None, "auto", "variable"),
}

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def profile(key: str | None) -> FontProfile:
    return PROFILES.get(key or "gb2312", PROFILES["gb2312"])


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Explicit names for every script on an `w:rPr`, theme attributes removed."""
    fonts = ensure(rpr, "rFonts", RPR_ORDER)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attr}"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr: BaseOxmlElement) -> None:
    ensure(rpr, "lang", RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def set_size(rpr: BaseOxmlElement, points: float) -> None:
    half = round(points * 2)
    ensure(rpr, "sz", RPR_ORDER, val=half)
    ensure(rpr, "szCs", RPR_ORDER, val=half)


def strip_theme_fonts(root: BaseOxmlElement) -> None:
    """Remove every theme font attribute below `root` (a styles part, say)."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
