-- Audience counts with a window or a condition on properties ("bought 2 times in the last 30 days for more than
-- 100") read one event key's raw events, contact by contact, properties included. Through events_key_contact_time
-- each of those events cost a lookup of its row elsewhere in the table; stored in (workspace, event key, contact,
-- time) order they are one contiguous range of the table itself, and that index is no longer needed.
-- Eligibility's and the timeline's reads of one contact's events go through events_contact_key_time, as before;
-- an event's id and idempotency key stay unique.
-- Properties are stored as SQLite's binary JSON (JSONB), parsed once when written instead of by every comparison
-- of a property; json(properties) renders the text that was written, byte for byte.
CREATE TABLE events_by_event_key (
  workspace_id  TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  contact_id    TEXT   NOT NULL,
  event_key     TEXT   NOT NULL,
  properties    BLOB   NOT NULL,
  occurred_at   BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  event_id      TEXT,
  PRIMARY KEY (workspace_id, event_key, contact_id, occurred_at, id),
  UNIQUE (workspace_id, id),
  UNIQUE (workspace_id, event_id)
) WITHOUT ROWID;

INSERT INTO events_by_event_key (workspace_id, id, contact_id, event_key, properties, occurred_at, created_at, event_id)
  SELECT workspace_id, id, contact_id, event_key, jsonb(properties), occurred_at, created_at, event_id FROM events
  ORDER BY workspace_id, event_key, contact_id, occurred_at, id;

DROP TABLE events;
ALTER TABLE events_by_event_key RENAME TO events;
CREATE INDEX events_contact_key_time ON events (workspace_id, contact_id, event_key, occurred_at);
CREATE INDEX events_workspace_time ON events (workspace_id, occurred_at);
-- As in V61: statistics that describe the layout (many events per key, ~25 per contact and key), so that a key's
-- events are read as that range of the table and one contact's through events_contact_key_time. Without them
-- SQLite reads a window of a key's events through events_workspace_time, every key's events of the window.
ANALYZE workspaces;  -- creates sqlite_stat1 if there is none
DELETE FROM sqlite_stat1 WHERE tbl = 'events';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('events', 'events', '10000000 10000000 500000 25 1 1'),
  ('events', 'sqlite_autoindex_events_2', '10000000 10000000 1'),
  ('events', 'sqlite_autoindex_events_3', '10000000 10000000 1'),
  ('events', 'events_contact_key_time', '10000000 10000000 500 25 1'),
  ('events', 'events_workspace_time', '10000000 10000000 1');
ANALYZE workspaces;  -- and loads the statistics into this connection
