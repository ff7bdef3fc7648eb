package so.cueflow.targeting;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Equality and order between JSON-ish values, whatever Java type carries a number. */
public final class ValueOrder {

    private ValueOrder() {
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y).orElse(1) == 0;
        }
        return Objects.equals(a, b);
    }

    /**
     * Numbers compare numerically. When either side is a string, both are read as instants
     * (a number then being epoch millis): that is how a date field meets an ISO-8601 value.
     * Anything else is incomparable.
     */
    static OptionalInt compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String || b instanceof String) {
            OptionalLong x = EpochMillis.of(a);
            OptionalLong y = EpochMillis.of(b);
            return x.isPresent() && y.isPresent()
                    ? OptionalInt.of(Long.compare(x.getAsLong(), y.getAsLong()))
                    : OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    private static OptionalInt compareNumbers(Number a, Number b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x == null || y == null ? OptionalInt.empty() : OptionalInt.of(x.compareTo(y));
    }

    /** The exact decimal a number stands for, or null for NaN and infinities. */
    public static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal exact) {
            return exact;
        }
        if (number instanceof BigInteger whole) {
            return new BigDecimal(whole);
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            // The shortest decimal that prints the same (0.1, not 0.1000000000000000055…), as written in JSON.
            return Double.isFinite(value) ? new BigDecimal(number.toString()) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }
}
