CREATE TABLE workspaces (
  id          TEXT   NOT NULL PRIMARY KEY,
  name        TEXT   NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL
);

CREATE TABLE api_keys (
  workspace_id  TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  kind          TEXT   NOT NULL,
  name          TEXT   NOT NULL,
  prefix        TEXT   NOT NULL,
  key_hash      TEXT   NOT NULL UNIQUE,
  created_at    BIGINT NOT NULL,
  last_used_at  BIGINT,
  revoked_at    BIGINT,
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX api_keys_revoked ON api_keys (revoked_at);

CREATE TABLE contacts (
  workspace_id       TEXT   NOT NULL,
  id                 TEXT   NOT NULL,
  external_id        TEXT   NOT NULL,
  email              TEXT,
  name               TEXT,
  phone              TEXT,
  avatar_url         TEXT,
  role               TEXT,
  plan               TEXT,
  signed_up_at       BIGINT,
  custom_attributes  TEXT   NOT NULL,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL,
  last_seen_at       BIGINT,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, external_id)
);
CREATE INDEX contacts_email ON contacts (workspace_id, email);

CREATE TABLE events (
  workspace_id  TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  contact_id    TEXT   NOT NULL,
  event_key     TEXT   NOT NULL,
  properties    TEXT   NOT NULL,
  occurred_at   BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  event_id      TEXT,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, event_id)
);
CREATE INDEX events_contact_key_time ON events (workspace_id, contact_id, event_key, occurred_at);

-- The read model of targeting: one row per (contact, eventKey), kept with min/max so that
-- late and out-of-order events stay exact.
CREATE TABLE activity (
  workspace_id  TEXT   NOT NULL,
  contact_id    TEXT   NOT NULL,
  event_key     TEXT   NOT NULL,
  event_count   BIGINT NOT NULL,
  first_at      BIGINT NOT NULL,
  last_at       BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, contact_id, event_key)
);

CREATE TABLE event_properties (
  workspace_id   TEXT NOT NULL,
  event_key      TEXT NOT NULL,
  property       TEXT NOT NULL,
  property_type  TEXT NOT NULL,
  PRIMARY KEY (workspace_id, event_key, property, property_type)
);
