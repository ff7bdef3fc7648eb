package so.cueflow.messages;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** How often a contact who qualifies is shown a message. */
public enum Frequency {
    ONCE("once"),
    UNTIL_DISMISSED("until_dismissed"),
    EVERY_TIME("every_time");

    private final String wireName;

    Frequency(String wireName) {
        this.wireName = wireName;
    }

    /** As in the API and the store. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<Frequency> fromWire(String name) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(name)).findFirst();
    }

    /** The wire name, so that templates and messages print it. */
    @Override
    public String toString() {
        return wireName;
    }
}
