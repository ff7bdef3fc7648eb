-- Custom-attribute rules compare members of a contact's custom attributes in SQL (the audience preview). Casting the
-- text to jsonb on every row a rule reads was most of such a rule's cost, so the table keeps a jsonb copy, parsed once
-- per write. It is NULL where the text is not valid jsonb (jsonb refuses an escaped NUL), and those contacts are left
-- to the evaluator. The function returns NULL rather than fail, so that no write and no existing row can fail on it.
CREATE FUNCTION jsonb_or_null(document TEXT) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN document::jsonb;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$$;
ALTER TABLE contacts ADD COLUMN custom_attributes_jsonb JSONB GENERATED ALWAYS AS (jsonb_or_null(custom_attributes)) STORED;
