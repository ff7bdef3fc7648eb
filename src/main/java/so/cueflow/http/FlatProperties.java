package so.cueflow.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flat JSON object of string, finite number or boolean values: event properties and contact
 * custom attributes share these rules.
 */
public final class FlatProperties {
    public static final int MAX_KEY = 64;
    public static final int MAX_STRING = 1_000;

    private FlatProperties() {
    }

    /**
     * Validates {@code node}; returns the values (JSON nodes) by key, or null when invalid.
     * With {@code nullRemoves}, a JSON null is kept as a removal marker instead of an error.
     */
    public static Map<String, JsonNode> read(JsonNode node, String path, int maxKeys, boolean nullRemoves, Fields fields) {
        if (!node.isObject()) {
            fields.problem(path, "must be an object of string, number or boolean values, not " + Kinds.of(node));
            return null;
        }
        if (node.size() > maxKeys) {
            fields.problem(path, "has " + node.size() + " keys; at most " + maxKeys + " are allowed");
            return null;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        int before = fields.problems().size();
        node.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (!isKey(key)) {
                fields.problem(path + "." + key, "invalid key: use letters, digits and underscores, starting with a letter or underscore, at most 64 characters");
            } else {
                String problem = problemOf(entry.getValue(), nullRemoves);
                if (problem != null) fields.problem(path + "." + key, problem);
            }
            values.put(key, entry.getValue());
        });
        return fields.problems().size() == before ? values : null;
    }

    /**
     * A key of properties and custom attributes: 1 to 64 ASCII letters, digits and underscores, not starting with a
     * digit. Checked by hand: a regular expression per key was a visible share of batch ingest.
     */
    public static boolean isKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY) return false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) return false;
        }
        return true;
    }

    /** What is wrong with a value, or null when nothing is (the caller writes the problem's path only then). */
    private static String problemOf(JsonNode value, boolean nullRemoves) {
        if (value.isNull()) return nullRemoves ? null : "is null; keep properties flat: a string, number or boolean";
        if (value.isObject()) return "is a nested object; keep properties flat: a string, number or boolean";
        if (value.isArray()) return "is an array; keep properties flat: a string, number or boolean";
        if (value.isTextual() && value.textValue().length() > MAX_STRING) {
            return "is " + value.textValue().length() + " characters; at most " + MAX_STRING + " are allowed";
        }
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) return "must be a finite number";
        return null;
    }

    public static String typeOf(JsonNode value) {
        if (value.isTextual()) return "string";
        if (value.isNumber()) return "number";
        return "boolean";
    }

    public static Object plain(JsonNode value) {
        if (value.isTextual()) return value.textValue();
        if (value.isBoolean()) return value.booleanValue();
        if (value.isIntegralNumber() && value.canConvertToLong()) return value.longValue();
        return value.doubleValue();
    }
}
