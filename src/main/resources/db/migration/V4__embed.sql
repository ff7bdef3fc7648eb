-- Per-workspace settings of the embed script. A workspace without a row has no allowed origins and
-- requires identity verification (with no secret yet, so every embed identity is refused).
CREATE TABLE workspace_settings (
  workspace_id           TEXT   NOT NULL PRIMARY KEY,
  allowed_origins        TEXT   NOT NULL,
  identity_verification  TEXT   NOT NULL,
  identity_secret        TEXT,
  updated_at             BIGINT NOT NULL
);
