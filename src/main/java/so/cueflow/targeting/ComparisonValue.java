package so.cueflow.targeting;

import java.util.List;
import java.util.Optional;

/** Reads and checks the {@code value} a contact rule or where condition compares with, for its operator. */
final class ComparisonValue {

    private ComparisonValue() {
    }

    static String usage(ValueOperator operator) {
        String name = operator.wireName();
        return switch (operator) {
            case IS_SET, IS_NOT_SET -> name + " takes no value";
            case EQUALS, NOT_EQUALS -> name + " takes value: a string, number or boolean";
            case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH -> name + " takes value: a non-empty string";
            case GREATER_THAN, LESS_THAN -> name + " takes value: a number or an ISO-8601 date";
            case BETWEEN -> name + " takes value: [lo, hi], two numbers or two ISO-8601 dates, lo <= hi";
            case IS_WITHIN, IS_BEFORE -> name + " takes days: a whole number from 1 to " + RuleParser.MAX_DAYS;
        };
    }

    /** The value when present and right for the operator; a text field (textOnly) compares with strings only. */
    static Optional<Object> read(JsonObjectReader rule, ValueOperator operator, boolean textOnly) {
        Object value = rule.get("value");
        if (value == null || !operator.takesValue()) {
            return Optional.empty();
        }
        String wrong = switch (operator) {
            case EQUALS, NOT_EQUALS -> textOnly ? unlessText(value) : unlessScalar(value);
            case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH -> unlessText(value);
            case GREATER_THAN, LESS_THAN -> unlessOrdered(value);
            case BETWEEN -> unlessRange(value, rule);
            default -> null;
        };
        if (wrong != null) {
            rule.problem("value", "\"value\" must be " + wrong + " for " + operator.wireName()
                    + ", got " + JsonObjectReader.describe(value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static String unlessText(Object value) {
        return value instanceof String text && !text.isEmpty() ? null : "a non-empty string";
    }

    private static String unlessScalar(Object value) {
        boolean finiteNumber = value instanceof Number number && ValueOrder.decimal(number) != null;
        return value instanceof String || value instanceof Boolean || finiteNumber ? null : "a string, number or boolean";
    }

    private static String unlessOrdered(Object value) {
        return isNumber(value) || isDate(value) ? null : "a number or an ISO-8601 date";
    }

    /** Mixed bounds are refused as wrong; lo > hi is reported on its own, as the types are right. */
    private static String unlessRange(Object value, JsonObjectReader rule) {
        if (!(value instanceof List<?> bounds) || bounds.size() != 2) {
            return "[lo, hi]: a list of two numbers or two ISO-8601 dates";
        }
        Object lo = bounds.get(0);
        Object hi = bounds.get(1);
        boolean sameKind = isNumber(lo) && isNumber(hi) || isDate(lo) && isDate(hi);
        if (!sameKind) {
            return "[lo, hi] with two numbers or two ISO-8601 dates";
        }
        if (ValueOrder.compare(lo, hi).orElseThrow() > 0) {
            rule.problem("value", "\"value\" must be [lo, hi] with lo <= hi, got [" + ValueOperator.literal(lo)
                    + ", " + ValueOperator.literal(hi) + "]");
        }
        return null;
    }

    private static boolean isNumber(Object value) {
        return value instanceof Number number && ValueOrder.decimal(number) != null;
    }

    private static boolean isDate(Object value) {
        return value instanceof String text && EpochMillis.parse(text).isPresent();
    }
}
