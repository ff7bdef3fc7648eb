package so.cueflow.messages;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** Where a message is in its life: only published messages are shown. */
public enum MessageStatus {
    DRAFT("draft"),
    PUBLISHED("published"),
    ARCHIVED("archived");

    private final String wireName;

    MessageStatus(String wireName) {
        this.wireName = wireName;
    }

    /** As in the API and the store. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<MessageStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(name)).findFirst();
    }

    /** The wire name, so that templates and messages print it. */
    @Override
    public String toString() {
        return wireName;
    }
}
