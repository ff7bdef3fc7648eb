package so.cueflow.events;

import java.util.Locale;

/** The snake_case form of an event key a client got wrong, offered as a hint. */
public final class SnakeCase {
    private SnakeCase() {
    }

    public static String suggest(String key) {
        String words = key
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .toLowerCase(Locale.ROOT)
                .replaceAll("^_+|_+$", "");
        if (words.isEmpty()) return "purchase_completed";
        if (!Character.isLetter(words.charAt(0))) words = "event_" + words;
        return words.length() > EventValidator.MAX_EVENT_KEY ? words.substring(0, EventValidator.MAX_EVENT_KEY).replaceAll("_+$", "") : words;
    }
}
