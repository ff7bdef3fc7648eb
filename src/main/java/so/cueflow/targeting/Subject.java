package so.cueflow.targeting;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whom a targeting is evaluated for. {@code contact} holds the contact's fields by name (strings; dates as Long
 * epoch millis; "customAttributes" as a nested map); {@code page} is null when no page is known.
 */
public record Subject(Map<String, Object> contact, Activity activity, Page page) {

    public Subject {
        // HashMap rather than Map.copyOf: a field may be present with a null value, meaning "not set".
        contact = Collections.unmodifiableMap(new HashMap<>(Objects.requireNonNull(contact, "contact")));
        Objects.requireNonNull(activity, "activity");
    }
}
