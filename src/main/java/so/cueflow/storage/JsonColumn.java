package so.cueflow.storage;

/**
 * A column holding a flat JSON object as text, and the jsonb copy PostgreSQL's table keeps beside it
 * ({@code storedJsonb}, NULL where the text is not valid jsonb, such as an escaped NUL), which spares parsing the
 * text once per row and comparison. SQLite reads {@code text} (stored as JSONB for event properties).
 */
public record JsonColumn(String text, String storedJsonb) {
}
