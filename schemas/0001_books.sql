-- hzconsole schema version 1: the books of a township River Chief Office.
-- Ids are UUID strings so records stay identifiable when copies of the file are compared.
-- Dates are ISO 'YYYY-MM-DD' text, timestamps ISO 'YYYY-MM-DDTHH:MM:SS' (local time).
-- Every write also goes to change_log in the same transaction (see hzconsole/store/database.py).

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,            -- JSON
    updated_at TEXT NOT NULL
);

CREATE TABLE rivers (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    code           TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('河流','湖泊','水库','山塘','渠道','小微水体')),
    level          TEXT NOT NULL CHECK (level IN ('县级','乡级','村级')),
    catchment_km2  REAL CHECK (catchment_km2 IS NULL OR catchment_km2 >= 0),
    length_km      REAL CHECK (length_km IS NULL OR length_km >= 0),
    source         TEXT,
    mouth          TEXT,
    parent_id      TEXT REFERENCES rivers(id) ON DELETE RESTRICT,
    villages       TEXT,
    notes          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX rivers_name ON rivers(name);
CREATE INDEX rivers_parent ON rivers(parent_id);

CREATE TABLE segments (
    id           TEXT PRIMARY KEY,
    river_id     TEXT NOT NULL REFERENCES rivers(id) ON DELETE RESTRICT,
    name         TEXT NOT NULL,
    start_point  TEXT,
    end_point    TEXT,
    length_km    REAL CHECK (length_km IS NULL OR length_km >= 0),
    villages     TEXT,
    notes        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX segments_river ON segments(river_id);

CREATE TABLE people (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    post        TEXT,                    -- 职务, e.g. 镇党委书记
    unit        TEXT,                    -- 单位 / 村(社区)
    phone       TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX people_name ON people(name);

CREATE TABLE appointments (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    role        TEXT NOT NULL CHECK (role IN ('总河长','副总河长','河长','副河长','民间河长','河长助理','巡河员','保洁员','警长','检察长')),
    level       TEXT NOT NULL CHECK (level IN ('县级','乡级','村级')),
    river_id    TEXT REFERENCES rivers(id) ON DELETE RESTRICT,
    segment_id  TEXT REFERENCES segments(id) ON DELETE RESTRICT,
    start_date  TEXT NOT NULL,
    end_date    TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    end_reason  TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX appointments_person ON appointments(person_id);
CREATE INDEX appointments_river ON appointments(river_id);

CREATE TABLE signboards (
    id                 TEXT PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    river_id           TEXT NOT NULL REFERENCES rivers(id) ON DELETE RESTRICT,
    segment_id         TEXT REFERENCES segments(id) ON DELETE RESTRICT,
    location           TEXT,
    lat                REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon                REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    install_date       TEXT,
    content_date       TEXT NOT NULL,     -- when the displayed content was last printed
    supervision_phone  TEXT,
    duties             TEXT,
    targets            TEXT,              -- 管护目标
    condition          TEXT NOT NULL DEFAULT '完好' CHECK (condition IN ('完好','损坏','缺失')),
    last_inspection    TEXT,
    notes              TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX signboards_river ON signboards(river_id);

CREATE TABLE patrols (
    id               TEXT PRIMARY KEY,
    date             TEXT NOT NULL,
    person_id        TEXT NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    river_id         TEXT NOT NULL REFERENCES rivers(id) ON DELETE RESTRICT,
    segment_id       TEXT REFERENCES segments(id) ON DELETE RESTRICT,
    start_time       TEXT,                -- HH:MM
    end_time         TEXT,
    duration_min     INTEGER CHECK (duration_min IS NULL OR duration_min >= 0),
    distance_km      REAL CHECK (distance_km IS NULL OR distance_km >= 0),
    seen             TEXT,
    handled_on_spot  INTEGER NOT NULL DEFAULT 0 CHECK (handled_on_spot IN (0,1)),
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX patrols_date ON patrols(date, person_id);
CREATE INDEX patrols_person ON patrols(person_id, date);
CREATE INDEX patrols_river ON patrols(river_id);

CREATE TABLE problems (
    id                  TEXT PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    river_id            TEXT NOT NULL REFERENCES rivers(id) ON DELETE RESTRICT,
    segment_id          TEXT REFERENCES segments(id) ON DELETE RESTRICT,
    location            TEXT,
    found_date          TEXT NOT NULL,
    source              TEXT NOT NULL CHECK (source IN ('巡河发现','群众举报','上级交办','暗访督查','卫星遥感图斑','媒体曝光')),
    category            TEXT NOT NULL CHECK (category IN ('乱占','乱采','乱堆','乱建','垃圾','排污口','黑臭水体','非法采砂','非法捕捞','其他')),
    description         TEXT NOT NULL,
    responsible_unit    TEXT,
    responsible_person  TEXT,
    deadline            TEXT,
    measures            TEXT,
    requirements        TEXT,
    status              TEXT NOT NULL DEFAULT '待交办' CHECK (status IN ('待交办','已交办','整改中','已整改','已销号')),
    fixed_date          TEXT,
    closed_date         TEXT,
    evidence            TEXT,
    patrol_id           TEXT REFERENCES patrols(id) ON DELETE SET NULL,
    notes               TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX problems_status ON problems(status, deadline);
CREATE INDEX problems_found ON problems(found_date);
CREATE INDEX problems_river ON problems(river_id);

CREATE TABLE problem_events (
    id           TEXT PRIMARY KEY,
    problem_id   TEXT NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
    action       TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL,
    opinion      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX problem_events_problem ON problem_events(problem_id, at);

CREATE TABLE plans (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title       TEXT NOT NULL,
    issuer      TEXT,
    doc_number  TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE plan_sections (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id   TEXT REFERENCES plan_sections(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    title       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX plan_sections_plan ON plan_sections(plan_id, seq);

CREATE TABLE tasks (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section_id     TEXT REFERENCES plan_sections(id) ON DELETE SET NULL,
    seq            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    lead_units     TEXT,
    coop_units     TEXT,
    implementers   TEXT,
    deadline       TEXT,
    progress       TEXT,
    status         TEXT NOT NULL DEFAULT '未开始' CHECK (status IN ('未开始','进行中','已完成','已取消')),
    done_date      TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX tasks_plan ON tasks(plan_id, seq);

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    doc_number  TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,
    recipients  TEXT,
    file_name   TEXT,
    status      TEXT NOT NULL DEFAULT '已发文' CHECK (status IN ('已发文','已作废')),
    cancel_reason TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (year, seq)
);

-- The clerk's own paragraphs (e.g. a summary's 存在的问题), kept so documents can be regenerated.
CREATE TABLE narratives (
    id          TEXT PRIMARY KEY,
    scope       TEXT NOT NULL,           -- e.g. 'summary:2024' or 'summary:2024H1'
    key         TEXT NOT NULL,           -- e.g. 'problems', 'next_steps'
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (scope, key)
);

CREATE TABLE change_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,    -- uuid, so logs of two copies can be merged/compared
    at          TEXT NOT NULL,
    actor       TEXT,
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
    before      TEXT,                    -- JSON of the row before
    after       TEXT,                    -- JSON of the row after
    batch       TEXT                     -- groups the changes of one user action (undo)
);
CREATE INDEX change_log_row ON change_log(table_name, row_id);
CREATE INDEX change_log_batch ON change_log(batch);
