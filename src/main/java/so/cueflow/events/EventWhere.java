package so.cueflow.events;

import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.JsonColumn;
import so.cueflow.storage.JsonComparison;
import so.cueflow.storage.Judged;
import so.cueflow.storage.SqlCondition;
import so.cueflow.storage.Verdict;
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
    /** An event's properties; PostgreSQL keeps a jsonb copy of them (V70), SQLite stores them as JSONB (V68). */
    private static final JsonColumn PROPERTIES = new JsonColumn("e.properties", "e.properties_jsonb");
    /**
     * What an unsure event adds to a contact's tally of matching events: more than any real count, and an int for
     * PostgreSQL's SUM. A contact with this many matching events would be left to the evaluator, which is exact too.
     */
    private static final int UNSURE_WEIGHT = 1 << 30;
    /** The first time of a contact with an unsure event: below any event's (times are from 1970 on). */
    private static final long UNSURE_FIRST = Long.MIN_VALUE;

    /** Empty when one of the rule's conditions is not translated. */
    public static Optional<EventWhere> of(EventRule rule, ContactScope scope, long now, Dialect dialect) {
        return events(rule, scope, now, dialect).map(events -> {
            Selection selection = selection(rule, now);
            IdSet.Select meeting = events.meeting(selection);
            IdSet holds = switch (selection.shape()) {
                case MEETING -> meeting;
                case NOT_MEETING -> new IdSet.AllBut(meeting);
                case NONE -> IdSet.NONE;
            };
            return new EventWhere(holds, events.doubtful());
        });
    }

    /**
     * The rule as one pass over its key's events that decide the verdict: per contact with such an event, whether the
     * rule's condition on its matching events holds and whether one of them is an event SQL is unsure of. Empty when
     * one of the rule's conditions is not translated, or when the rule selects nobody whatever the events (count_less_than
     * 0): {@link #of} tells which.
     */
    public static Optional<Judged> judged(EventRule rule, ContactScope scope, long now, Dialect dialect) {
        Selection selection = selection(rule, now);
        if (selection.shape() == Shape.NONE) return Optional.empty();
        return events(rule, scope, now, dialect)
                .map(events -> new Judged(events.judged(selection), selection.shape() == Shape.NOT_MEETING));
    }

    private static Optional<Events> events(EventRule rule, ContactScope scope, long now, Dialect dialect) {
        if (rule.where().isEmpty()) throw new IllegalArgumentException("a rule without where reads the rollups: " + rule);
        List<Verdict> verdicts = new ArrayList<>();
        for (PropertyCondition condition : rule.where()) {
            Optional<JsonComparison.Translation> translated = JsonComparison.of(dialect, PROPERTIES,
                    condition.property(), condition.operator(), condition.value());
            if (translated.isEmpty()) return Optional.empty();
            verdicts.add(translated.get().verdict());
        }
        return Optional.of(new Events(scope, rule.eventKey(), Verdict.all(verdicts, dialect), decidingFrom(rule, now)));
    }

    /**
     * The time from which events decide the verdict: the window's start for counts in it and last_done_within (the
     * events counted, and those whose doubt matters, are the same).
     */
    private static Long decidingFrom(EventRule rule, long now) {
        boolean windowOnly = rule.countsInWindow() || rule.operator() == EventOperator.LAST_DONE_WITHIN;
        return windowOnly ? now - rule.withinDays() * DAY_MILLIS : null;
    }

    private enum Shape { MEETING, NOT_MEETING, NONE }

    /** The first matching event's time, or how many events match (in the window when there is one). */
    private enum Aggregate { COUNT, FIRST }

    /** The rule's contacts: those whose matching events' {@code aggregate} compares with {@code value}, or all but them. */
    private record Selection(Shape shape, Aggregate aggregate, String comparison, long value) {
    }

    private static Selection selection(EventRule rule, long now) {
        long value = rule.value() == null ? 0 : rule.value();
        return switch (rule.operator()) {
            case HAS_DONE, LAST_DONE_WITHIN -> new Selection(Shape.MEETING, Aggregate.COUNT, ">=", 1);
            case HAS_NOT_DONE -> new Selection(Shape.NOT_MEETING, Aggregate.COUNT, ">=", 1);
            case COUNT_GREATER_THAN -> new Selection(Shape.MEETING, Aggregate.COUNT, ">=", value + 1);
            case COUNT_LESS_THAN -> new Selection(value == 0 ? Shape.NONE : Shape.NOT_MEETING, Aggregate.COUNT, ">=", value);
            case COUNT_EQUALS -> value == 0 ? new Selection(Shape.NOT_MEETING, Aggregate.COUNT, ">=", 1)
                    : new Selection(Shape.MEETING, Aggregate.COUNT, "=", value);
            case FIRST_DONE_WITHIN -> new Selection(Shape.MEETING, Aggregate.FIRST, ">=", now - rule.withinDays() * DAY_MILLIS);
        };
    }

    /** The key's events from {@code from} on (all when null), and each one's verdict on the where conditions. */
    private record Events(ContactScope scope, String key, Verdict verdict, Long from) {

        /** The scope's events of the key, from {@code from} on: a condition on e. */
        private SqlCondition rows() {
            SqlCondition contacts = scope.rows("e", "contact_id");
            List<Object> parameters = new ArrayList<>(contacts.parameters());
            parameters.add(key);
            if (from != null) parameters.add(from);
            return new SqlCondition(contacts.sql() + " AND e.event_key = ?" + window(), parameters);
        }

        /** The contacts whose matching events meet the selection's condition. */
        IdSet.Select meeting(Selection selection) {
            SqlCondition rows = rows().and(verdict.holds());
            List<Object> parameters = new ArrayList<>(rows.parameters());
            parameters.add(selection.value());
            String aggregate = selection.aggregate() == Aggregate.COUNT ? "COUNT(*)" : "MIN(e.occurred_at)";
            return new IdSet.Select("SELECT e.contact_id AS id FROM events e WHERE " + rows.sql() + " GROUP BY e.contact_id HAVING "
                    + aggregate + " " + selection.comparison() + " ?", parameters);
        }

        /** The contacts with an event SQL is unsure of. */
        IdSet.Select doubtful() {
            SqlCondition rows = rows().and(verdict.unsure());
            return new IdSet.Select("SELECT DISTINCT e.contact_id AS id FROM events e WHERE " + rows.sql(), rows.parameters());
        }

        /**
         * The contacts with an event that matches or that SQL is unsure of, and their verdict: UNSURE when one of
         * those events is, else whether the matching events meet the selection's condition; those it is NO for are left
         * out (nothing reads them). Each event's verdict is computed once: one aggregate per contact carries both the
         * matching events and the doubt (two aggregates, or a subquery the engine may merge into the aggregate, would
         * compute it once per use).
         */
        IdSet.Select judged(Selection selection) {
            boolean count = selection.aggregate() == Aggregate.COUNT;
            List<Object> parameters = new ArrayList<>();
            if (!count) parameters.add(UNSURE_FIRST);
            parameters.add(selection.value());
            parameters.addAll(verdict.parameters());
            if (!count) parameters.add(UNSURE_FIRST);
            SqlCondition rows = rows();
            parameters.addAll(rows.parameters());
            String unsure = count ? "t.tally >= " + UNSURE_WEIGHT : "t.tally = ?";
            return new IdSet.Select("SELECT v.id, v.verdict FROM (SELECT t.id, CASE WHEN " + unsure + " THEN " + Verdict.UNSURE
                    + " WHEN t.tally " + selection.comparison() + " ? THEN " + Verdict.YES + " ELSE " + Verdict.NO
                    + " END AS verdict FROM (SELECT e.contact_id AS id, " + tally(count) + " AS tally FROM events e"
                    + " WHERE " + rows.sql() + " GROUP BY e.contact_id) AS t) AS v"
                    + " WHERE v.verdict > " + Verdict.NO, parameters);
        }

        /**
         * Per contact, for counts: the matching events plus {@link #UNSURE_WEIGHT} per unsure one; for the first time:
         * the first matching event's, or {@link #UNSURE_FIRST} when one is unsure.
         */
        private String tally(boolean count) {
            String perEvent = "CASE " + verdict.sql() + " WHEN " + Verdict.YES + " THEN "
                    + (count ? "1 WHEN " + Verdict.UNSURE + " THEN " + UNSURE_WEIGHT + " ELSE 0 END"
                    : "e.occurred_at WHEN " + Verdict.UNSURE + " THEN ? END");
            return (count ? "SUM(" : "MIN(") + perEvent + ")";
        }

        private String window() {
            return from == null ? "" : " AND e.occurred_at >= ?";
        }
    }
}
