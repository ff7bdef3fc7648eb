-- Raw events that occurred before this instant may have been deleted by the retention purge; NULL: none ever were.
-- At or after it a workspace's raw events are complete, so a window starting there is answered from the activity
-- rollups where they suffice (docs/targeting.md). A store made by an earlier version kept no record of its purges: a
-- workspace whose rollups count more events than it still holds lost some, at some time before now.
ALTER TABLE workspaces ADD COLUMN events_purged_before BIGINT;
UPDATE workspaces SET events_purged_before = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT
WHERE COALESCE((SELECT SUM(a.event_count) FROM activity a WHERE a.workspace_id = workspaces.id), 0)
   <> (SELECT COUNT(*) FROM events e WHERE e.workspace_id = workspaces.id);
