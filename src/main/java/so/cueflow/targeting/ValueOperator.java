package so.cueflow.targeting;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Compares one value — a contact field, a custom attribute or an event property — with the rule's value. */
public enum ValueOperator implements WireNamed {
    EQUALS,
    NOT_EQUALS,
    IS_SET,
    IS_NOT_SET,
    CONTAINS,
    NOT_CONTAINS,
    STARTS_WITH,
    ENDS_WITH,
    GREATER_THAN,
    LESS_THAN,
    BETWEEN,
    IS_WITHIN,
    IS_BEFORE;

    /** What an event property can be compared with: everything but the date windows. */
    public static final Set<ValueOperator> FOR_PROPERTIES = EnumSet.range(EQUALS, BETWEEN);

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean takesValue() {
        return this != IS_SET && this != IS_NOT_SET && !takesDays();
    }

    public boolean takesDays() {
        return this == IS_WITHIN || this == IS_BEFORE;
    }

    boolean isTextual() {
        return this == CONTAINS || this == NOT_CONTAINS || this == STARTS_WITH || this == ENDS_WITH;
    }

    /** Throws when this operator cannot compare with value; the parser reports such JSON properly first. */
    void requireComparableWith(Object value) {
        boolean fits = !takesValue() ? value == null
                : isTextual() ? value instanceof String
                : this == BETWEEN ? value instanceof List<?> bounds && bounds.size() == 2
                : value != null;
        if (!fits) {
            throw new IllegalArgumentException(wireName() + " cannot compare with " + value);
        }
    }

    /** Missing, null and the empty string all count as "not set". */
    static boolean isSet(Object value) {
        return value != null && !"".equals(value);
    }

    /** Every operator except is_within and is_before, which need a clock: see {@link DateWindow}. */
    boolean test(Object actual, Object expected) {
        boolean set = isSet(actual);
        return switch (this) {
            case IS_SET -> set;
            case IS_NOT_SET -> !set;
            case EQUALS -> set && ValueOrder.same(actual, expected);
            case NOT_EQUALS -> !set || !ValueOrder.same(actual, expected);
            // Text operators look at strings only: a number or boolean contains no text.
            case CONTAINS -> actual instanceof String text && text.contains((String) expected);
            case NOT_CONTAINS -> !(actual instanceof String text && text.contains((String) expected));
            case STARTS_WITH -> actual instanceof String text && text.startsWith((String) expected);
            case ENDS_WITH -> actual instanceof String text && text.endsWith((String) expected);
            case GREATER_THAN -> set && ValueOrder.compare(actual, expected).orElse(0) > 0;
            case LESS_THAN -> set && ValueOrder.compare(actual, expected).orElse(0) < 0;
            case BETWEEN -> set && isBetween(actual, (List<?>) expected);
            case IS_WITHIN, IS_BEFORE -> throw new IllegalArgumentException(wireName() + " needs a clock");
        };
    }

    private static boolean isBetween(Object actual, List<?> bounds) {
        return ValueOrder.compare(actual, bounds.get(0)).orElse(-1) >= 0
                && ValueOrder.compare(actual, bounds.get(1)).orElse(1) <= 0;
    }

    String describe(Object value, Integer days) {
        return switch (this) {
            case EQUALS -> "equals " + literal(value);
            case NOT_EQUALS -> "does not equal " + literal(value);
            case IS_SET -> "is set";
            case IS_NOT_SET -> "is not set";
            case CONTAINS -> "contains " + literal(value);
            case NOT_CONTAINS -> "does not contain " + literal(value);
            case STARTS_WITH -> "starts with " + literal(value);
            case ENDS_WITH -> "ends with " + literal(value);
            case GREATER_THAN -> "is greater than " + literal(value);
            case LESS_THAN -> "is less than " + literal(value);
            case BETWEEN -> "is between " + literal(((List<?>) value).get(0)) + " and " + literal(((List<?>) value).get(1));
            case IS_WITHIN -> "is within the last " + days(days);
            case IS_BEFORE -> "is more than " + days(days) + " ago";
        };
    }

    static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    static String literal(Object value) {
        return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    }
}
