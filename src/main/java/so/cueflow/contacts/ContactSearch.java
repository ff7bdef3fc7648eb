package so.cueflow.contacts;

import java.util.List;
import java.util.Locale;

/** A case-insensitive substring search over email, name and externalId, as a SQL condition. */
public record ContactSearch(String text) {
    public static final ContactSearch NONE = new ContactSearch(null);

    public boolean isEmpty() {
        return text == null || text.isBlank();
    }

    /** " AND (…)" to append to a WHERE on the contacts table, or "" when there is nothing to search. */
    public String condition() {
        if (isEmpty()) return "";
        return " AND (LOWER(email) LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(external_id) LIKE ? ESCAPE '\\')";
    }

    public List<String> parameters() {
        if (isEmpty()) return List.of();
        String escaped = text.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String pattern = "%" + escaped + "%";
        return List.of(pattern, pattern, pattern);
    }
}
