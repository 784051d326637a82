-- The parenthesis of an upper-level plan naming who leads, helps and carries out a task,
-- kept verbatim beside the parsed units: a re-issued plan prints it exactly as written.
ALTER TABLE tasks ADD COLUMN units_text TEXT;
