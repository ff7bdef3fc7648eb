-- Audience counts read, per event key, the contacts that have it: these entries are contiguous here, and
-- written only when a contact first does a key (updates of count, first and last leave the index alone).
CREATE INDEX activity_key_contact ON activity (workspace_id, event_key, contact_id);
