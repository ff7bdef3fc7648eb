-- SQLite's V61 gives its planner statistics for V60's activity layout. PostgreSQL gathers its own (autovacuum's
-- ANALYZE); its activity table is unchanged.
COMMENT ON INDEX activity_key_contact IS 'an event key''s contacts, for audience counts (V10)';
