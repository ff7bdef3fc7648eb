package so.cueflow.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a request changes on a contact. A field that is absent stays as it is; a field present as
 * null is cleared; a custom attribute set to null is removed, the others are merged in.
 */
public record ContactChanges(Map<String, Optional<Object>> fields, Map<String, JsonNode> customAttributes) {

    public Contact applyTo(Contact current, long now) {
        return new Contact(current.id(), current.externalId(),
                text("email", current.email()), text("name", current.name()), text("phone", current.phone()),
                text("avatarUrl", current.avatarUrl()), text("role", current.role()), text("plan", current.plan()),
                time("signedUpAt", current.signedUpAtMillis()),
                mergedAttributes(current.customAttributes()),
                current.createdAtMillis(), now, current.lastSeenAtMillis());
    }

    private String text(String field, String current) {
        Optional<Object> change = fields.get(field);
        return change == null ? current : (String) change.orElse(null);
    }

    private Long time(String field, Long current) {
        Optional<Object> change = fields.get(field);
        return change == null ? current : (Long) change.orElse(null);
    }

    private String mergedAttributes(String currentJson) {
        if (customAttributes.isEmpty()) return currentJson;
        try {
            ObjectNode merged = (ObjectNode) Json.MAPPER.readTree(currentJson);
            customAttributes.forEach((key, value) -> {
                if (value.isNull()) merged.remove(key);
                else merged.set(key, value);
            });
            return Json.writeString(merged);
        } catch (IOException e) {
            throw new UncheckedIOException("stored custom attributes are not JSON", e);
        }
    }
}
