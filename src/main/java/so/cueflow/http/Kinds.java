package so.cueflow.http;

import com.fasterxml.jackson.databind.JsonNode;

/** How a JSON value is named in error messages. */
public final class Kinds {
    private Kinds() {
    }

    public static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        if (node.isNull()) return "null";
        if (node.isObject()) return "an object";
        if (node.isArray()) return "an array";
        if (node.isTextual()) return "a string";
        if (node.isBoolean()) return "a boolean";
        if (node.isNumber()) return "a number";
        return node.getNodeType().name().toLowerCase();
    }
}
