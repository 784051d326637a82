-- Column mappings the clerk confirmed for a ledger layout, proposed again next time.
-- A layout is known by its kind and its header row (the headers normalised: full-width
-- folded, spaces and markers dropped), so a village's form maps itself after the first time.
CREATE TABLE import_layouts (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,            -- rivers, chiefs, signboards, patrols, problems, tasks
    header_key TEXT NOT NULL,            -- the normalised headers, tab-separated
    headers    TEXT NOT NULL,            -- JSON list of the headers as written
    mapping    TEXT NOT NULL,            -- JSON {normalised header: field key, "" = not imported}
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (kind, header_key)
);
