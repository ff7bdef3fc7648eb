package so.cueflow.events;

import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import so.cueflow.targeting.EventRule;

/**
 * Event rules as SQL over {@code activity} (the rollups) and {@code events} (the raw events a window counts),
 * as conditions on the contact row (alias {@code c}), exactly as the evaluator decides them: counts, first and last
 * from the rollup; counts in a window from the raw events kept, or from the rollup's latest time when a rule only asks
 * whether the window holds any event and none of its raw events was purged. A rule with {@code where} compares event
 * properties by rules (numbers, ISO dates, mixed types) that SQL cannot mirror exactly on both engines: it is not
 * translated, but {@link #necessary} gives a condition every contact it selects meets, to narrow the contacts to
 * evaluate.
 */
public final class ActivityConditions {
    // Uncorrelated: each rule's contacts are read once, through the event key's contiguous entries of the
    // activity_key_contact index (V10), rather than probed contact by contact.
    private static final String ROLLUP = "c.id IN (SELECT a.contact_id FROM activity a WHERE a.workspace_id = ? AND a.event_key = ?";
    private static final String IN_WINDOW = "c.id IN (SELECT e.contact_id FROM events e WHERE e.workspace_id = ?"
            + " AND e.event_key = ? AND e.occurred_at >= ? GROUP BY e.contact_id HAVING COUNT(*) >= ?)";
    private static final String IN_WINDOW_IDS = "SELECT e.contact_id AS id FROM events e WHERE e.workspace_id = ?"
            + " AND e.event_key = ? AND e.occurred_at >= ? GROUP BY e.contact_id";
    private static final long DAY_MILLIS = 86_400_000L;

    private ActivityConditions() {
    }

    /**
     * The rule as SQL, for a rule without where. {@code eventsKeptFrom}: the raw events of the workspace that occurred
     * at or after it are all kept (see {@link #someInWindow}).
     */
    public static SqlCondition exact(EventRule rule, String workspaceId, long now, long eventsKeptFrom) {
        if (!rule.where().isEmpty()) throw new IllegalArgumentException("a rule with where is not translated: " + rule);
        String key = rule.eventKey();
        if (rule.countsInWindow()) {
            long start = now - rule.withinDays() * DAY_MILLIS;
            Optional<Boolean> some = someInWindow(rule, start, eventsKeptFrom);
            if (some.isEmpty()) return inWindow(rule, workspaceId, key, start);
            SqlCondition latestInWindow = rollup(workspaceId, key, " AND a.last_at >= ?", start);
            return some.get() ? latestInWindow : latestInWindow.not();
        }
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> rollup(workspaceId, key, "");
            case HAS_NOT_DONE -> rollup(workspaceId, key, "").not();
            case COUNT_GREATER_THAN -> rollup(workspaceId, key, " AND a.event_count > ?", value);
            case COUNT_LESS_THAN -> value == 0 ? SqlCondition.FALSE : rollup(workspaceId, key, " AND a.event_count >= ?", value).not();
            case COUNT_EQUALS -> value == 0 ? rollup(workspaceId, key, "").not() : rollup(workspaceId, key, " AND a.event_count = ?", value);
            case FIRST_DONE_WITHIN -> rollup(workspaceId, key, " AND a.first_at >= ?", windowStart(rule, now));
            case LAST_DONE_WITHIN -> rollup(workspaceId, key, " AND a.last_at >= ?", windowStart(rule, now));
        };
    }

    /**
     * The contacts the rule (without where) selects, as a set: each read from one range of the activity table, which
     * SQLite keeps ordered by (workspace, event key, contact) so that the range carries count, first and last
     * (V60), or from the raw events of one key in the window.
     */
    public static IdSet contacts(EventRule rule, String workspaceId, long now, long eventsKeptFrom) {
        if (!rule.where().isEmpty()) throw new IllegalArgumentException("a rule with where is not translated: " + rule);
        String key = rule.eventKey();
        long value = rule.value() == null ? 0 : rule.value();
        if (rule.countsInWindow()) {
            long start = now - rule.withinDays() * DAY_MILLIS;
            Optional<Boolean> some = someInWindow(rule, start, eventsKeptFrom);
            if (some.isPresent()) {
                IdSet.Select latestInWindow = withKey(workspaceId, key, " AND a.last_at >= ?", start);
                return some.get() ? latestInWindow : new IdSet.AllBut(latestInWindow);
            }
            return switch (rule.operator()) {
                case HAS_DONE -> inWindowAtLeast(workspaceId, key, start, 1);
                case HAS_NOT_DONE -> new IdSet.AllBut(inWindowAtLeast(workspaceId, key, start, 1));
                case COUNT_GREATER_THAN -> inWindowAtLeast(workspaceId, key, start, value + 1);
                case COUNT_LESS_THAN -> value == 0 ? IdSet.NONE : new IdSet.AllBut(inWindowAtLeast(workspaceId, key, start, value));
                case COUNT_EQUALS -> value == 0 ? new IdSet.AllBut(inWindowAtLeast(workspaceId, key, start, 1))
                        : inWindowExactly(workspaceId, key, start, value);
                case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> throw new IllegalArgumentException("not counted in a window: " + rule);
            };
        }
        return switch (rule.operator()) {
            case HAS_DONE -> withKey(workspaceId, key, "");
            case HAS_NOT_DONE -> new IdSet.AllBut(withKey(workspaceId, key, ""));
            case COUNT_GREATER_THAN -> withKey(workspaceId, key, " AND a.event_count > ?", value);
            case COUNT_LESS_THAN -> value == 0 ? IdSet.NONE : new IdSet.AllBut(withKey(workspaceId, key, " AND a.event_count >= ?", value));
            case COUNT_EQUALS -> value == 0 ? new IdSet.AllBut(withKey(workspaceId, key, ""))
                    : withKey(workspaceId, key, " AND a.event_count = ?", value);
            case FIRST_DONE_WITHIN -> withKey(workspaceId, key, " AND a.first_at >= ?", windowStart(rule, now));
            case LAST_DONE_WITHIN -> withKey(workspaceId, key, " AND a.last_at >= ?", windowStart(rule, now));
        };
    }

    /**
     * Whether the rule holds exactly when its window has some (true) or none (false) of the key's events, for a window
     * whose raw events are all kept; empty otherwise. The latest time of the rollup then answers it: a window has no
     * end, so it holds some event exactly when it holds the latest, and the rollup's latest counts every event ever
     * stored, also those the retention purge deleted before {@code eventsKeptFrom}, which this window cannot include.
     */
    private static Optional<Boolean> someInWindow(EventRule rule, long start, long eventsKeptFrom) {
        if (start < eventsKeptFrom) return Optional.empty();
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> Optional.of(true);
            case COUNT_GREATER_THAN -> value == 0 ? Optional.of(true) : Optional.empty();
            case HAS_NOT_DONE -> Optional.of(false);
            case COUNT_EQUALS -> value == 0 ? Optional.of(false) : Optional.empty();
            case COUNT_LESS_THAN -> value == 1 ? Optional.of(false) : Optional.empty();
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> Optional.empty();
        };
    }

    private static IdSet.Select withKey(String workspaceId, String key, String condition, Object... values) {
        List<Object> parameters = new ArrayList<>(List.of(workspaceId, key));
        parameters.addAll(List.of(values));
        return new IdSet.Select("SELECT a.contact_id AS id FROM activity a WHERE a.workspace_id = ? AND a.event_key = ?" + condition,
                parameters);
    }

    private static IdSet.Select inWindowAtLeast(String workspaceId, String key, long start, long n) {
        return IdSet.Select.of(IN_WINDOW_IDS + " HAVING COUNT(*) >= ?", workspaceId, key, start, n);
    }

    private static IdSet.Select inWindowExactly(String workspaceId, String key, long start, long n) {
        return IdSet.Select.of(IN_WINDOW_IDS + " HAVING COUNT(*) = ?", workspaceId, key, start, n);
    }

    /**
     * A condition that holds for every contact the rule (with its where) selects: where only removes events, so a
     * rule that needs some events needs them without where too. Rules that can hold with no events give TRUE.
     */
    public static SqlCondition necessary(EventRule rule, String workspaceId, long now) {
        String key = rule.eventKey();
        return switch (rule.operator()) {
            case HAS_DONE -> rule.countsInWindow() ? atLeast(workspaceId, key, now - rule.withinDays() * DAY_MILLIS, 1) : rollup(workspaceId, key, "");
            case COUNT_GREATER_THAN -> rule.countsInWindow()
                    ? atLeast(workspaceId, key, now - rule.withinDays() * DAY_MILLIS, rule.value() + 1)
                    : rollup(workspaceId, key, " AND a.event_count > ?", rule.value());
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> rollup(workspaceId, key, " AND a.last_at >= ?", windowStart(rule, now));
            case COUNT_EQUALS -> rule.value() == 0 ? SqlCondition.TRUE : necessaryForSome(rule, workspaceId, key, now);
            case HAS_NOT_DONE, COUNT_LESS_THAN -> SqlCondition.TRUE;
        };
    }

    private static SqlCondition necessaryForSome(EventRule rule, String workspaceId, String key, long now) {
        return rule.countsInWindow() ? atLeast(workspaceId, key, now - rule.withinDays() * DAY_MILLIS, rule.value())
                : rollup(workspaceId, key, " AND a.event_count >= ?", rule.value());
    }

    private static long windowStart(EventRule rule, long now) {
        return now - rule.withinDays() * DAY_MILLIS;
    }

    private static SqlCondition rollup(String workspaceId, String key, String condition, Object... values) {
        Object[] parameters = new Object[values.length + 2];
        parameters[0] = workspaceId;
        parameters[1] = key;
        System.arraycopy(values, 0, parameters, 2, values.length);
        return SqlCondition.of(ROLLUP + condition + ")", parameters);
    }

    /** Whether the window holds at least n of the key's events. */
    private static SqlCondition atLeast(String workspaceId, String key, long start, long n) {
        if (n <= 0) return SqlCondition.TRUE;
        return SqlCondition.of(IN_WINDOW, workspaceId, key, start, n);
    }

    private static SqlCondition inWindow(EventRule rule, String workspaceId, String key, long start) {
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> atLeast(workspaceId, key, start, 1);
            case HAS_NOT_DONE -> atLeast(workspaceId, key, start, 1).not();
            case COUNT_GREATER_THAN -> atLeast(workspaceId, key, start, value + 1);
            case COUNT_LESS_THAN -> value == 0 ? SqlCondition.FALSE : atLeast(workspaceId, key, start, value).not();
            case COUNT_EQUALS -> atLeast(workspaceId, key, start, value).and(atLeast(workspaceId, key, start, value + 1).not());
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> throw new IllegalArgumentException("not counted in a window: " + rule);
        };
    }
}
