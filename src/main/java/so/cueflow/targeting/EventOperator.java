package so.cueflow.targeting;

import java.util.Locale;
import java.util.Set;

public enum EventOperator implements WireNamed {
    HAS_DONE,
    HAS_NOT_DONE,
    COUNT_GREATER_THAN,
    COUNT_LESS_THAN,
    COUNT_EQUALS,
    FIRST_DONE_WITHIN,
    LAST_DONE_WITHIN;

    static final Set<String> PARAMETERS = Set.of("value", "withinDays", "days");

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @Override
    public String wireName() {
        return wireName;
    }

    /** count_greater_than, count_less_than and count_equals compare a count with {@code value}. */
    public boolean comparesCount() {
        return this == COUNT_GREATER_THAN || this == COUNT_LESS_THAN || this == COUNT_EQUALS;
    }

    /** first_done_within and last_done_within need a window; the others may narrow their count to one. */
    public boolean needsWindow() {
        return this == FIRST_DONE_WITHIN || this == LAST_DONE_WITHIN;
    }

    Set<String> requiredParameters() {
        return comparesCount() ? Set.of("value") : Set.of();
    }

    /** {@code days} is the older name of the window of first_done_within and last_done_within; the parser folds it. */
    Set<String> optionalParameters() {
        return needsWindow() ? Set.of("withinDays", "days") : Set.of("withinDays");
    }

    String usage() {
        return switch (this) {
            case HAS_DONE, HAS_NOT_DONE -> wireName() + " takes an optional withinDays (a whole number >= 1) besides an optional where";
            case COUNT_GREATER_THAN, COUNT_LESS_THAN, COUNT_EQUALS ->
                    wireName() + " takes value (a whole number >= 0) and optionally withinDays";
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> wireName() + " takes withinDays (a whole number >= 1; days is the same)";
        };
    }
}
