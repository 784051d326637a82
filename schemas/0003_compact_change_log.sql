-- hzconsole schema version 2: the change log made compact (issue 15).
-- Entries written before this version hold the whole row before and after every write (half
-- of a ten-year file). The program now keeps (see hzconsole/store/changelog.py): for an
-- update the changed fields only (and updated_at), for an insert the id only, one entry
-- listing the ids for a run of inserts into one table in one action (an import), and for a
-- delete the whole row (undo puts it back). Older entries are rewritten here the same way;
-- the pages they free are reused by later writes (VACUUM gives them back to the disk).

-- Updates: the fields that changed, before and after.
UPDATE change_log SET
    before = (SELECT json_group_object(b.key, b.value) FROM json_each(change_log.before) AS b
              LEFT JOIN json_each(change_log.after) AS a ON a.key = b.key
              WHERE b.key = 'updated_at' OR a.key IS NULL OR a.type IS NOT b.type OR a.value IS NOT b.value),
    after = (SELECT json_group_object(a.key, a.value) FROM json_each(change_log.after) AS a
             LEFT JOIN json_each(change_log.before) AS b ON b.key = a.key
             WHERE a.key = 'updated_at' OR b.key IS NULL OR a.type IS NOT b.type OR a.value IS NOT b.value)
WHERE op = 'update' AND table_name <> 'settings'
  AND json_type(before) = 'object' AND json_type(after) = 'object';

-- Inserts: the row holds its values.
UPDATE change_log SET after = NULL
WHERE op = 'insert' AND table_name <> 'settings' AND json_type(after) = 'object';

-- Runs of inserts into one table in one action (consecutive entries): one entry each.
CREATE TEMP TABLE compact_runs AS
    SELECT seq, row_id, batch, table_name,
           seq - row_number() OVER (PARTITION BY batch, table_name ORDER BY seq) AS run
    FROM change_log
    WHERE op = 'insert' AND table_name <> 'settings' AND after IS NULL AND batch IS NOT NULL;
CREATE INDEX temp.compact_runs_key ON compact_runs (batch, table_name, run, seq);
CREATE TEMP TABLE compact_heads AS
    SELECT batch, table_name, run, min(seq) AS head FROM compact_runs
    GROUP BY batch, table_name, run HAVING count(*) > 1;
CREATE INDEX temp.compact_heads_head ON compact_heads (head);
UPDATE change_log SET after = (
    SELECT json_group_array(row_id) FROM (
        SELECT r.row_id FROM compact_heads AS h
        JOIN compact_runs AS r ON r.batch = h.batch AND r.table_name = h.table_name AND r.run = h.run
        WHERE h.head = change_log.seq ORDER BY r.seq))
WHERE seq IN (SELECT head FROM compact_heads);
DELETE FROM change_log WHERE seq IN (
    SELECT r.seq FROM compact_runs AS r
    JOIN compact_heads AS h ON r.batch = h.batch AND r.table_name = h.table_name AND r.run = h.run
    WHERE r.seq <> h.head);
DROP TABLE temp.compact_heads;
DROP TABLE temp.compact_runs;
