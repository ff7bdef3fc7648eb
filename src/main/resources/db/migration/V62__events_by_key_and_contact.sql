-- Audience counts over a window ("has done X 3 times in the last 30 days", where conditions on properties) read one
-- event key's raw events grouped by contact: this index holds them as one range in contact order, so both engines
-- group without sorting and merge the range with other rules' contact-ordered sets (activity, V60), where
-- events_contact_key_time (per contact, for eligibility) made them read every event of the workspace.
CREATE INDEX events_key_contact_time ON events (workspace_id, event_key, contact_id, occurred_at);
