package so.cueflow.targeting;

import java.util.List;
import java.util.Objects;

/**
 * A rule on a contact field ({@code email}, {@code signedUpAt}, …) or a custom attribute
 * ({@code customAttributes.KEY}). {@code value} is set for operators that compare with one
 * (a two-element list for between); {@code days} for is_within and is_before.
 */
public record ContactRule(String field, ValueOperator operator, Object value, Integer days) implements Rule {

    public ContactRule {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        FieldKind kind = FieldKind.of(field)
                .orElseThrow(() -> new IllegalArgumentException("unknown contact field: " + field));
        if (!kind.operators().contains(operator)) {
            throw new IllegalArgumentException(operator.wireName() + " does not apply to " + field);
        }
        operator.requireComparableWith(value);
        if (operator.takesDays() != (days != null)) {
            throw new IllegalArgumentException(operator.wireName() + (days == null ? " needs" : " takes no") + " days");
        }
        if (days != null && days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        value = value instanceof List<?> bounds ? List.copyOf(bounds) : value;
    }

    /** Whether the field is a custom attribute (of any JSON type) rather than a typed contact column. */
    public boolean onCustomAttribute() {
        return field.startsWith(FieldKind.CUSTOM_PREFIX);
    }

    /** This rule's field of the contact; a date field as an {@link java.time.Instant}, for explanations. */
    public Object valueIn(ContactFields contact) {
        Object value = contact.valueOf(field);
        return value instanceof Long millis && FieldKind.of(field).orElseThrow() == FieldKind.DATE
                ? java.time.Instant.ofEpochMilli(millis) : value;
    }

    public boolean matches(ContactFields contact, long now) {
        Object actual = contact.valueOf(field);
        return operator.takesDays() ? DateWindow.test(operator, actual, days, now) : operator.test(actual, value);
    }

    @Override
    public String description() {
        return field + " " + operator.describe(value, days);
    }
}
