-- Issued documents keep their .docx: written in the same transaction as the register entry,
-- so a 文号 and its document are one fact (a kill can no longer leave a finished document
-- whose number the register lacks), and the register can reprint or re-export a document
-- whose copy on disk is lost. Not a book: written once, never edited, not in change_log.
CREATE TABLE document_files (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    docx        BLOB NOT NULL,
    sha256      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Drafts: generated, viewed and regenerated without a number; 定稿 (issue) takes the 文号
-- once and links the draft to its register entry.
CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,           -- notice, plan, circular, announcement, assignment, summary
    subject     TEXT NOT NULL,           -- what it covers: 2026年10月巡河通报, 交办单-WT2026-003
    title       TEXT NOT NULL,
    options     TEXT NOT NULL,           -- JSON: the options it was made with
    file_name   TEXT,                    -- where the draft was last written
    document_id TEXT REFERENCES documents(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX drafts_subject ON drafts(kind, subject);
