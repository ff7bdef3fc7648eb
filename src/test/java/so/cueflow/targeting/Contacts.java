package so.cueflow.targeting;

import java.util.Map;

/** A contact written as a map of field name to value, as tests and the oracle hold them. */
final class Contacts {

    private Contacts() {
    }

    @SuppressWarnings("unchecked")
    static ContactFields of(Map<String, ?> fields) {
        Object attributes = fields.get("customAttributes");
        return new ContactFields(text(fields, "externalId"), text(fields, "email"), text(fields, "name"),
                text(fields, "phone"), text(fields, "avatarUrl"), text(fields, "role"), text(fields, "plan"),
                millis(fields, "signedUpAt"), millis(fields, "createdAt"), millis(fields, "updatedAt"),
                millis(fields, "lastSeenAt"), attributes instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    private static String text(Map<String, ?> fields, String name) {
        return (String) fields.get(name);
    }

    private static Long millis(Map<String, ?> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : ((Number) value).longValue();
    }
}
