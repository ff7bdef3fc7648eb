-- A rule with `where` reads its key's events in the window through events_key_contact_time, and then each event's
-- row elsewhere in the table for its properties: one lookup per event. With the properties in the index too, the
-- index alone answers it.
DROP INDEX events_key_contact_time;
CREATE INDEX events_key_contact_time ON events (workspace_id, event_key, contact_id, occurred_at, properties);
-- As in V61: statistics that describe the layout (many events per key, ~25 per contact and key), so that a key's
-- events in a window are read through this index rather than through events_workspace_time, which holds every
-- key's events of the window. A later ANALYZE replaces them with measured ones.
ANALYZE workspaces;  -- creates sqlite_stat1 if there is none
DELETE FROM sqlite_stat1 WHERE tbl = 'events';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('events', 'events_key_contact_time', '10000000 10000000 500000 25 1 1'),
  ('events', 'events_contact_key_time', '10000000 10000000 500 25 1'),
  ('events', 'events_workspace_time', '10000000 10000000 1'),
  ('events', 'sqlite_autoindex_events_1', '10000000 10000000 1'),
  ('events', 'sqlite_autoindex_events_2', '10000000 10000000 1');
ANALYZE workspaces;  -- and loads the statistics into this connection
