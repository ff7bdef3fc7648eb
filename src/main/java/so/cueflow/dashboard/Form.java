package so.cueflow.dashboard;

import io.vertx.core.MultiMap;

import java.util.LinkedHashMap;
import java.util.Map;

/** A submitted form: the values as typed (shown again on error) and the problems found, by field. */
public final class Form {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    public static Form empty() {
        return new Form();
    }

    static Form of(MultiMap attributes) {
        Form form = new Form();
        attributes.forEach(entry -> form.values.putIfAbsent(entry.getKey(), entry.getValue()));
        return form;
    }

    public static Form of(Map<String, String> values) {
        Form form = new Form();
        form.values.putAll(values);
        return form;
    }

    /** The value as typed, or "" (templates show it back without null checks). */
    public String value(String field) {
        String value = values.get(field);
        return value == null ? "" : value;
    }

    /** The value trimmed, or null when blank. */
    public String trimmed(String field) {
        String value = values.get(field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** Records a problem with a field; a null message means none. Returns this form. */
    public Form reject(String field, String message) {
        if (message != null) errors.putIfAbsent(field, message);
        return this;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public Map<String, String> errors() {
        return Map.copyOf(errors);
    }
}
