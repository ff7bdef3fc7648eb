package so.cueflow.segment;

import so.cueflow.events.EventValidator;
import so.cueflow.events.SnakeCase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Segment event name as a Cueflow event key: words are split at spaces, punctuation and
 * lower-to-upper case changes, lower-cased and joined with "_" ("Order Completed" and
 * "orderCompleted" both become order_completed); a key that would start with a digit gets "event_"
 * before it, and keys are cut at 100 characters. The original name is kept as the catalog's
 * display name (the first one sent wins when two names make one key).
 */
final class EventNames {
    private static final int MAX_REMEMBERED = 10_000;
    /** A product sends few distinct names, over and over: each is converted once. */
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private EventNames() {
    }

    /** The key, or null when the name has no ASCII letter or digit. */
    static String key(String name) {
        String known = KEYS.get(name);
        if (known != null) return known;
        String key = convert(name);
        if (key != null) {
            if (KEYS.size() >= MAX_REMEMBERED) KEYS.clear();
            KEYS.put(name, key);
        }
        return key;
    }

    private static String convert(String name) {
        if (name.chars().noneMatch(c -> c < 128 && Character.isLetterOrDigit(c))) return null;
        String key = SnakeCase.suggest(name);
        return EventValidator.EVENT_KEY.matcher(key).matches() ? key : null;
    }
}
