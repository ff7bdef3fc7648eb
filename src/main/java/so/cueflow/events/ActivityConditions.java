package so.cueflow.events;

import so.cueflow.storage.ContactScope;
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
    private static final long DAY_MILLIS = 86_400_000L;

    private ActivityConditions() {
    }

    /**
     * The rule as SQL, for a rule without where. {@code eventsKeptFrom}: the raw events of the workspace that occurred
     * at or after it are all kept (see {@link #someInWindow}).
     */
    public static SqlCondition exact(EventRule rule, ContactScope scope, long now, long eventsKeptFrom) {
        if (!rule.where().isEmpty()) throw new IllegalArgumentException("a rule with where is not translated: " + rule);
        String key = rule.eventKey();
        if (rule.countsInWindow()) {
            long start = now - rule.withinDays() * DAY_MILLIS;
            Optional<Boolean> some = someInWindow(rule, start, eventsKeptFrom);
            if (some.isEmpty()) return inWindow(rule, scope, key, start);
            SqlCondition latestInWindow = rollup(scope, key, " AND a.last_at >= ?", start);
            return some.get() ? latestInWindow : latestInWindow.not();
        }
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> rollup(scope, key, "");
            case HAS_NOT_DONE -> rollup(scope, key, "").not();
            case COUNT_GREATER_THAN -> rollup(scope, key, " AND a.event_count > ?", value);
            case COUNT_LESS_THAN -> value == 0 ? SqlCondition.FALSE : rollup(scope, key, " AND a.event_count >= ?", value).not();
            case COUNT_EQUALS -> value == 0 ? rollup(scope, key, "").not() : rollup(scope, key, " AND a.event_count = ?", value);
            case FIRST_DONE_WITHIN -> rollup(scope, key, " AND a.first_at >= ?", windowStart(rule, now));
            case LAST_DONE_WITHIN -> rollup(scope, key, " AND a.last_at >= ?", windowStart(rule, now));
        };
    }

    /**
     * The contacts the rule (without where) selects, as a set: each read from one range of the activity table, which
     * SQLite keeps ordered by (workspace, event key, contact) so that the range carries count, first and last
     * (V60), or from the raw events of one key in the window.
     */
    public static IdSet contacts(EventRule rule, ContactScope scope, long now, long eventsKeptFrom) {
        if (!rule.where().isEmpty()) throw new IllegalArgumentException("a rule with where is not translated: " + rule);
        String key = rule.eventKey();
        long value = rule.value() == null ? 0 : rule.value();
        if (rule.countsInWindow()) {
            long start = now - rule.withinDays() * DAY_MILLIS;
            Optional<Boolean> some = someInWindow(rule, start, eventsKeptFrom);
            if (some.isPresent()) {
                IdSet.Select latestInWindow = withKey(scope, key, " AND a.last_at >= ?", start);
                return some.get() ? latestInWindow : new IdSet.AllBut(latestInWindow);
            }
            return switch (rule.operator()) {
                case HAS_DONE -> inWindowAtLeast(scope, key, start, 1);
                case HAS_NOT_DONE -> new IdSet.AllBut(inWindowAtLeast(scope, key, start, 1));
                case COUNT_GREATER_THAN -> inWindowAtLeast(scope, key, start, value + 1);
                case COUNT_LESS_THAN -> value == 0 ? IdSet.NONE : new IdSet.AllBut(inWindowAtLeast(scope, key, start, value));
                case COUNT_EQUALS -> value == 0 ? new IdSet.AllBut(inWindowAtLeast(scope, key, start, 1))
                        : inWindowExactly(scope, key, start, value);
                case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> throw new IllegalArgumentException("not counted in a window: " + rule);
            };
        }
        return switch (rule.operator()) {
            case HAS_DONE -> withKey(scope, key, "");
            case HAS_NOT_DONE -> new IdSet.AllBut(withKey(scope, key, ""));
            case COUNT_GREATER_THAN -> withKey(scope, key, " AND a.event_count > ?", value);
            case COUNT_LESS_THAN -> value == 0 ? IdSet.NONE : new IdSet.AllBut(withKey(scope, key, " AND a.event_count >= ?", value));
            case COUNT_EQUALS -> value == 0 ? new IdSet.AllBut(withKey(scope, key, ""))
                    : withKey(scope, key, " AND a.event_count = ?", value);
            case FIRST_DONE_WITHIN -> withKey(scope, key, " AND a.first_at >= ?", windowStart(rule, now));
            case LAST_DONE_WITHIN -> withKey(scope, key, " AND a.last_at >= ?", windowStart(rule, now));
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

    private static IdSet.Select withKey(ContactScope scope, String key, String condition, Object... values) {
        SqlCondition rows = keyRows(scope, "a", key, condition, values);
        return new IdSet.Select("SELECT a.contact_id AS id FROM activity a WHERE " + rows.sql(), rows.parameters());
    }

    private static IdSet.Select inWindowAtLeast(ContactScope scope, String key, long start, long n) {
        return inWindowIds(scope, key, start, " HAVING COUNT(*) >= ?", n);
    }

    private static IdSet.Select inWindowExactly(ContactScope scope, String key, long start, long n) {
        return inWindowIds(scope, key, start, " HAVING COUNT(*) = ?", n);
    }

    private static IdSet.Select inWindowIds(ContactScope scope, String key, long start, String having, long n) {
        SqlCondition rows = keyRows(scope, "e", key, " AND e.occurred_at >= ?", start);
        List<Object> parameters = new ArrayList<>(rows.parameters());
        parameters.add(n);
        return new IdSet.Select("SELECT e.contact_id AS id FROM events e WHERE " + rows.sql() + " GROUP BY e.contact_id" + having,
                parameters);
    }

    /** The rows of the key for the scope's contacts in {@code activity} or {@code events} (alias a or e), and {@code condition}. */
    private static SqlCondition keyRows(ContactScope scope, String alias, String key, String condition, Object... values) {
        SqlCondition contacts = scope.rows(alias, "contact_id");
        List<Object> parameters = new ArrayList<>(contacts.parameters());
        parameters.add(key);
        parameters.addAll(List.of(values));
        return new SqlCondition(contacts.sql() + " AND " + alias + ".event_key = ?" + condition, parameters);
    }

    /**
     * A condition that holds for every contact the rule (with its where) selects: where only removes events, so a
     * rule that needs some events needs them without where too. Rules that can hold with no events give TRUE.
     */
    public static SqlCondition necessary(EventRule rule, ContactScope scope, long now) {
        String key = rule.eventKey();
        return switch (rule.operator()) {
            case HAS_DONE -> rule.countsInWindow() ? atLeast(scope, key, now - rule.withinDays() * DAY_MILLIS, 1) : rollup(scope, key, "");
            case COUNT_GREATER_THAN -> rule.countsInWindow()
                    ? atLeast(scope, key, now - rule.withinDays() * DAY_MILLIS, rule.value() + 1)
                    : rollup(scope, key, " AND a.event_count > ?", rule.value());
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> rollup(scope, key, " AND a.last_at >= ?", windowStart(rule, now));
            case COUNT_EQUALS -> rule.value() == 0 ? SqlCondition.TRUE : necessaryForSome(rule, scope, key, now);
            case HAS_NOT_DONE, COUNT_LESS_THAN -> SqlCondition.TRUE;
        };
    }

    private static SqlCondition necessaryForSome(EventRule rule, ContactScope scope, String key, long now) {
        return rule.countsInWindow() ? atLeast(scope, key, now - rule.withinDays() * DAY_MILLIS, rule.value())
                : rollup(scope, key, " AND a.event_count >= ?", rule.value());
    }

    private static long windowStart(EventRule rule, long now) {
        return now - rule.withinDays() * DAY_MILLIS;
    }

    /**
     * Uncorrelated: each rule's contacts are read once, through the event key's contiguous entries ordered by
     * contact (SQLite's primary key of activity, V60; PostgreSQL's activity_key_contact, V10), rather than probed
     * contact by contact.
     */
    private static SqlCondition rollup(ContactScope scope, String key, String condition, Object... values) {
        return withKey(scope, key, condition, values).holding("c.id");
    }

    /** Whether the window holds at least n of the key's events. */
    private static SqlCondition atLeast(ContactScope scope, String key, long start, long n) {
        if (n <= 0) return SqlCondition.TRUE;
        return inWindowAtLeast(scope, key, start, n).holding("c.id");
    }

    private static SqlCondition inWindow(EventRule rule, ContactScope scope, String key, long start) {
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE -> atLeast(scope, key, start, 1);
            case HAS_NOT_DONE -> atLeast(scope, key, start, 1).not();
            case COUNT_GREATER_THAN -> atLeast(scope, key, start, value + 1);
            case COUNT_LESS_THAN -> value == 0 ? SqlCondition.FALSE : atLeast(scope, key, start, value).not();
            case COUNT_EQUALS -> atLeast(scope, key, start, value).and(atLeast(scope, key, start, value + 1).not());
            case FIRST_DONE_WITHIN, LAST_DONE_WITHIN -> throw new IllegalArgumentException("not counted in a window: " + rule);
        };
    }
}
