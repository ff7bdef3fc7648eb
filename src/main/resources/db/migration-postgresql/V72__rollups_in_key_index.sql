-- Rules answered from rollups (has_done, counts, first/last done within, windows answered from the last time) read
-- an event key's contacts through activity_key_contact, and then each contact's rollup from the table: rows are
-- stored contact by contact (as ingest writes them), so one key's rollups lie on nearly every page of the table's
-- part for those contacts. With count, first and last in the index, such a rule reads the index alone (for the pages
-- the visibility map marks all-visible). The price is paid by ingest: the index's columns now change with every
-- event, so a rollup update writes a new entry in both of activity's indexes instead of updating the row in place (a
-- HOT update); docs/benchmarks.md measures both sides.
CREATE INDEX activity_key_contact_rollups ON activity (workspace_id, event_key, contact_id) INCLUDE (event_count, first_at, last_at);
DROP INDEX activity_key_contact;
ALTER INDEX activity_key_contact_rollups RENAME TO activity_key_contact;
