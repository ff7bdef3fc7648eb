-- Audience counts read, per event key, the contacts that have it together with their count, first and last.
-- Stored in (workspace, event key, contact) order, those rows are one contiguous range of the table itself, read
-- without a lookup per contact; eligibility's reads of one contact's rollups go through activity_contact_key.
-- Updates of count, first and last touch the table row only, as before.
CREATE TABLE activity_by_event_key (
  workspace_id  TEXT   NOT NULL,
  contact_id    TEXT   NOT NULL,
  event_key     TEXT   NOT NULL,
  event_count   BIGINT NOT NULL,
  first_at      BIGINT NOT NULL,
  last_at       BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, event_key, contact_id)
) WITHOUT ROWID;

INSERT INTO activity_by_event_key (workspace_id, contact_id, event_key, event_count, first_at, last_at)
  SELECT workspace_id, contact_id, event_key, event_count, first_at, last_at FROM activity
  ORDER BY workspace_id, event_key, contact_id;

DROP TABLE activity;
ALTER TABLE activity_by_event_key RENAME TO activity;
CREATE UNIQUE INDEX activity_contact_key ON activity (workspace_id, contact_id, event_key);

