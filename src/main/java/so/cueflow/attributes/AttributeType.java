package so.cueflow.attributes;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Optional;

/** The value type a custom attribute is declared with; fixed once the attribute exists. */
public enum AttributeType {
    TEXT("text"),
    NUMBER("number"),
    BOOLEAN("boolean");

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<AttributeType> fromWire(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    /** Whether a (non-null) JSON value is of this type. */
    public boolean accepts(JsonNode value) {
        return switch (this) {
            case TEXT -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
        };
    }
}
