-- SQLite's V60 stores activity in (workspace, event key, contact) order. PostgreSQL keeps the heap and its
-- indexes from V1 and V10: its planner reads an event key's contacts through activity_key_contact and their
-- rollups from the heap, and an index that also held count, first and last would be rewritten on every event.
COMMENT ON TABLE activity IS 'per contact and event key: how many events, the first and the last (epoch millis)';
