package so.cueflow.targeting;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule on one event key. {@code value} belongs to count_greater_than (with optional {@code withinDays}),
 * {@code days} to first_done_within and last_done_within; {@code where} (possibly empty) to every operator.
 */
public record EventRule(String eventKey, EventOperator operator, Long value, Integer withinDays, Integer days,
                        List<PropertyCondition> where) implements Rule {

    public static final Pattern EVENT_KEY = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    public static final int MAX_EVENT_KEY_LENGTH = 100;

    public EventRule {
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(operator, "operator");
        if (!isEventKey(eventKey)) {
            throw new IllegalArgumentException("not a snake_case event key: " + eventKey);
        }
        checkParameter(operator, "value", value, 0);
        checkParameter(operator, "withinDays", withinDays, 1);
        checkParameter(operator, "days", days, 1);
        where = where == null ? List.of() : List.copyOf(where);
    }

    public static boolean isEventKey(String key) {
        return key.length() <= MAX_EVENT_KEY_LENGTH && EVENT_KEY.matcher(key).matches();
    }

    private static void checkParameter(EventOperator operator, String name, Number given, long min) {
        boolean required = operator.requiredParameters().contains(name);
        boolean allowed = required || operator.optionalParameters().contains(name);
        if (given == null ? required : !allowed) {
            throw new IllegalArgumentException(operator.usage() + "; got " + name + " = " + given);
        }
        if (given != null && given.longValue() < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + given);
        }
    }

    /** Whether evaluating needs the raw events of {@link #eventKey}, not only its count, first and last. */
    public boolean needsEvents() {
        return !where.isEmpty() || withinDays != null;
    }

    @Override
    public String description() {
        String what = switch (operator) {
            case HAS_DONE -> "has done " + eventKey;
            case HAS_NOT_DONE -> "has not done " + eventKey;
            case COUNT_GREATER_THAN -> "has done " + eventKey + " more than " + value + (value == 1 ? " time" : " times")
                    + (withinDays == null ? "" : " in the last " + ValueOperator.days(withinDays));
            case FIRST_DONE_WITHIN -> "first did " + eventKey + " in the last " + ValueOperator.days(days);
            case LAST_DONE_WITHIN -> "last did " + eventKey + " in the last " + ValueOperator.days(days);
        };
        return where.isEmpty() ? what : what + " where " + where.stream()
                .map(PropertyCondition::description).collect(Collectors.joining(" and "));
    }
}
