package so.cueflow.targeting;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule on one event key. {@code value} belongs to the count operators; {@code withinDays} is the window: required
 * by first_done_within and last_done_within, optional for the others (it then counts only events in the window);
 * {@code where} (possibly empty) narrows every operator to the events meeting all its conditions.
 */
public record EventRule(String eventKey, EventOperator operator, Long value, Integer withinDays,
                        List<PropertyCondition> where) implements Rule {

    public static final Pattern EVENT_KEY = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    public static final int MAX_EVENT_KEY_LENGTH = 100;

    public EventRule {
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(operator, "operator");
        if (!isEventKey(eventKey)) {
            throw new IllegalArgumentException("not a snake_case event key: " + eventKey);
        }
        if (operator.comparesCount() != (value != null)) {
            throw new IllegalArgumentException(operator.usage() + "; got value = " + value);
        }
        if (value != null && value < 0) {
            throw new IllegalArgumentException("value must be at least 0, got " + value);
        }
        if (operator.needsWindow() && withinDays == null) {
            throw new IllegalArgumentException(operator.usage());
        }
        if (withinDays != null && withinDays < 1) {
            throw new IllegalArgumentException("withinDays must be at least 1, got " + withinDays);
        }
        where = where == null ? List.of() : List.copyOf(where);
    }

    public static boolean isEventKey(String key) {
        return key.length() <= MAX_EVENT_KEY_LENGTH && EVENT_KEY.matcher(key).matches();
    }

    /** Whether the verdict counts only the events inside the window (every operator but first/last_done_within). */
    public boolean countsInWindow() {
        return withinDays != null && !operator.needsWindow();
    }

    /** Whether evaluating needs the raw events of {@link #eventKey}, not only its count, first and last. */
    public boolean needsEvents() {
        return !where.isEmpty() || countsInWindow();
    }

    @Override
    public String description() {
        String window = withinDays == null ? "" : " in the last " + ValueOperator.days(withinDays);
        String what = switch (operator) {
            case HAS_DONE -> "has done " + eventKey + window;
            case HAS_NOT_DONE -> "has not done " + eventKey + window;
            case COUNT_GREATER_THAN -> "has done " + eventKey + " more than " + times(value) + window;
            case COUNT_LESS_THAN -> "has done " + eventKey + " fewer than " + times(value) + window;
            case COUNT_EQUALS -> "has done " + eventKey + " exactly " + times(value) + window;
            case FIRST_DONE_WITHIN -> "first did " + eventKey + window;
            case LAST_DONE_WITHIN -> "last did " + eventKey + window;
        };
        return where.isEmpty() ? what : what + " where " + where.stream()
                .map(PropertyCondition::description).collect(Collectors.joining(" and "));
    }

    private static String times(long value) {
        return value + (value == 1 ? " time" : " times");
    }
}
