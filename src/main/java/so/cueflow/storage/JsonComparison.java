package so.cueflow.storage;

import so.cueflow.targeting.ValueOperator;
import so.cueflow.targeting.ValueOrder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One value of a flat JSON object column (a contact's custom attributes, an event's properties) compared as the
 * evaluator compares it ({@link ValueOperator}), in SQL, as a {@link Verdict} per row: YES or NO where SQL decides the
 * comparison exactly, UNSURE for the rows whose verdict SQL leaves to the evaluator.
 *
 * <p>Exact because each side is typed by the engine's own JSON type function: numbers compare with numbers (1 equals
 * 1.0), strings with strings, booleans with booleans, and any other mix is false, as in the evaluator. Unsure rows:
 * a string that starts like a date compared with a number by greater_than, less_than or between (the evaluator then
 * reads both as instants, which SQL cannot mirror), and rows whose JSON holds an escaped NUL (PostgreSQL's jsonb
 * refuses it; SQLite's text functions stop at it). Comparisons with a date value, the day windows, and numbers
 * SQLite cannot bind exactly are not translated at all.
 */
public final class JsonComparison {
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");
    /** Beyond 2^53 a double's printed decimal, which the evaluator compares, may differ from the double SQLite compares. */
    private static final BigDecimal EXACT_DOUBLES = BigDecimal.valueOf(1L << 53);

    /** The comparison's verdict per row; {@code holds} is true exactly where the evaluator's comparison is, outside {@code unsure}. */
    public record Translation(Verdict verdict) {
        public SqlCondition holds() {
            return verdict.holds();
        }

        public SqlCondition unsure() {
            return verdict.unsure();
        }
    }

    private JsonComparison() {
    }

    /** The comparison of {@code column}'s member {@code key} with {@code value}; empty when not translated. */
    public static Optional<Translation> of(Dialect dialect, JsonColumn column, String key, ValueOperator operator, Object value) {
        if (!KEY.matcher(key).matches()) return Optional.empty();
        JsonMember member = dialect == Dialect.POSTGRESQL ? new PostgresMember(column.storedJsonb(), key)
                : SqliteMember.of(column.text(), key);
        // SQLite's members guard their own reads of text (SqliteMember.readingText).
        return verdict(member, operator, value).map(verdict -> new Translation(dialect == Dialect.SQLITE ? verdict
                : verdict.unsureWhere(unreadable(column))));
    }

    /**
     * The rows PostgreSQL leaves to the evaluator unread, tested first: those without a jsonb copy, as their text is
     * not valid jsonb (an escaped NUL).
     */
    private static SqlCondition unreadable(JsonColumn column) {
        return SqlCondition.of(column.storedJsonb() + " IS NULL");
    }

    private static Optional<Verdict> verdict(JsonMember member, ValueOperator operator, Object value) {
        return switch (operator) {
            case IS_SET -> Optional.of(member.isSet());
            case IS_NOT_SET -> Optional.of(member.isSet().not());
            case EQUALS -> equality(member, value);
            case NOT_EQUALS -> equality(member, value).map(Verdict::not);
            case CONTAINS -> Optional.of(member.contains((String) value));
            case NOT_CONTAINS -> Optional.of(member.contains((String) value).not());
            case STARTS_WITH -> Optional.of(member.startsWith((String) value));
            case ENDS_WITH -> Optional.of(member.endsWith((String) value));
            case GREATER_THAN -> number(member, value).map(bound -> member.compare(List.of(new JsonMember.Bound(">", bound)), true));
            case LESS_THAN -> number(member, value).map(bound -> member.compare(List.of(new JsonMember.Bound("<", bound)), true));
            case BETWEEN -> between(member, (List<?>) value);
            case IS_WITHIN, IS_BEFORE -> Optional.empty();
        };
    }

    /** Equality is false for a value that is not set (missing, null or ""), whatever it is compared with. */
    private static Optional<Verdict> equality(JsonMember member, Object value) {
        if ("".equals(value)) return Optional.of(Verdict.no());
        if (value instanceof String text) return Optional.of(member.equalsText(text));
        if (value instanceof Boolean flag) return Optional.of(member.equalsBoolean(flag));
        return number(member, value).map(bound -> member.compare(List.of(new JsonMember.Bound("=", bound)), false));
    }

    private static Optional<Verdict> between(JsonMember member, List<?> bounds) {
        Optional<Number> lo = number(member, bounds.get(0));
        Optional<Number> hi = number(member, bounds.get(1));
        if (lo.isEmpty() || hi.isEmpty()) return Optional.empty();
        return Optional.of(member.compare(List.of(new JsonMember.Bound(">=", lo.get()), new JsonMember.Bound("<=", hi.get())), true));
    }

    /** The number to bind, when SQL compares it as the evaluator does: a Long, a Double, or a BigDecimal (PostgreSQL). */
    private static Optional<Number> number(JsonMember member, Object value) {
        if (!(value instanceof Number number)) return Optional.empty();
        BigDecimal decimal = ValueOrder.decimal(number);
        if (decimal == null) return Optional.empty();
        if (member instanceof PostgresMember) return Optional.of(decimal);
        if (decimal.abs().compareTo(EXACT_DOUBLES) >= 0) return Optional.empty();
        if (number instanceof Double || number instanceof Float) return Optional.of(number.doubleValue());
        return decimal.stripTrailingZeros().scale() <= 0 ? Optional.of(decimal.longValueExact()) : Optional.empty();
    }

    /** Code points, as both engines count characters. */
    static int characters(String text) {
        return text.codePointCount(0, text.length());
    }
}
