package so.cueflow.segment;

import java.util.Locale;

/** The Segment calls Cueflow accepts, by their {@code type} (and endpoint) name. */
enum CallType {
    TRACK, IDENTIFY, PAGE, SCREEN, GROUP, ALIAS;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a batch item names, or null when it names none that Cueflow accepts. */
    static CallType of(String name) {
        for (CallType type : values()) {
            if (type.wireName().equals(name)) return type;
        }
        return null;
    }
}
