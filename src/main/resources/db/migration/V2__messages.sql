CREATE TABLE messages (
  workspace_id  TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  name          TEXT   NOT NULL,
  message_type  TEXT   NOT NULL,
  content       TEXT   NOT NULL,
  targeting     TEXT   NOT NULL,
  status        TEXT   NOT NULL,
  start_date    TEXT,
  end_date      TEXT,
  frequency     TEXT   NOT NULL,
  priority      BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX messages_status ON messages (workspace_id, status);

CREATE TABLE message_interactions (
  workspace_id  TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  message_id    TEXT   NOT NULL,
  contact_id    TEXT   NOT NULL,
  kind          TEXT   NOT NULL,
  button        TEXT,
  occurred_at   BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX message_interactions_contact ON message_interactions (workspace_id, contact_id, message_id);
CREATE INDEX message_interactions_message ON message_interactions (workspace_id, message_id, kind);
