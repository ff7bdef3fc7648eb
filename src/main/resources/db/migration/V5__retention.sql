-- Days of raw events a workspace keeps (by occurred_at); NULL keeps them forever. Activity rollups
-- (count, first, last) are never purged.
ALTER TABLE workspaces ADD COLUMN event_retention_days BIGINT;

-- The retention purge finds a workspace's oldest events through this index.
CREATE INDEX events_workspace_time ON events (workspace_id, occurred_at);
