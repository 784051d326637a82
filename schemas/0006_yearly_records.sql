-- Facts of a year that the books do not hold and a work summary reports (meetings held,
-- 河长令 issued, cleaners and tonnes of floating waste, publicity, funding, 述职/考核,
-- 一河一策 / 划界 / 健康评价): one value per year and key, typed by the clerk
-- (hzconsole/books/yearly.py names the keys).
CREATE TABLE yearly_records (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (year, key)
);
