-- Stored events per UTC day and event key (day = floor(occurred_at / 86 400 000), days since
-- 1970-01-01). Kept by the ingest writer, the contact erase and the retention purge in the same
-- transaction as the events they add or delete, so it always equals a recount of the events table.
CREATE TABLE event_days (
  workspace_id  TEXT   NOT NULL,
  day           BIGINT NOT NULL,
  event_key     TEXT   NOT NULL,
  event_count   BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, day, event_key)
);

INSERT INTO event_days (workspace_id, day, event_key, event_count)
  SELECT workspace_id, occurred_at / 86400000, event_key, COUNT(*) FROM events
  GROUP BY workspace_id, occurred_at / 86400000, event_key;

-- The dashboard's editable display names of event keys live in event_names (created by V30).

-- Declared custom attributes: their values on contacts must have the declared type.
CREATE TABLE attributes (
  workspace_id  TEXT   NOT NULL,
  attribute_key TEXT   NOT NULL,
  name          TEXT   NOT NULL,
  value_type    TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, attribute_key)
);
