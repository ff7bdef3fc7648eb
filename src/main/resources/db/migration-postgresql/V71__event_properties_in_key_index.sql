-- A rule with `where` reads its key's events in the window through events_key_contact_time and compares each one's
-- jsonb copy of its properties (V70): with the copy in the index, that is a read of the index alone, rather than a
-- look-up of every event's row (as SQLite's V69). A B-tree entry holds at most about 2,700 bytes, so only copies of at
-- most 2,000 bytes are kept (the writer binds NULL past that, EventStore.MAX_INDEXED_PROPERTIES_BYTES): the rare
-- event with larger properties is left to the evaluator, like an event whose text jsonb refuses.
UPDATE events SET properties_jsonb = NULL WHERE pg_column_size(properties_jsonb) > 2000;
DROP INDEX events_key_contact_time;
CREATE INDEX events_key_contact_time ON events (workspace_id, event_key, contact_id, occurred_at) INCLUDE (properties_jsonb);
