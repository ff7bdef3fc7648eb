package so.cueflow.targeting;

import java.util.Locale;
import java.util.Set;

public enum EventOperator implements WireNamed {
    HAS_DONE,
    HAS_NOT_DONE,
    COUNT_GREATER_THAN,
    FIRST_DONE_WITHIN,
    LAST_DONE_WITHIN;

    static final Set<String> PARAMETERS = Set.of("value", "withinDays", "days");

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @Override
    public String wireName() {
        return wireName;
    }

    Set<String> requiredParameters() {
        return switch (this) {
            case COUNT_GREATER_THAN -> Set.of("value");
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> Set.of("days");
            case HAS_DONE, HAS_NOT_DONE -> Set.of();
        };
    }

    Set<String> optionalParameters() {
        return this == COUNT_GREATER_THAN ? Set.of("withinDays") : Set.of();
    }

    String usage() {
        return switch (this) {
            case HAS_DONE, HAS_NOT_DONE -> wireName() + " takes no parameters besides an optional where";
            case COUNT_GREATER_THAN -> wireName() + " takes value (a whole number >= 0) and optionally withinDays";
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> wireName() + " takes days (a whole number >= 1)";
        };
    }
}
