package so.cueflow.events;

import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.EventRule;

/**
 * Event rules as SQL over {@code activity} (the rollups) and {@code events} (the raw events a window counts),
 * correlated with the contact row (alias {@code c}), exactly as the evaluator decides them: counts, first and last
 * from the rollup; counts in a window from the raw events kept. A rule with {@code where} compares event properties
 * by rules (numbers, ISO dates, mixed types) that SQL cannot mirror exactly on both engines: it is not translated,
 * but {@link #necessary} gives a condition every contact it selects meets, to narrow the contacts to evaluate.
 */
public final class ActivityConditions {
    private static final String ROLLUP = "EXISTS (SELECT 1 FROM activity a WHERE a.workspace_id = c.workspace_id"
            + " AND a.contact_id = c.id AND a.event_key = ?";
    private static final String IN_WINDOW = "SELECT 1 FROM events e WHERE e.workspace_id = c.workspace_id"
            + " AND e.contact_id = c.id AND e.event_key = ? AND e.occurred_at >= ?";
    private static final long DAY_MILLIS = 86_400_000L;

    private ActivityConditions() {
    }

    /** The rule as SQL, for a rule without where. */
    public static SqlCondition exact(EventRule rule, long now) {
        if (!rule.where().isEmpty()) throw new IllegalArgumentException("a rule with where is not translated: " + rule);
        String key = rule.eventKey();
        if (rule.countsInWindow()) return inWindow(rule, key, now - rule.withinDays() * DAY_MILLIS);
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> rollup(key, "");
            case HAS_NOT_DONE -> rollup(key, "").not();
            case COUNT_GREATER_THAN -> rollup(key, " AND a.event_count > ?", value);
            case COUNT_LESS_THAN -> value == 0 ? SqlCondition.FALSE : rollup(key, " AND a.event_count >= ?", value).not();
            case COUNT_EQUALS -> value == 0 ? rollup(key, "").not() : rollup(key, " AND a.event_count = ?", value);
            case FIRST_DONE_WITHIN -> rollup(key, " AND a.first_at >= ?", windowStart(rule, now));
            case LAST_DONE_WITHIN -> rollup(key, " AND a.last_at >= ?", windowStart(rule, now));
        };
    }

    /**
     * A condition that holds for every contact the rule (with its where) selects: where only removes events, so a
     * rule that needs some events needs them without where too. Rules that can hold with no events give TRUE.
     */
    public static SqlCondition necessary(EventRule rule, long now) {
        String key = rule.eventKey();
        return switch (rule.operator()) {
            case HAS_DONE -> rule.countsInWindow() ? atLeast(key, now - rule.withinDays() * DAY_MILLIS, 1) : rollup(key, "");
            case COUNT_GREATER_THAN -> rule.countsInWindow()
                    ? atLeast(key, now - rule.withinDays() * DAY_MILLIS, rule.value() + 1)
                    : rollup(key, " AND a.event_count > ?", rule.value());
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> rollup(key, " AND a.last_at >= ?", windowStart(rule, now));
            case COUNT_EQUALS -> rule.value() == 0 ? SqlCondition.TRUE : necessaryForSome(rule, key, now);
            case HAS_NOT_DONE, COUNT_LESS_THAN -> SqlCondition.TRUE;
        };
    }

    private static SqlCondition necessaryForSome(EventRule rule, String key, long now) {
        return rule.countsInWindow() ? atLeast(key, now - rule.withinDays() * DAY_MILLIS, rule.value())
                : rollup(key, " AND a.event_count >= ?", rule.value());
    }

    private static long windowStart(EventRule rule, long now) {
        return now - rule.withinDays() * DAY_MILLIS;
    }

    private static SqlCondition rollup(String key, String condition, Object... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = key;
        System.arraycopy(values, 0, parameters, 1, values.length);
        return SqlCondition.of(ROLLUP + condition + ")", parameters);
    }

    /** Whether the window holds at least n events: the n-th one exists (the probe stops there). */
    private static SqlCondition atLeast(String key, long start, long n) {
        if (n <= 0) return SqlCondition.TRUE;
        return SqlCondition.of("EXISTS (" + IN_WINDOW + " LIMIT 1 OFFSET ?)", key, start, n - 1);
    }

    private static SqlCondition inWindow(EventRule rule, String key, long start) {
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> atLeast(key, start, 1);
            case HAS_NOT_DONE -> atLeast(key, start, 1).not();
            case COUNT_GREATER_THAN -> atLeast(key, start, value + 1);
            case COUNT_LESS_THAN -> value == 0 ? SqlCondition.FALSE : atLeast(key, start, value).not();
            case COUNT_EQUALS -> atLeast(key, start, value).and(atLeast(key, start, value + 1).not());
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> throw new IllegalArgumentException("not counted in a window: " + rule);
        };
    }
}
