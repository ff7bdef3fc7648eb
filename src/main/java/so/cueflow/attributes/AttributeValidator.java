package so.cueflow.attributes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.FlatProperties;

import java.util.Set;

/** The rules for an attribute declaration; the API and the dashboard both call these. */
public final class AttributeValidator {
    public static final int MAX_NAME = 100;
    public static final String KEY_RULE = "must be letters, digits and underscores, starting with a letter or underscore,"
            + " at most 64 characters (the rule of custom attribute keys)";
    public static final String TYPE_RULE = "must be one of \"text\", \"number\", \"boolean\"";

    private AttributeValidator() {
    }

    public record Declaration(String key, String name, AttributeType type) {
    }

    public static Declaration forCreate(ObjectNode body) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(Set.of("key", "name", "type"));
        String key = fields.requiredString("key", 64);
        String name = fields.optionalString("name", MAX_NAME);
        String type = fields.requiredString("type", 16);
        Declaration declaration = declaration(fields, key, name, type);
        fields.throwIfInvalid();
        return declaration;
    }

    /** Form input of the dashboard: the same rules, the same messages. */
    public static Declaration forCreate(String key, String name, String type) {
        Fields fields = new Fields(new com.fasterxml.jackson.databind.node.ObjectNode(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance));
        if (key == null || key.isBlank()) fields.problem("key", "is required");
        if (type == null || type.isBlank()) fields.problem("type", "is required");
        if (name != null && name.length() > MAX_NAME) fields.problem("name", "must be at most " + MAX_NAME + " characters (got " + name.length() + ")");
        Declaration declaration = declaration(fields, key, name == null || name.isBlank() ? null : name, type);
        fields.throwIfInvalid();
        return declaration;
    }

    private static Declaration declaration(Fields fields, String key, String name, String type) {
        if (key != null && !key.isBlank() && !FlatProperties.isKey(key)) fields.problem("key", KEY_RULE);
        AttributeType parsed = null;
        if (type != null && !type.isBlank()) {
            parsed = AttributeType.fromWire(type).orElse(null);
            if (parsed == null) fields.problem("type", TYPE_RULE);
        }
        return new Declaration(key, name == null ? key : name, parsed);
    }

    /** PATCH: only the name may change; key and type are fixed after creation. */
    public static String forRename(ObjectNode body, Attribute current) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(Set.of("key", "name", "type"));
        if (fields.has("key") && !current.key().equals(fields.get("key").asText(null))) {
            fields.problem("key", "cannot be changed after creation; delete the attribute and declare a new one");
        }
        if (fields.has("type") && !current.type().wireName().equals(fields.get("type").asText(null))) {
            fields.problem("type", "cannot be changed after creation; delete the attribute and declare a new one");
        }
        String name = fields.requiredString("name", MAX_NAME);
        fields.throwIfInvalid();
        return name;
    }

    public static void requireKey(String key) {
        if (!FlatProperties.isKey(key)) throw ApiError.invalid("key", KEY_RULE);
    }

    public static ApiError notFound(String key) {
        return ApiError.notFound("attribute_not_found", "no attribute with key \"" + key + "\" in this workspace");
    }

    public static ApiError alreadyDeclared(String key) {
        return ApiError.conflict("the attribute \"" + key + "\" is already declared; its key and type are fixed");
    }
}
