package so.cueflow.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.FlatProperties;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of spec section 3 for a contact body. */
public final class ContactValidator {
    static final int MAX_EXTERNAL_ID = 255;
    static final int MAX_CUSTOM_ATTRIBUTES = 100;
    private static final Set<String> FIELDS = Set.of("externalId", "email", "name", "phone", "avatarUrl", "role",
            "plan", "signedUpAt", "customAttributes");
    private static final Map<String, Integer> TEXT_LIMITS = Map.of("email", 255, "name", 255, "phone", 64,
            "avatarUrl", 2048, "role", 255, "plan", 255);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern URL = Pattern.compile("^https?://\\S+$");

    private ContactValidator() {
    }

    public record Upsert(String externalId, ContactChanges changes) {
    }

    public static Upsert forUpsert(ObjectNode body) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(FIELDS);
        String externalId = fields.optionalString("externalId", MAX_EXTERNAL_ID);
        ContactChanges changes = changes(fields);
        String email = (String) changes.fields().getOrDefault("email", Optional.empty()).orElse(null);
        if (externalId == null && email == null && fields.problems().isEmpty()) {
            fields.problem("externalId", "is required (or give an email, which then serves as the externalId)");
        }
        fields.throwIfInvalid();
        return new Upsert(externalId != null ? externalId : email, changes);
    }

    public static ContactChanges forPatch(ObjectNode body, String pathExternalId) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(FIELDS);
        String externalId = fields.optionalString("externalId", MAX_EXTERNAL_ID);
        if (externalId != null && !externalId.equals(pathExternalId)) {
            fields.problem("externalId", "cannot be changed; it must equal the one in the path or be left out");
        }
        ContactChanges changes = changes(fields);
        fields.throwIfInvalid();
        return changes;
    }

    private static ContactChanges changes(Fields fields) {
        Map<String, Optional<Object>> values = new HashMap<>();
        TEXT_LIMITS.forEach((name, max) -> {
            if (fields.has(name)) values.put(name, Optional.ofNullable(fields.optionalString(name, max)));
        });
        checkFormat(fields, values, "email", EMAIL, "must be an email address such as \"jane@example.com\"");
        checkFormat(fields, values, "avatarUrl", URL, "must be an http:// or https:// URL");
        if (fields.has("signedUpAt")) values.put("signedUpAt", Optional.ofNullable(fields.optionalTimestamp("signedUpAt")));
        return new ContactChanges(values, customAttributes(fields));
    }

    private static void checkFormat(Fields fields, Map<String, Optional<Object>> values, String name, Pattern pattern, String message) {
        Optional<Object> value = values.get(name);
        if (value != null && value.isPresent() && !pattern.matcher((String) value.get()).matches()) {
            fields.problem(name, message);
        }
    }

    private static Map<String, JsonNode> customAttributes(Fields fields) {
        if (!fields.has("customAttributes") || fields.isNull("customAttributes")) return Map.of();
        Map<String, JsonNode> values = FlatProperties.read(fields.get("customAttributes"), "customAttributes",
                MAX_CUSTOM_ATTRIBUTES, true, fields);
        return values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    static void requireExternalId(String externalId) {
        if (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID) {
            throw ApiError.invalid("externalId", "must be 1 to " + MAX_EXTERNAL_ID + " characters");
        }
    }
}
