"""Rendering .docx to PDF with LibreOffice (headless), for previews, examples and tests.

Most Linux machines lack 仿宋_GB2312, 方正小标宋简体 and the Windows fonts, so LibreOffice
would fall back to whatever fontconfig offers first. `fontconfig_file` writes a
configuration that maps each name our documents use to an installed CJK font of the same
kind (仿宋/宋 → a Song face, 楷 → a Kai face, 黑 → a sans face); pass it as FONTCONFIG_FILE.
Full-width glyphs are one em wide in every CJK font, so line and character counts do not
depend on which substitute renders them.

LibreOffice's .docx import deviates from Word in two paragraph properties our writer sets,
both of which change where lines break (writerfilter DomainMapper.cxx, 7.4 and later):
- `w:overflowPunct` is read inverted (val 0 turns LibreOffice's hanging punctuation *on*;
  ECMA-376 17.3.1.21 and Word: 0 means punctuation never hangs past the margin);
- `w:autoSpaceDE` / `w:autoSpaceDN` are ignored, so LibreOffice always adds space between
  Chinese and Latin text or digits (about a quarter em), where Word and WPS add none.
So that the PDF shows what the clerk's Word or WPS shows, `to_pdf` renders "as Word": it
lets LibreOffice import the .docx into its own format (.odt), sets those two properties
there as the .docx declares them (no hanging punctuation, no automatic spacing), and renders
that. `word_like=False` renders LibreOffice's own reading of the .docx instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

from hzconsole.store.errors import HzError

# Our font names → families to try, in order (Debian: fonts-noto-cjk, fonts-arphic-ukai,
# fonts-wqy-zenhei).
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    "仿宋": ("Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    "FangSong": ("Noto Serif CJK SC", "WenQuanYi Zen Hei"),
    "楷体_GB2312": ("AR PL UKai CN", "Noto Serif CJK SC", "WenQuanYi Zen Hei"),
    "楷体": ("AR PL UKai CN", "Noto Serif CJK SC", "WenQuanYi Zen Hei"),
    "KaiTi": ("AR PL UKai CN", "Noto Serif CJK SC"),
    "黑体": ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "SimHei": ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "方正小标宋简体": ("Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    "宋体": ("Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"),
    "SimSun": ("Noto Serif CJK SC", "WenQuanYi Zen Hei"),
    "Times New Roman": ("Liberation Serif", "DejaVu Serif"),
}


class RenderError(HzError):
    """LibreOffice is missing or failed to convert."""


def fontconfig_file(folder: Path) -> Path:
    """Write fonts.conf (system config + our aliases) into `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    rules = []
    for name, families in FONT_ALIASES.items():
        prefer = "".join(f"<string>{f}</string>" for f in families)
        rules.append(
            f'  <match target="pattern"><test name="family" qual="any"><string>{name}</string></test>'
            f'<edit name="family" mode="prepend" binding="strong">{prefer}</edit></match>'
        )
    cache = folder / "fc-cache"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{cache}</cachedir>\n" + "\n".join(rules) + "\n</fontconfig>\n"
    )
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run(exe: str, fmt: str, docs: Sequence[Path], out_dir: Path, work_dir: Path, timeout: float) -> list[Path]:
    """One LibreOffice run converting `docs` to `fmt` in `out_dir`, with a private profile
    and the font aliases under `work_dir` (so parallel runs never share a profile)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (work_dir / "lo-profile").resolve()
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(fontconfig_file(work_dir / "fontconfig"))
    env.setdefault("HOME", str(work_dir))
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--convert-to",
        fmt,
        "--outdir",
        str(out_dir),
        *[str(d) for d in docs],
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    outs = [out_dir / f"{Path(d).stem}.{fmt}" for d in docs]
    missing = [p.name for p in outs if not p.exists()]
    if result.returncode != 0 or missing:
        raise RenderError(
            f"LibreOffice 转换失败（退出码 {result.returncode}）：{'、'.join(missing)}\n{result.stderr[-2000:]}"
        )
    return outs


# The two paragraph properties as our .docx declares them (see the module docstring), in
# LibreOffice's own format: every style and automatic style of the imported document.
_AS_WORD = (
    (re.compile(rb'style:punctuation-wrap="hanging"'), b'style:punctuation-wrap="simple"'),
    (re.compile(rb'style:text-autospace="ideograph-alpha"'), b'style:text-autospace="none"'),
)


def as_word(odt: Path) -> None:
    """Rewrite an .odt in place so that LibreOffice breaks lines as Word does with our
    .docx: no hanging punctuation, no automatic Chinese/Latin spacing."""
    tmp = odt.with_suffix(".tmp")
    with zipfile.ZipFile(odt) as src, zipfile.ZipFile(tmp, "w") as dst:
        for item in src.infolist():  # "mimetype" stays first and stored, as ODF requires
            data = src.read(item.filename)
            if item.filename in ("styles.xml", "content.xml"):
                for pattern, repl in _AS_WORD:
                    data = pattern.sub(repl, data)
            dst.writestr(item, data, compress_type=item.compress_type)
    os.replace(tmp, odt)


def to_pdf(
    docs: Sequence[Path], out_dir: Path, *, work_dir: Path, timeout: float = 300, word_like: bool = True
) -> list[Path]:
    """Convert `docs` (.docx) to PDF in `out_dir`, laid out as Word lays them out (see the
    module docstring; `word_like=False`: LibreOffice's own reading). Returns the PDFs."""
    exe = soffice()
    if exe is None:
        raise RenderError("没有找到 LibreOffice（soffice），无法生成 PDF。请先安装 LibreOffice。")
    if not word_like:
        return _run(exe, "pdf", docs, out_dir, work_dir, timeout)
    odts = _run(exe, "odt", docs, work_dir / "odt", work_dir, timeout)
    for odt in odts:
        as_word(odt)
    return _run(exe, "pdf", odts, out_dir, work_dir, timeout)
