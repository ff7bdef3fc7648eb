package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import so.cueflow.http.FlatProperties;
import so.cueflow.http.Json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Segment's nested properties and traits as Cueflow's flat ones. Nested keys are joined with "_"
 * ({"address": {"city": "Oslo"}} becomes address_city); every character a Cueflow key may not hold
 * becomes "_", and a key that would start with a digit gets a leading "_". An array becomes its JSON
 * text, a string property (so {@code contains} can match an element). What cannot be kept — a null
 * (unless nulls mean removal), a string or array text over 1,000 characters, a key over 64
 * characters, a second key that flattens to the same name, keys beyond the limit — is left out and
 * listed in {@link Dropped}, which the response and the metrics report.
 */
final class Flattening {
    private static final Pattern NOT_KEY_CHARACTER = Pattern.compile("[^A-Za-z0-9_]");
    private static final int MAX_KEY = 64;

    enum Reason {
        NULL, TOO_LONG, KEY_TOO_LONG, DUPLICATE_KEY, TOO_MANY;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Dropped(String field, Reason reason) {
    }

    record Flat(Map<String, JsonNode> values, List<Dropped> dropped) {
    }

    private final int maxKeys;
    private final boolean nullRemoves;
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final List<Dropped> dropped;

    private Flattening(int maxKeys, boolean nullRemoves, List<Dropped> dropped) {
        this.maxKeys = maxKeys;
        this.nullRemoves = nullRemoves;
        this.dropped = dropped;
    }

    /** The flat values of {@code object} (null or an object); what was left out is added to {@code dropped}. */
    static Map<String, JsonNode> flatten(JsonNode object, String path, int maxKeys, boolean nullRemoves, List<Dropped> dropped) {
        return flatten(object, "", path, maxKeys, nullRemoves, dropped);
    }

    /** As above, each key starting with {@code keyPrefix} and "_" (for a group's traits: group_name). */
    static Map<String, JsonNode> flatten(JsonNode object, String keyPrefix, String path, int maxKeys, boolean nullRemoves,
                                         List<Dropped> dropped) {
        Flattening flattening = new Flattening(maxKeys, nullRemoves, dropped);
        if (object != null && object.isObject()) flattening.walk(object, keyPrefix, path);
        return flattening.values;
    }

    static String key(String name) {
        String key = keyCharacters(name);
        if (key.isEmpty() || Character.isDigit(key.charAt(0))) key = "_" + key;
        return key;
    }

    /** The name with every character a key may not hold as "_"; most names need no change and are returned as they are. */
    private static String keyCharacters(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return NOT_KEY_CHARACTER.matcher(name).replaceAll("_");
        }
        return name;
    }

    private void walk(JsonNode object, String keyPrefix, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = keyPrefix.isEmpty() ? key(field.getKey()) : keyPrefix + "_" + keyCharacters(field.getKey());
            String fieldPath = path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) walk(value, key, fieldPath);
            else add(key, fieldPath, value);
        }
    }

    private void add(String key, String path, JsonNode value) {
        JsonNode kept = value.isArray() ? JsonNodeFactory.instance.textNode(Json.writeString(value)) : value;
        Reason reason = null;
        if (value.isNull() && !nullRemoves) reason = Reason.NULL;
        else if (key.length() > MAX_KEY) reason = Reason.KEY_TOO_LONG;
        else if (kept.isTextual() && kept.textValue().length() > FlatProperties.MAX_STRING) reason = Reason.TOO_LONG;
        else if (values.containsKey(key)) reason = Reason.DUPLICATE_KEY;
        else if (values.size() >= maxKeys) reason = Reason.TOO_MANY;
        if (reason != null) dropped.add(new Dropped(path, reason));
        else values.put(key, kept);
    }
}
