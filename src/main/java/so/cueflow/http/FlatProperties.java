package so.cueflow.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A flat JSON object of string, finite number or boolean values: event properties and contact
 * custom attributes share these rules.
 */
public final class FlatProperties {
    public static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");
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
            String keyPath = path + "." + key;
            if (!KEY.matcher(key).matches()) {
                fields.problem(keyPath, "invalid key: use letters, digits and underscores, starting with a letter or underscore, at most 64 characters");
            } else {
                checkValue(entry.getValue(), keyPath, nullRemoves, fields);
            }
            values.put(key, entry.getValue());
        });
        return fields.problems().size() == before ? values : null;
    }

    private static void checkValue(JsonNode value, String path, boolean nullRemoves, Fields fields) {
        if (value.isNull()) {
            if (!nullRemoves) fields.problem(path, "is null; keep properties flat: a string, number or boolean");
        } else if (value.isObject()) {
            fields.problem(path, "is a nested object; keep properties flat: a string, number or boolean");
        } else if (value.isArray()) {
            fields.problem(path, "is an array; keep properties flat: a string, number or boolean");
        } else if (value.isTextual() && value.textValue().length() > MAX_STRING) {
            fields.problem(path, "is " + value.textValue().length() + " characters; at most " + MAX_STRING + " are allowed");
        } else if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            fields.problem(path, "must be a finite number");
        }
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
