package so.cueflow.storage;

/**
 * A column holding a flat JSON object as text, and how PostgreSQL reads it as jsonb: cast from the text by each
 * comparison, or from a jsonb copy the table keeps beside it ({@code storedJsonb}, NULL where the text is not valid
 * jsonb, such as an escaped NUL), which spares parsing the text once per row and comparison.
 */
public record JsonColumn(String text, String storedJsonb) {

    /** A text column that PostgreSQL casts to jsonb where it compares a member. */
    public static JsonColumn text(String column) {
        return new JsonColumn(column, null);
    }

    /** A text column with a stored jsonb copy. */
    public static JsonColumn withJsonb(String column, String storedJsonb) {
        return new JsonColumn(column, storedJsonb);
    }

    /** The column as jsonb on PostgreSQL. */
    String jsonb() {
        return storedJsonb != null ? storedJsonb : text + "::jsonb";
    }
}
