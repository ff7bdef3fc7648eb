-- Eligibility checks on every page view that a contact's kept facts are current by the sum of the event counts of its
-- rollups. With the count in this index that sum reads the index alone: 5 µs of CPU per contact instead of 44 µs
-- spent looking up each rollup in the table (sqlite3 shell, 200,000 contacts x 20 keys, warm cache). Uniqueness of
-- (workspace, contact, key) stays with the primary key, on which the writers' upserts conflict.
DROP INDEX activity_contact_key;
CREATE INDEX activity_contact_key ON activity (workspace_id, contact_id, event_key, event_count);
-- As in V61: statistics that describe the layout, so that one contact's rows are read through this index.
ANALYZE workspaces;
DELETE FROM sqlite_stat1 WHERE tbl = 'activity' AND idx = 'activity_contact_key';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('activity', 'activity_contact_key', '1000000 1000000 20 1 1');
ANALYZE workspaces;
