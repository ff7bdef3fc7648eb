-- Where conditions compare members of an event's properties in SQL (the audience preview). Casting the text to jsonb
-- for every event such a rule reads was about half of its cost, so the table keeps a jsonb copy, parsed once when the
-- event is written, as contacts keep one of their custom attributes (V67). It is NULL where the text is not valid
-- jsonb (an escaped NUL, which jsonb refuses), and those events are left to the evaluator.
-- Filled for the stored events as a generated column (one rewrite of the table, faster than an UPDATE of every row),
-- then made a plain column that the writer binds itself (EventStore.jsonbCopy): that costs PostgreSQL the cast alone,
-- where a generated column must try the cast (jsonb_or_null, a subtransaction per event) so that no write fails on it.
ALTER TABLE events ADD COLUMN properties_jsonb JSONB GENERATED ALWAYS AS (jsonb_or_null(properties)) STORED;
ALTER TABLE events ALTER COLUMN properties_jsonb DROP EXPRESSION;
