-- Segment-spec ingestion. An anonymousId joined to a contact (by identify, alias or any call that
-- carries both it and a userId): calls sent later with only that anonymousId belong to the contact.
-- The first join wins; the row is erased with the contact.
CREATE TABLE segment_aliases (
  workspace_id  TEXT   NOT NULL,
  anonymous_id  TEXT   NOT NULL,
  contact_id    TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, anonymous_id)
);
CREATE INDEX segment_aliases_contact ON segment_aliases (workspace_id, contact_id);

-- The name an event key was first sent under ("Order Completed" for order_completed), shown by
-- the catalog; keys without a row are shown in title case.
CREATE TABLE event_names (
  workspace_id  TEXT NOT NULL,
  event_key     TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  PRIMARY KEY (workspace_id, event_key)
);
