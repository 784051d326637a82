"""Documents of the demo township, generated and rendered once per test session (per xdist
worker): every kind, both font profiles, and a long plain notice for the grid checks.

Rendering uses LibreOffice headless with a private profile and a fontconfig file that maps
our font names to installed CJK fonts (hzconsole.documents.pdf); tests that need the PDF
are skipped where LibreOffice is not installed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from hzconsole.documents import DOCUMENT_KINDS, GeneratedDocument, generate_document
from hzconsole.documents import generate as generate_module
from hzconsole.documents.generate import compose
from hzconsole.documents.gongwen.fonts import profile
from hzconsole.documents.gongwen.writer import DocxWriter, write_docx
from hzconsole.documents.pdf import soffice, to_pdf
from hzconsole.store.database import open_database

# A paragraph of plain text without punctuation or digits: every full line holds exactly
# 28 characters, whatever the line-breaking rules.
PLAIN = "各级河长要认真履行职责坚持问题导向强化责任落实推动河湖面貌持续改善" * 6
HANGING = "河" * 26 + "\uff0c" + "湖" * 27 + "\uff0c" + "长" * 30
SUMMARY_PROBLEMS = "一是部分村级河长巡河不够规范。\n二是个别问题整改进度偏慢。"


LONG_RECIPIENTS = "\u3001".join(
    f"{v}村村民委员会"
    for v in (
        "白沙",
        "高岭",
        "茶园",
        "竹林",
        "杨家",
        "枫树",
        "大塘",
        "上坪",
        "新田",
        "石桥",
        "龙潭",
        "下湾",
        "柳树",
        "河口",
        "青石",
        "双河",
        "马家",
        "李家",
        "东山",
        "西山",
        "南岭",
        "北坪",
        "中心",
        "桃源",
        "新塘",
    )
)
CODES = ("WT2024-001", "MW2024-0018", "WWM-2024-07", "HW2024-W12")
CODES_BODY = (
    "现将问题整改情况通知如下\uff1a\n| 序号 | 问题编号 | 河湖 | 问题描述 | 责任单位 | 整改措施 | 完成情况 "
    "|\n|---|---|---|---|---|---|---|\n"
    + "\n".join(
        f"| {i} | {code} | 青石河 | 河道内有垃圾堆放需要清理 | 白沙村村民委员会 | 组织人员清理并建立长效机制 | "
        f"已完成整改 |"
        for i, code in enumerate(CODES, 1)
    )
)


# Full-width text without punctuation: a body of n lines is easy to make.
LINE_UNIT = "各级河长要认真履行职责坚持问题导向强化责任落实推动河湖面貌持续改善"
PLACEMENTS = ("foot", "next page", "after a blank page")


@dataclass
class Rendered:
    docx: Path
    result: GeneratedDocument
    pdf: Path | None = None
    writer: DocxWriter | None = None  # how the writer laid the pages out


def _body_of(k: int) -> str:
    return "\n".join([LINE_UNIT * 3] * (k // 4) + ([LINE_UNIT * (k % 4)] if k % 4 else []))


def bodies_for_each_placement(db) -> dict[str, str]:
    """A notice body for each way the 版记 can be placed (at the foot of the last page,
    alone on the next page, after a blank page), found with the writer's own layout."""
    found: dict[str, str] = {}
    for k in range(16, 120):
        gw, _draft, extra = compose(
            db, DOCUMENT_KINDS["notice"], dict(title="关于版记位置的通知", date="2024-06-17", body=_body_of(k))
        )
        placement = write_docx(gw, io.BytesIO(), profile(extra["fonts"])).imprint_placement
        found.setdefault(placement, _body_of(k))
        if len(found) == len(PLACEMENTS):
            return found
    raise AssertionError(f"no body found for every 版记 placement: {sorted(found)}")


@pytest.fixture(scope="session")
def generated(demo_copy) -> dict[str, Rendered]:
    """Every kind generated from a private copy of the demo database."""
    out: dict[str, Rendered] = {}
    with demo_copy("公文 输出") as db_path:
        folder = db_path.parent
        with open_database(db_path) as db:
            overdue = db.scalar(
                "SELECT number FROM problems WHERE status IN ('已交办','整改中') AND deadline < '2024-11-20'"
                " ORDER BY number LIMIT 1"
            )
            jobs = {
                "notice": (
                    "notice",
                    dict(
                        title="关于进一步加强汛期河湖巡查和问题整改工作的通知",
                        body="为切实做好汛期河湖管理保护工作,现就有关事项通知如下:\n"
                        + "\n".join(
                            f"# 第{n}项工作\n## 压实责任。{PLAIN}\n### 落实巡查。{PLAIN}\n{PLAIN}" for n in (1, 2, 3, 4)
                        )
                        + "\n特此通知。",
                        date="2024-06-17",
                        cc="县河长办,县水利局",
                    ),
                ),
                "plan": ("plan", dict(date="2024-06-17")),
                "circular": ("circular", dict(year=2024, month=10, date="2024-11-05")),
                "announcement": ("announcement", dict(date="2024-11-20")),
                "assignment": ("assignment", dict(problem=overdue, date="2024-11-20")),
                "summary": ("summary", dict(year=2024, date="2024-11-20", narratives={"problems": SUMMARY_PROBLEMS})),
                "summary_windows": ("summary", dict(year=2024, half=1, date="2024-07-10", fonts="windows")),
                # The 报告 form: 签发人 in the 版头 (7.2.6), a 附注 below the date (7.3.7).
                "summary report": (
                    "summary",
                    dict(
                        year=2024,
                        date="2024-11-20",
                        form="报告",
                        signer="张建国",
                        note="联系人:周晓燕,电话:0795-7261234",
                        narratives={"problems": SUMMARY_PROBLEMS},
                    ),
                ),
                # A closing comma falls just past the end of a line (27th after the indent,
                # 29th on a full line): it must not hang in the margin.
                "hanging": ("notice", dict(title="关于标点不出边界的通知", date="2024-06-17", body=HANGING)),
                "head marks": (
                    "notice",
                    dict(
                        title="关于做好防汛工作的紧急通知",
                        date="2024-06-17",
                        copy_number=3,
                        secrecy="秘密★1年",
                        urgency="特急",
                        body="请各村立即组织力量巡查河道堤防,发现险情及时报告。",
                    ),
                ),
                # 25 units with 份号, 密级 and 紧急: the 主送 moves to the 版记 (7.3.3).
                "long recipients": (
                    "notice",
                    dict(
                        title="关于做好防汛工作的紧急通知",
                        date="2024-06-17",
                        copy_number=3,
                        secrecy="秘密★1年",
                        urgency="特急",
                        recipients=LONG_RECIPIENTS,
                        cc="县河长办",
                        body="请各村立即组织力量巡查河道堤防,发现险情及时报告。",
                    ),
                ),
                # Codes in a crowded table: measured in Times New Roman, never broken.
                "codes": ("notice", dict(title="关于问题整改情况的通知", date="2024-06-17", body=CODES_BODY)),
                "unsealed": (
                    "notice",
                    dict(
                        title="关于报送巡河记录的通知",
                        date="2024-06-17",
                        sealed="否",
                        body="请各村于6月30日前报送上半年巡河记录。",
                    ),
                ),
            }
            for placement, body in bodies_for_each_placement(db).items():
                jobs[f"imprint {placement}"] = (
                    "notice",
                    dict(title="关于版记位置的通知", date="2024-06-17", body=body),
                )
            last: list[DocxWriter] = []

            def spy(gw, target, fonts):  # keep each writer: tests compare its layout with LibreOffice's
                last.append(write_docx(gw, target, fonts))
                return last[-1]

            generate_module.write_docx = spy
            try:
                for name, (kind, options) in jobs.items():
                    target = folder / f"{name}.docx"
                    out[name] = Rendered(target, generate_document(db, kind, target, **options), writer=None)
                    out[name].writer = last[-1]
            finally:
                generate_module.write_docx = write_docx
    out["_db"] = Rendered(db_path, None)  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="session")
def rendered(generated: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The same documents as PDF, converted in one LibreOffice run."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    work = tmp_path_factory.mktemp("lo")
    docs = {k: v for k, v in generated.items() if not k.startswith("_")}
    pdfs = to_pdf([v.docx for v in docs.values()], work / "pdf", work_dir=work)
    for (_name, item), pdf in zip(docs.items(), pdfs, strict=True):
        item.pdf = pdf
    return docs


@pytest.fixture
def today() -> date:
    return date(2024, 11, 20)
