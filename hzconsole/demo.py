"""A realistic, fictional township for trying the console: 青石镇.

Deterministic for a seed and a `today`: ids come from the seeded generator and timestamps
from `today`, so two runs produce the same records.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from hzconsole.books.plain_settings import DEFAULT_NORMS
from hzconsole.books.terms import PATROL_ROLES, PROBLEM_CATEGORIES, PROBLEM_SOURCES
from hzconsole.rules.periods import period_of
from hzconsole.store.database import SYSTEM_ACTOR, Database, create_database, now_iso

OFFICE = "青石镇河长制办公室"
GOVERNMENT = "青石镇人民政府"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
    "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "建国志强春华秋生明德永红玉兰桂英海涛文杰国平小军丽娟金水长根福林正清伟东晓燕爱民新华立新德胜庆丰成才振兴家旺"
VILLAGES = [
    "青石村",
    "白沙村",
    "龙潭村",
    "柳塘村",
    "上坪村",
    "下坪村",
    "枫树村",
    "石桥村",
    "新田村",
    "荷塘村",
    "双港村",
    "高岭村",
    "社区居委会",
    "竹林村",
    "杨家村",
    "河口村",
    "仙山村",
    "茶园村",
    "大塘村",
    "南岸村",
]
RIVER_NAMES = [
    ("青石河", "河流", 186.0, 32.5),
    ("白沙河", "河流", 74.3, 18.2),
    ("龙潭水库", "水库", 12.6, None),
    ("柳溪", "河流", 28.4, 9.6),
    ("枫树港", "河流", 55.1, 14.3),
    ("石桥水", "河流", 19.8, 7.1),
    ("荷塘", "山塘", 0.6, None),
    ("新田渠", "渠道", None, 6.4),
    ("双港河", "河流", 42.0, 11.8),
    ("高岭水库", "水库", 8.9, None),
    ("竹林溪", "河流", 11.2, 5.5),
    ("杨家塘", "山塘", 0.4, None),
    ("大塘湖", "湖泊", 3.2, None),
    ("南岸渠", "渠道", None, 4.2),
    ("仙山溪", "河流", 15.7, 6.3),
    ("茶园沟", "小微水体", None, 1.2),
    ("上坪溪", "河流", 9.4, 4.8),
    ("下坪港", "河流", 23.5, 8.7),
    ("河口湿地", "湖泊", 1.8, None),
    ("东干渠", "渠道", None, 12.1),
]
TOWNSHIP_POSTS = [
    "镇党委书记",
    "镇长",
    "镇人大主席",
    "镇党委副书记",
    "镇党委委员、副镇长",
    "副镇长",
    "镇纪委书记",
    "镇武装部部长",
    "镇党委委员、组织委员",
    "镇党委委员、宣传委员",
]
SEEN = [
    "河面整洁\uff0c无漂浮物",
    "河岸有少量生活垃圾\uff0c已现场清理",
    "发现排污口一处\uff0c已拍照上报",
    "水质清澈\uff0c无异常",
    "河道内有杂草\uff0c已通知保洁员清理",
    "岸边有违规堆放建筑垃圾",
    "发现电鱼人员\uff0c已劝离",
    "护栏损坏一处",
]
PLAN_SECTIONS = [
    (
        "强化河长制工作机制",
        [
            "落实各级河长巡河制度\uff0c镇级河长每月巡河不少于4次",
            "按时召开镇总河长会议\uff0c研究部署年度工作",
            "开展河长制工作考核\uff0c考核结果纳入村级综合考评",
        ],
    ),
    ("加强水资源保护", ["落实最严格水资源管理制度\uff0c加强取水口监管", "开展饮用水水源地保护区环境整治"]),
    (
        "加强水域岸线管理保护",
        ["持续开展“清四乱”常态化规范化整治", "完成河湖管理范围划界成果复核", "严厉打击非法采砂行为"],
    ),
    ("加强水污染防治", ["开展入河排污口排查整治", "推进农村生活污水治理", "加强畜禽养殖污染防治"]),
    (
        "加强水环境治理",
        ["落实河道保洁长效机制\uff0c做到河面无漂浮物", "开展农村黑臭水体排查整治", "推进农村生活垃圾分类收集处理"],
    ),
    ("加强水生态修复", ["实施退化河岸生态修复", "落实长江流域重点水域禁捕退捕", "开展水土流失综合治理"]),
    (
        "保障措施",
        ["加强组织领导\uff0c明确责任分工", "加强宣传引导\uff0c营造全民护河氛围", "强化督查督办\uff0c确保任务落实"],
    ),
]
# What a problem of each category looks like (a patrol's "水质清澈,无异常" is no 乱采 problem).
PROBLEM_TEXTS = {
    "乱占": ["河道管理范围内违规搭建菜棚", "岸坡被开垦种植蔬菜\uff0c侵占河道"],
    "乱采": ["河滩有人私自挖取砂石", "岸边有取土痕迹\uff0c堤脚被掏空"],
    "乱堆": ["岸边违规堆放建筑垃圾约20立方米", "河道管理范围内堆放木材"],
    "乱建": ["河道管理范围内新建简易房一处", "违规修建拦河坝一处"],
    "垃圾": ["河面漂浮生活垃圾较多", "岸边有生活垃圾倾倒点"],
    "排污口": ["发现未登记排污口一处\uff0c有污水排入", "养殖场污水经沟渠排入河道"],
    "黑臭水体": ["支沟水体发黑发臭", "塘内水体浑浊有异味"],
    "非法采砂": ["夜间有人用抽砂船采砂", "河道内发现采砂设备"],
    "非法捕捞": ["发现有人电鱼", "河道内设有地笼网"],
    "其他": ["护栏损坏一处", "河长公示牌被遮挡"],
}
POLICE_UNIT = "青石镇派出所"
LEAD_UNITS = ["镇水利站", "镇生态环境办", "镇农业综合服务中心", "镇自然资源所", "镇综治办", "派出所", "镇党政办"]


@dataclass(frozen=True)
class DemoSize:
    rivers: int = 20
    people: int = 60
    boards: int = 40
    years: int = 1
    problems: int = 50
    changes: int = 10  # appointment changes (人事调整) over the period
    patrol_scale: float = 1.0


class _Gen:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.stamp = datetime(today.year, today.month, today.day, 8, 0).isoformat()

    def id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def name(self) -> str:
        n = self.rng.choice(SURNAMES)
        return n + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))

    def phone(self) -> str:
        return "1" + self.rng.choice("3578") + "".join(self.rng.choice("0123456789") for _ in range(9))

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))


def build_demo(
    db: Database,
    *,
    seed: int = 2024,
    today: date | None = None,
    size: DemoSize | None = None,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Fill an empty database with the demo township (one transaction)."""
    size = size or DemoSize()
    today = today or date.today()
    g = _Gen(seed, today)
    say = progress or (lambda _m: None)
    begin = today - timedelta(days=365 * size.years)
    ins = db.insert

    def add(table: str, row: dict) -> str:
        row.setdefault("id", g.id())
        row.setdefault("created_at", g.stamp)
        row.setdefault("updated_at", g.stamp)
        return ins(table, row)

    # Every stamp (created_at, updated_at, change_log.at) is `today` 08:00: two runs with one
    # seed give the same rows.
    db.clock = lambda: g.stamp
    try:
        _fill(db, g, size, today, begin, add, say)
    finally:
        db.clock = now_iso


def _fill(
    db: Database,
    g: _Gen,
    size: DemoSize,
    today: date,
    begin: date,
    add: Callable[[str, dict], str],
    say: Callable[[str], None],
) -> None:
    # Deferred: the books' models (pydantic) are not needed to tell a half-made demo file.
    from hzconsole.books.problems import problem_number

    rng = g.rng
    # The program's own batch, like the file's creation: undo never takes the demo apart.
    with db.transaction(actor=f"{SYSTEM_ACTOR}:demo"):
        db.set_setting("office_name", OFFICE)
        db.set_setting("issuer_mark", f"{OFFICE}文件")
        db.set_setting("doc_code", "青河办")
        db.set_setting("printing_office", OFFICE)
        db.set_setting("supervision_phone", "12314")
        db.set_setting("clerk", "周晓燕")
        db.set_setting("reviewer", "林建国")
        db.set_setting("contact_phone", "0795-7261234")
        db.set_setting("default_cc", "县河长办")
        db.set_setting("patrol_norms", [asdict(n) for n in DEFAULT_NORMS])

        say("河湖名录")
        rivers: list[tuple[str, str, list[str]]] = []  # (id, level, segment ids)
        for i in range(size.rivers):
            base_name, kind, area, length = RIVER_NAMES[i % len(RIVER_NAMES)]
            name = base_name if i < len(RIVER_NAMES) else f"{base_name}{i // len(RIVER_NAMES) + 1}支"
            level = "县级" if area and area >= 50 else ("乡级" if i % 3 else "村级")
            villages = rng.sample(VILLAGES, k=rng.randint(1, 3))
            rid = add(
                "rivers",
                {
                    "name": name,
                    "code": f"HP36098{i:05d}",
                    "kind": kind,
                    "level": level,
                    "catchment_km2": area,
                    "length_km": length,
                    "source": f"{villages[0]}后山",
                    "mouth": f"{villages[-1]}汇入赣江" if kind == "河流" else None,
                    "villages": "、".join(villages),
                },
            )
            segs = []
            if kind == "河流" and length and length > 8:
                for k, v in enumerate(villages):
                    segs.append(
                        add(
                            "segments",
                            {
                                "river_id": rid,
                                "name": f"{name}{v}段",
                                "start_point": f"{v}上界",
                                "end_point": f"{v}下界",
                                "length_km": round(length / len(villages), 1),
                                "villages": v,
                                "notes": None if k else "上游段",
                            },
                        )
                    )
            rivers.append((rid, level, segs))

        say("河长名册")
        people: list[str] = []
        posts = list(TOWNSHIP_POSTS)
        for i in range(size.people):
            if i < 3:
                post, unit = ("县人大常委会副主任", "县人大常委会") if i == 0 else ("副县长", "县人民政府")
            elif i < 3 + len(posts):
                post, unit = posts[i - 3], GOVERNMENT
            else:
                v = VILLAGES[i % len(VILLAGES)]
                post, unit = rng.choice(["村党支部书记", "村委会主任", "村委会委员", "村民"]), v
            people.append(add("people", {"name": g.name(), "post": post, "unit": unit, "phone": g.phone()}))

        county = people[:3]
        township = people[3 : 3 + len(posts)]
        village = people[3 + len(posts) :]
        appts: list[dict] = []
        start0 = begin - timedelta(days=400)

        def appoint(person: str, role: str, level: str, river: str | None, seg: str | None, start: date) -> dict:
            row = {
                "person_id": person,
                "role": role,
                "level": level,
                "river_id": river,
                "segment_id": seg,
                "start_date": start.isoformat(),
            }
            row["id"] = add("appointments", dict(row))
            appts.append(row)
            return row

        appoint(township[0], "总河长", "乡级", None, None, start0)
        appoint(township[1], "副总河长", "乡级", None, None, start0)
        for i, (rid, level, segs) in enumerate(rivers):
            if level == "县级":
                appoint(county[i % len(county)], "河长", "县级", rid, None, start0)
            appoint(township[2 + i % (len(township) - 2)], "河长", "乡级", rid, None, start0)
            targets: list[str | None] = [*segs] if segs else [None]
            for seg in targets:
                chief = village[(i * 3 + targets.index(seg)) % max(1, len(village) // 2)]
                appoint(chief, "河长", "村级", rid, seg, start0)
        helpers = village[len(village) // 2 :]
        for j, person in enumerate(helpers):
            rid, _level, segs = rivers[j % len(rivers)]
            role = ("巡河员", "保洁员", "民间河长", "警长")[j % 4]
            appoint(person, role, "村级" if role != "警长" else "乡级", rid, segs[0] if segs else None, start0)
            if role == "警长":  # a 河湖警长 is a police officer, not a villager
                db.update("people", person, {"post": "派出所民警", "unit": POLICE_UNIT})

        # 人事调整: some chiefs are replaced during the period (ends one, starts another).
        chief_rows = [a for a in appts if a["role"] == "河长" and a["level"] in ("乡级", "村级")]
        for a in rng.sample(chief_rows, k=min(size.changes, len(chief_rows))):
            on = g.day_between(begin + timedelta(days=30), today - timedelta(days=20))
            ins_id = add(
                "people",
                {
                    "name": g.name(),
                    "post": "村委会委员" if a["level"] == "村级" else "副镇长",
                    "unit": GOVERNMENT if a["level"] == "乡级" else rng.choice(VILLAGES),
                    "phone": g.phone(),
                },
            )
            db.update("appointments", a["id"], {"end_date": on.isoformat(), "end_reason": "工作调整"})
            a["end_date"] = on.isoformat()
            appoint(ins_id, a["role"], a["level"], a["river_id"], a["segment_id"], on)

        say("公示牌")
        for i in range(size.boards):
            rid, _level, segs = rivers[i % len(rivers)]
            seg = segs[i // len(rivers) % len(segs)] if segs and i >= len(rivers) else None
            installed = start0 + timedelta(days=rng.randint(0, 60))
            # Most boards re-printed recently; some keep old content (stale after a change).
            content = today - timedelta(days=rng.randint(0, 40)) if rng.random() < 0.7 else installed
            add(
                "signboards",
                {
                    "number": f"QS-{i + 1:03d}",
                    "river_id": rid,
                    "segment_id": seg,
                    "location": f"{rng.choice(VILLAGES)}{rng.choice(['桥头', '村部旁', '堤坝入口', '码头', '渡口'])}",
                    "install_date": installed.isoformat(),
                    "content_date": content.isoformat(),
                    "supervision_phone": "12314",
                    "duties": "负责河湖管理保护工作\uff0c组织开展巡河",
                    "targets": "河面无漂浮物、河岸无垃圾、无违法排污口、无违章建筑",
                    "condition": rng.choices(["完好", "损坏", "缺失"], weights=[85, 10, 5])[0],
                    "last_inspection": (today - timedelta(days=rng.randint(0, 90))).isoformat(),
                },
            )

        say("巡河台账")
        patrol_ids: list[tuple[str, str, date]] = []
        patrol_starts: set[tuple[str, str, date, int, int]] = set()
        for a in appts:
            if a["role"] not in PATROL_ROLES:
                continue
            river_id = a["river_id"] or rivers[rng.randrange(len(rivers))][0]
            diligent = rng.random() < 0.75  # the rest fall behind the norm
            a_start = max(date.fromisoformat(a["start_date"]), begin)
            a_end = min(date.fromisoformat(a["end_date"]), today) if a.get("end_date") else today
            # Township chiefs patrol per 旬, village chiefs weekly, county chiefs monthly.
            kind = {"乡级": "xun", "村级": "week", "县级": "month"}[a["level"]]
            day = a_start
            while day < a_end:
                window = period_of(kind, day)
                if a["level"] == "乡级":
                    n = 2 if diligent else rng.choice((0, 1, 1, 2))
                elif a["level"] == "村级":
                    n = (1 + (rng.random() < 0.2)) if diligent else rng.choice((0, 1))
                else:
                    n = int(rng.random() < (0.6 if diligent else 0.2))
                n = int(n * size.patrol_scale) + (rng.random() < n * size.patrol_scale % 1)
                for _ in range(n):
                    d = window.start + timedelta(days=rng.randint(0, (window.end - window.start).days))
                    if d >= a_end or d < a_start:
                        continue
                    start_h = rng.randint(7, 16)
                    minutes = rng.choice((25, 30, 40, 45, 60, 90)) if rng.random() < 0.95 else rng.choice((15, None))
                    start_m = rng.choice((0, 15, 30))
                    # One chief cannot start two patrols of one river at the same minute: move
                    # a clash to the afternoon instead of drawing again (keeps the seed's data).
                    while (a["person_id"], river_id, d, start_h, start_m) in patrol_starts:
                        start_h = (start_h + 5) % 24
                    patrol_starts.add((a["person_id"], river_id, d, start_h, start_m))
                    pid = add(
                        "patrols",
                        {
                            "date": d.isoformat(),
                            "person_id": a["person_id"],
                            "river_id": river_id,
                            "segment_id": a["segment_id"],
                            "start_time": f"{start_h:02d}:{start_m:02d}",
                            "duration_min": minutes,
                            "distance_km": round(rng.uniform(0.5, 6.0), 1),
                            "seen": rng.choice(SEEN),
                            "handled_on_spot": int(rng.random() < 0.3),
                        },
                    )
                    patrol_ids.append((pid, river_id, d))
                day = window.end + timedelta(days=1)

        say("问题清单")
        statuses = ["待交办", "已交办", "整改中", "已整改", "已销号"]
        per_year_seq: dict[int, int] = {}
        for i in range(size.problems):
            status = statuses[i % 5] if i < 10 else rng.choices(statuses, weights=[5, 10, 20, 25, 40])[0]
            found = g.day_between(begin, today - timedelta(days=3))
            rid = rivers[rng.randrange(len(rivers))][0]
            patrol = None
            if patrol_ids and rng.random() < 0.5:
                patrol, rid, found = patrol_ids[rng.randrange(len(patrol_ids))]
            seq = per_year_seq[found.year] = per_year_seq.get(found.year, 0) + 1
            category = rng.choice(PROBLEM_CATEGORIES)
            deadline = found + timedelta(days=rng.choice((7, 15, 30, 60))) if status != "待交办" else None
            fixed: date | None = None
            closed: date | None = None
            if status in ("已整改", "已销号"):
                fixed = min(today, found + timedelta(days=rng.randint(2, 50)))
                if status == "已销号":
                    closed = min(today, fixed + timedelta(days=rng.randint(1, 10)))
            pid = add(
                "problems",
                {
                    "number": problem_number(found.year, seq),
                    "river_id": rid,
                    "location": f"{rng.choice(VILLAGES)}河段",
                    "found_date": found.isoformat(),
                    "source": "巡河发现" if patrol else rng.choice(PROBLEM_SOURCES),
                    "category": category,
                    "description": rng.choice(PROBLEM_TEXTS[category]),
                    "responsible_unit": rng.choice(VILLAGES) if status != "待交办" else None,
                    "responsible_person": g.name() if status != "待交办" else None,
                    "deadline": deadline.isoformat() if deadline else None,
                    "measures": "立即组织清理整改" if status != "待交办" else None,
                    "status": status,
                    "fixed_date": fixed.isoformat() if fixed else None,
                    "closed_date": closed.isoformat() if closed else None,
                    "patrol_id": patrol,
                },
            )
            flow = statuses[1 : statuses.index(status) + 1]
            prev = "待交办"
            for k, st in enumerate(flow):
                action = {"已交办": "交办", "整改中": "反馈", "已整改": "整改完成", "已销号": "销号"}[st]
                at = datetime.combine(min(today, found + timedelta(days=k * 3)), datetime.min.time()).isoformat()
                add(
                    "problem_events",
                    {
                        "problem_id": pid,
                        "action": action,
                        "from_status": prev,
                        "to_status": st,
                        "actor": "周晓燕",
                        "at": at,
                        "opinion": None,
                    },
                )
                prev = st

        say("工作计划")
        year = today.year
        # Not yet issued: the clerk issues it (印发计划), which takes the year's first 文号;
        # a plan already numbered 1 beside an empty register made two documents No. 1.
        plan_id = add(
            "plans", {"year": year, "title": f"青石镇{year}年河湖长制工作要点", "issuer": OFFICE, "doc_number": None}
        )
        n = 0
        for s, (title, items) in enumerate(PLAN_SECTIONS, 1):
            sid = add("plan_sections", {"plan_id": plan_id, "parent_id": None, "seq": s, "title": title})
            for text in items:
                n += 1
                deadline = date(year, rng.choice((3, 6, 9, 12)), 28)
                status = "已完成" if deadline < today and rng.random() < 0.8 else rng.choice(("未开始", "进行中"))
                add(
                    "tasks",
                    {
                        "plan_id": plan_id,
                        "section_id": sid,
                        "seq": n,
                        "text": text + "。",
                        "lead_units": rng.choice(LEAD_UNITS),
                        "coop_units": "各村\uff08社区\uff09",
                        "implementers": "各村\uff08社区\uff09",
                        "deadline": deadline.isoformat(),
                        "status": status,
                        "progress": "已按计划推进" if status != "未开始" else None,
                        "done_date": deadline.isoformat() if status == "已完成" else None,
                    },
                )


def create_demo(
    path: str | Path,
    *,
    seed: int = 2024,
    today: date | None = None,
    size: DemoSize | None = None,
    progress: Callable[[str], None] | None = None,
) -> Database:
    """Create the demo file at `path` and return it open."""
    import os

    from hzconsole.store.database import open_database
    from hzconsole.store.durable import remove_leftovers, replace_durably

    day = today or date.today()
    stamp = datetime(day.year, day.month, day.day, 8, 0).isoformat()
    path = Path(path)
    if path.exists():
        from hzconsole.store import messages as msg
        from hzconsole.store.errors import StoreError

        raise StoreError(msg.ALREADY_EXISTS.format(path=path))
    # Built under a temporary name and renamed when complete: a run killed half way never
    # leaves a half-made demo under the real name.
    remove_leftovers(path.parent, f".{path.name}.*.demo")
    building = path.with_name(f".{path.name}.{os.getpid()}.demo")
    db = create_database(building, OFFICE, clock=lambda: stamp)
    db.clock = now_iso
    try:
        build_demo(db, seed=seed, today=today, size=size, progress=progress)
        db.close()
        replace_durably(building, path)
    except BaseException:
        db.close()
        building.unlink(missing_ok=True)
        raise
    db = open_database(path)
    db._backup_day = date.today().isoformat()  # a new file has nothing worth backing up yet
    return db


def half_made(path: Path) -> bool:
    """A demo file without a single river: its build was cut off (older versions built it
    in place)."""
    from hzconsole.store.database import open_database
    from hzconsole.store.errors import StoreError

    try:
        with open_database(path, readonly=True) as db:
            return not db.scalar("SELECT count(*) FROM rivers")
    except StoreError:
        return False
