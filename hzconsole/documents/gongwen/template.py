"""Our own empty .docx, the package every document starts from.

python-docx's default template betrays its origin where WPS and Word look first: settings
declaring Japanese (`themeFontLang eastAsia="ja-JP"`), a theme listing MS Mincho/MS Gothic,
Calibri and Cambria (WPS offers to download the "missing" fonts), `app.xml` saying
"Microsoft Macintosh Word", a blank JPEG thumbnail, stylesWithEffects and customXml parts
nobody uses, 276 latent styles. This package holds only what a GB/T 9704 document needs,
each part written here: a zh-CN theme naming 宋体/黑体 and Times New Roman, settings in
zh-CN with the compatibility options Word 2010+ and WPS read, a font table of the fonts we
use, styles with document defaults and the four built-in styles Word expects, and
`app.xml` naming hzconsole. No thumbnail: Word and WPS render their own preview.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from typing import TYPE_CHECKING

from hzconsole import __version__

if TYPE_CHECKING:  # python-docx is imported when a document is written (start-up time)
    from docx.document import Document

APPLICATION = "hzconsole"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_CT = "application/vnd.openxmlformats-officedocument"

CONTENT_TYPES = _DECL + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/theme/theme1.xml" ContentType="{_CT}.theme+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = _DECL + (
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_R}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = _DECL + (
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_R}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_R}/theme" Target="theme/theme1.xml"/>'
    "</Relationships>"
)

# The body holds only the section: A4 and the margins are set by the writer.
DOCUMENT = _DECL + (
    f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:docGrid w:linePitch="579"/></w:sectPr>'
    "</w:body></w:document>"
)

_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
_FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="宋体"/>'

# Document defaults and the built-in styles Word and WPS expect to find by id (Normal, the
# default paragraph font, the default table and list styles); the writer adds its own.
STYLES = _DECL + (
    f'<w:styles xmlns:w="{_W}" xmlns:r="{_R}">'
    f"<w:docDefaults><w:rPrDefault><w:rPr>{_FONTS}"
    f'<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/>{_LANG}</w:rPr></w:rPrDefault>'
    "<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
    '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0"'
    ' w:defQFormat="0" w:count="0"/>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    "</w:styles>"
)

# zh-CN: the East Asian theme language Chinese Word and WPS write. doNotCompress keeps
# full-width punctuation one em wide (the 28-character line counts on it); useFELayout is
# what Word sets for East Asian documents; compatibility mode 14 (Word 2010) is read alike
# by Word, WPS and LibreOffice.
SETTINGS = _DECL + (
    f'<w:settings xmlns:w="{_W}" xmlns:r="{_R}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:drawingGridVerticalSpacing w:val="579"/><w:displayHorizontalDrawingGridEvery w:val="0"/>'
    '<w:displayVerticalDrawingGridEvery w:val="2"/><w:characterSpacingControl w:val="doNotCompress"/>'
    "<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>"
    "<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/>'
    "</w:compat>"
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1"'
    ' w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6"'
    ' w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>"
)

FONT_TABLE = _DECL + (
    f'<w:fonts xmlns:w="{_W}" xmlns:r="{_R}">'
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/>'
    '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
    "</w:fonts>"
)


def _fill(alpha: str = "") -> str:
    return f'<a:solidFill><a:schemeClr val="phClr">{alpha}</a:schemeClr></a:solidFill>'


# A theme with the Office colours and a Chinese font scheme: headings 黑体, body 宋体, Latin
# Times New Roman, no other scripts (so nothing a Chinese PC lacks is named).
THEME = _DECL + (
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="hzconsole">'
    '<a:themeElements><a:clrScheme name="hzconsole">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    '<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>'
    '<a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>'
    '<a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>'
    '<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>'
    '<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink>'
    "</a:clrScheme>"
    '<a:fontScheme name="hzconsole">'
    '<a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface="黑体"/><a:cs typeface=""/>'
    '<a:font script="Hans" typeface="黑体"/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface="宋体"/><a:cs typeface=""/>'
    '<a:font script="Hans" typeface="宋体"/></a:minorFont>'
    "</a:fontScheme>"
    '<a:fmtScheme name="hzconsole">'
    f"<a:fillStyleLst>{_fill()}{_fill()}{_fill()}</a:fillStyleLst>"
    "<a:lnStyleLst>"
    + "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{_fill()}<a:prstDash val="solid"/></a:ln>'
        for w in (9525, 25400, 38100)
    )
    + "</a:lnStyleLst>"
    "<a:effectStyleLst>" + "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3 + "</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_fill()}{_fill()}{_fill()}</a:bgFillStyleLst>"
    "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
)

CORE = _DECL + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title/><dc:creator/></cp:coreProperties>'
)


def app_xml(pages: int = 1, company: str = "") -> str:
    """docProps/app.xml: our application name, the page count the writer laid out."""
    from xml.sax.saxutils import escape

    return _DECL + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{APPLICATION} {escape(__version__)}</Application><DocSecurity>0</DocSecurity>"
        f"<Pages>{int(pages)}</Pages><Company>{escape(company)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


PARTS: dict[str, str] = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": PACKAGE_RELS,
    "docProps/core.xml": CORE,
    "docProps/app.xml": app_xml(),
    "word/document.xml": DOCUMENT,
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
    "word/styles.xml": STYLES,
    "word/settings.xml": SETTINGS,
    "word/fontTable.xml": FONT_TABLE,
    "word/theme/theme1.xml": THEME,
}


@lru_cache(maxsize=1)
def template_bytes() -> bytes:
    """The empty package, zipped (built once per process)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def new_document() -> Document:
    """A python-docx Document on our package."""
    import docx

    return docx.Document(io.BytesIO(template_bytes()))
