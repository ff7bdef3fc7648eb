-- Without statistics SQLite prefers the primary key's (workspace) prefix to the index for one contact's rows,
-- which would read the whole workspace for every eligibility request. These figures describe the layout (many
-- contacts per workspace, ~20 keys per contact, many contacts per key), not a measurement; a later ANALYZE
-- replaces them with measured ones, which keep the same order of selectivity.
ANALYZE workspaces;  -- creates sqlite_stat1 if there is none
DELETE FROM sqlite_stat1 WHERE tbl = 'activity';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('activity', 'activity', '1000000 1000000 50000 1'),
  ('activity', 'activity_contact_key', '1000000 1000000 20 1');
ANALYZE workspaces;  -- and loads the statistics into this connection; Database.migrate renews the others
