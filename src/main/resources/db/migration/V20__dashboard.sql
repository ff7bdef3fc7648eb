-- The dashboard's people. Users are not of one workspace: a membership gives a user a role in one.
CREATE TABLE users (
  id                   TEXT   NOT NULL PRIMARY KEY,
  email                TEXT   NOT NULL UNIQUE,
  name                 TEXT   NOT NULL,
  password_hash        TEXT   NOT NULL,
  password_changed_at  BIGINT NOT NULL,
  created_at           BIGINT NOT NULL
);

CREATE TABLE memberships (
  workspace_id  TEXT   NOT NULL,
  user_id       TEXT   NOT NULL,
  role          TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Signed-in browsers, in the database so that every server of a deployment knows them. Only the
-- hash of the cookie's token is kept; the CSRF token is bound to the session.
CREATE TABLE sessions (
  token_hash    TEXT   NOT NULL PRIMARY KEY,
  user_id       TEXT   NOT NULL,
  csrf_token    TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  last_seen_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

CREATE TABLE invitations (
  workspace_id  TEXT   NOT NULL,
  id            TEXT   NOT NULL,
  token_hash    TEXT   NOT NULL UNIQUE,
  role          TEXT   NOT NULL,
  invited_by    TEXT   NOT NULL,
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  revoked_at    BIGINT,
  accepted_at   BIGINT,
  accepted_by   TEXT,
  PRIMARY KEY (workspace_id, id)
);

-- One-time links printed by the server and the CLI: the first admin's setup, a new user, a password
-- reset. Usable once, until expires_at.
CREATE TABLE account_tokens (
  token_hash    TEXT   NOT NULL PRIMARY KEY,
  purpose       TEXT   NOT NULL,
  email         TEXT,
  workspace_id  TEXT,
  role          TEXT,
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  used_at       BIGINT
);

-- Failed sign-ins by subject ("email:..." or "address:..."), for slowing down guessing.
CREATE TABLE sign_in_failures (
  subject         TEXT   NOT NULL PRIMARY KEY,
  failures        BIGINT NOT NULL,
  last_failed_at  BIGINT NOT NULL
);
