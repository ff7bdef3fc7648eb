package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Segment's reserved traits as contact fields: email, name (or firstName and lastName joined by a
 * space), phone, avatar → avatarUrl, plan, createdAt → signedUpAt (an ISO-8601 string; any other
 * value stays a custom attribute). Every other trait becomes a custom attribute, flattened as
 * event properties are, where null removes the attribute.
 */
final class TraitNames {
    private static final Map<String, String> FIELDS = Map.of("email", "email", "name", "name", "phone", "phone",
            "avatar", "avatarUrl", "plan", "plan", "createdAt", "signedUpAt");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TraitNames() {
    }

    static ObjectNode contactBody(ObjectNode traits, String path, List<Flattening.Dropped> dropped) {
        ObjectNode body = NODES.objectNode();
        ObjectNode rest = traits.deepCopy();
        FIELDS.forEach((trait, field) -> {
            JsonNode value = rest.get(trait);
            if (value == null || (trait.equals("createdAt") && !value.isTextual())) return;
            body.set(field, value);
            rest.remove(trait);
        });
        String joined = fullName(rest.remove("firstName"), rest.remove("lastName"));
        if (!body.has("name") && joined != null) body.put("name", joined);
        Map<String, JsonNode> attributes = Flattening.flatten(rest, path, Translation.MAX_ATTRIBUTES, true, dropped);
        if (!attributes.isEmpty()) body.set("customAttributes", NODES.objectNode().setAll(attributes));
        return body;
    }

    private static String fullName(JsonNode first, JsonNode last) {
        String joined = ((first != null && first.isTextual() ? first.textValue() : "") + " "
                + (last != null && last.isTextual() ? last.textValue() : "")).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** The Segment field a contact validation problem is about: avatarUrl is traits.avatar, and so on. */
    static String segmentField(SegmentCall call, String contactField) {
        String traits = Translation.field(call, "traits");
        if (contactField.startsWith("customAttributes.")) {
            String key = contactField.substring("customAttributes.".length());
            return call.type() == CallType.GROUP && key.equals("groupId") ? Translation.field(call, "groupId") : traits + "." + key;
        }
        for (Map.Entry<String, String> entry : FIELDS.entrySet()) {
            if (entry.getValue().equals(contactField)) return traits + "." + entry.getKey();
        }
        return traits + "." + contactField;
    }
}
