"""Regenerate the example documents of the demo township (see README.md here).

    python docs/examples/make_examples.py

Builds the demo database with a fixed "today" (2024-11-20), writes the 工作总结 and the plan
notice as .docx, renders them with LibreOffice and pdftoppm into PNG pages. Needs
LibreOffice (soffice), poppler (pdftoppm) and CJK fonts (Debian: libreoffice-writer-nogui,
poppler-utils, fonts-noto-cjk, fonts-arphic-ukai).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = date(2024, 11, 20)
DOCUMENTS = {
    "工作总结": ("summary", {"year": 2024, "date": "2024-11-20"}),
    "印发工作计划的通知": ("plan", {"date": "2024-06-17"}),
}


def main() -> int:
    sys.path.insert(0, str(HERE.parent.parent))
    from hzconsole.demo import create_demo
    from hzconsole.documents import generate_document
    from hzconsole.documents.pdf import to_pdf

    with tempfile.TemporaryDirectory(prefix="hz-examples-") as tmp:
        work = Path(tmp)
        os.environ["HZCONSOLE_DATA_DIR"] = str(work / "data")  # backups stay out of the user's dir
        docs = []
        with create_demo(work / "青石镇.db", seed=2024, today=TODAY) as db:
            for name, (kind, options) in DOCUMENTS.items():
                target = HERE / f"{name}.docx"
                result = generate_document(db, kind, target, force=True, **options)
                print(f"{result.doc_number} {result.title} -> {target.name}")
                docs.append(target)
        pdfs = to_pdf(docs, work / "pdf", work_dir=work)
        for old in HERE.glob("*.png"):
            old.unlink()
        for pdf in pdfs:
            shutil.copyfile(pdf, HERE / pdf.name)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(HERE / pdf.stem)], check=True)
        for png in HERE.glob("*.png"):
            _shrink(png)
    for png in sorted(HERE.glob("*.png")):
        print(png.name, png.stat().st_size)
    return 0


def _shrink(png: Path) -> None:
    """A page of black text and a red 标志 needs few colours: 32 keep the anti-aliasing and
    the file at a third of its size (skipped where Pillow is not installed)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=32)
    small.save(png, optimize=True)


if __name__ == "__main__":
    raise SystemExit(main())
