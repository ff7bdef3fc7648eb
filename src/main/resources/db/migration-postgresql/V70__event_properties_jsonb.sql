-- Where conditions compare members of an event's properties in SQL (the audience preview). Casting the text to jsonb
-- for every event such a rule reads was about half of its cost, so the table keeps a jsonb copy, parsed once when the
-- event is written, as contacts keep one of their custom attributes (V67). It is NULL where the text is not valid
-- jsonb (an escaped NUL, which jsonb refuses), and those events are left to the evaluator. Not a generated column:
-- the writer binds the copy itself (EventStore.jsonbCopy), which costs PostgreSQL the cast alone, where a generated
-- column would have to try the cast (jsonb_or_null, a subtransaction per event) to be sure no write fails on it.
ALTER TABLE events ADD COLUMN properties_jsonb JSONB;
UPDATE events SET properties_jsonb = jsonb_or_null(properties);
