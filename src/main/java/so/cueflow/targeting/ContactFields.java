package so.cueflow.targeting;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A contact as targeting sees it: its fields (dates as epoch millis, null when not set) and its custom attributes
 * (String, Number, Boolean or null values, as stored).
 */
public record ContactFields(String externalId, String email, String name, String phone, String avatarUrl, String role,
                            String plan, Long signedUpAt, Long createdAt, Long updatedAt, Long lastSeenAt,
                            Map<String, Object> customAttributes) {

    public static final ContactFields NONE =
            new ContactFields(null, null, null, null, null, null, null, null, null, null, null, Map.of());

    public ContactFields {
        // HashMap rather than Map.copyOf: an attribute may be present with a null value, meaning "not set".
        customAttributes = customAttributes == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(customAttributes));
    }

    /** The value of a field as a contact rule names it ({@code plan}, {@code customAttributes.seats}, …); null when unknown. */
    public Object valueOf(String field) {
        if (field.startsWith(FieldKind.CUSTOM_PREFIX)) {
            return customAttributes.get(field.substring(FieldKind.CUSTOM_PREFIX.length()));
        }
        return switch (field) {
            case "externalId" -> externalId;
            case "email" -> email;
            case "name" -> name;
            case "phone" -> phone;
            case "avatarUrl" -> avatarUrl;
            case "role" -> role;
            case "plan" -> plan;
            case "signedUpAt" -> signedUpAt;
            case "createdAt" -> createdAt;
            case "updatedAt" -> updatedAt;
            case "lastSeenAt" -> lastSeenAt;
            default -> null;
        };
    }
}
