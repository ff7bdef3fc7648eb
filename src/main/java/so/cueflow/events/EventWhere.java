package so.cueflow.events;

import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.JsonComparison;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.EventOperator;
import so.cueflow.targeting.EventRule;
import so.cueflow.targeting.PropertyCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An event rule with where, as SQL over its key's raw events: the events whose properties meet every condition
 * ({@link JsonComparison}) counted, first and last, per contact, as the evaluator counts them. {@code holds} is the set
 * of contacts the rule selects among those outside {@code unsure}: the contacts with an event of the key whose
 * properties SQL cannot compare exactly (see {@link JsonComparison}), among the events that decide the verdict (those
 * in the window, for counts in one and last_done_within), left to the evaluator.
 */
public record EventWhere(IdSet holds, IdSet.Select unsure) {
    private static final long DAY_MILLIS = 86_400_000L;

    /** Empty when one of the rule's conditions is not translated. */
    public static Optional<EventWhere> of(EventRule rule, String workspaceId, long now, Dialect dialect) {
        if (rule.where().isEmpty()) throw new IllegalArgumentException("a rule without where reads the rollups: " + rule);
        SqlCondition matching = SqlCondition.TRUE;
        SqlCondition unsure = SqlCondition.FALSE;
        for (PropertyCondition condition : rule.where()) {
            Optional<JsonComparison.Translation> translated = JsonComparison.of(dialect, "e.properties",
                    condition.property(), condition.operator(), condition.value());
            if (translated.isEmpty()) return Optional.empty();
            matching = matching.and(translated.get().holds());
            unsure = unsure.or(translated.get().unsure());
        }
        Events events = new Events(workspaceId, rule.eventKey(), matching);
        return Optional.of(new EventWhere(holds(rule, events, now), events.unsure(unsure, decidingFrom(rule, now))));
    }

    /** The time from which events decide the verdict: the window's start for counts in it and last_done_within. */
    private static Long decidingFrom(EventRule rule, long now) {
        boolean windowOnly = rule.countsInWindow() || rule.operator() == EventOperator.LAST_DONE_WITHIN;
        return windowOnly ? now - rule.withinDays() * DAY_MILLIS : null;
    }

    private static IdSet holds(EventRule rule, Events events, long now) {
        long value = rule.value() == null ? 0 : rule.value();
        Long start = rule.withinDays() == null ? null : now - rule.withinDays() * DAY_MILLIS;
        Long counted = rule.countsInWindow() ? start : null;
        return switch (rule.operator()) {
            case HAS_DONE -> events.atLeast(counted, 1);
            case HAS_NOT_DONE -> new IdSet.AllBut(events.atLeast(counted, 1));
            case COUNT_GREATER_THAN -> events.atLeast(counted, value + 1);
            case COUNT_LESS_THAN -> value == 0 ? IdSet.NONE : new IdSet.AllBut(events.atLeast(counted, value));
            case COUNT_EQUALS -> value == 0 ? new IdSet.AllBut(events.atLeast(counted, 1)) : events.having(counted, "COUNT(*) = ?", value);
            case FIRST_DONE_WITHIN -> events.having(null, "MIN(e.occurred_at) >= ?", start);
            case LAST_DONE_WITHIN -> events.atLeast(start, 1);
        };
    }

    /** The key's events meeting the where conditions, grouped by contact. */
    private record Events(String workspaceId, String key, SqlCondition matching) {

        IdSet.Select atLeast(Long from, long n) {
            return having(from, "COUNT(*) >= ?", n);
        }

        IdSet.Select having(Long from, String having, long value) {
            List<Object> parameters = new ArrayList<>(List.of(workspaceId, key));
            parameters.addAll(matching.parameters());
            String window = "";
            if (from != null) {
                window = " AND e.occurred_at >= ?";
                parameters.add(from);
            }
            parameters.add(value);
            return new IdSet.Select("SELECT e.contact_id AS id FROM events e WHERE e.workspace_id = ? AND e.event_key = ?"
                    + " AND (" + matching.sql() + ")" + window + " GROUP BY e.contact_id HAVING " + having, parameters);
        }

        /** The contacts with an event from {@code from} on (when not null) that SQL is unsure of. */
        IdSet.Select unsure(SqlCondition unsure, Long from) {
            List<Object> parameters = new ArrayList<>(List.of(workspaceId, key));
            parameters.addAll(unsure.parameters());
            String window = "";
            if (from != null) {
                window = " AND e.occurred_at >= ?";
                parameters.add(from);
            }
            return new IdSet.Select("SELECT DISTINCT e.contact_id AS id FROM events e WHERE e.workspace_id = ?"
                    + " AND e.event_key = ? AND (" + unsure.sql() + ")" + window, parameters);
        }
    }
}
