-- Audience counts with conditions on properties ("bought twice in the last 30 days for more than 100") parsed each
-- event's properties once per comparison. Stored as SQLite's binary JSON (JSONB) they are parsed once, when the event
-- is written. json(properties) renders the text that was written, byte for byte; json_extract and json_type read
-- either form. The column keeps its declared type, TEXT: SQLite stores a blob in it as it is.
UPDATE events SET properties = jsonb(properties);
