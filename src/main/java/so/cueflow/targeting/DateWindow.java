package so.cueflow.targeting;

import java.util.OptionalLong;

/** Rolling windows of whole 24-hour days ending now; the start instant itself is inside. */
final class DateWindow {

    static final long DAY_MILLIS = 86_400_000L;

    private DateWindow() {
    }

    static long start(long now, int days) {
        return now - days * DAY_MILLIS;
    }

    /** is_within: start ≤ date ≤ now (a future date is not "within the last N days"); is_before: date < start. */
    static boolean test(ValueOperator operator, Object actual, int days, long now) {
        OptionalLong at = EpochMillis.of(actual);
        if (at.isEmpty()) {
            return false;
        }
        long start = start(now, days);
        return switch (operator) {
            case IS_WITHIN -> start <= at.getAsLong() && at.getAsLong() <= now;
            case IS_BEFORE -> at.getAsLong() < start;
            default -> throw new IllegalArgumentException(operator.wireName() + " is not a date window");
        };
    }
}
