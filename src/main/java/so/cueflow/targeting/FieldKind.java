package so.cueflow.targeting;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a contact field holds, which decides the operators that make sense on it. */
enum FieldKind {
    TEXT,
    DATE,
    CUSTOM_ATTRIBUTE;

    static final String CUSTOM_PREFIX = "customAttributes.";
    static final List<String> TEXT_FIELDS = List.of("externalId", "email", "name", "phone", "avatarUrl", "role", "plan");
    static final List<String> DATE_FIELDS = List.of("signedUpAt", "createdAt", "updatedAt", "lastSeenAt");

    static Optional<FieldKind> of(String field) {
        if (TEXT_FIELDS.contains(field)) {
            return Optional.of(TEXT);
        }
        if (DATE_FIELDS.contains(field)) {
            return Optional.of(DATE);
        }
        boolean custom = field.startsWith(CUSTOM_PREFIX) && field.length() > CUSTOM_PREFIX.length();
        return custom ? Optional.of(CUSTOM_ATTRIBUTE) : Optional.empty();
    }

    static String knownFields() {
        return String.join(", ", TEXT_FIELDS) + ", " + String.join(", ", DATE_FIELDS) + " or customAttributes.KEY";
    }

    Set<ValueOperator> operators() {
        return switch (this) {
            case TEXT -> EnumSet.range(ValueOperator.EQUALS, ValueOperator.ENDS_WITH);
            case DATE -> EnumSet.of(ValueOperator.IS_SET, ValueOperator.IS_NOT_SET, ValueOperator.GREATER_THAN,
                    ValueOperator.LESS_THAN, ValueOperator.BETWEEN, ValueOperator.IS_WITHIN, ValueOperator.IS_BEFORE);
            case CUSTOM_ATTRIBUTE -> EnumSet.allOf(ValueOperator.class);
        };
    }

    String label() {
        return switch (this) {
            case TEXT -> "text field";
            case DATE -> "date field";
            case CUSTOM_ATTRIBUTE -> "custom attribute";
        };
    }
}
