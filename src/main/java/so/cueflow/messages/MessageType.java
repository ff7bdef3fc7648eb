package so.cueflow.messages;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** How a message is shown: a bar across the page or a dialog. */
public enum MessageType {
    BANNER("banner"),
    MODAL("modal");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** As in the API and the store. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<MessageType> fromWire(String name) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(name)).findFirst();
    }

    /** The wire name, so that templates and messages print it. */
    @Override
    public String toString() {
        return wireName;
    }
}
