package so.cueflow.targeting;

import java.util.List;

/** Evaluates one event rule over the rollup, or over the raw events when the rule has where or withinDays. */
final class EventRuleCheck {

    private EventRuleCheck() {
    }

    private record Tally(long count, Long firstAt, Long lastAt) {

        static final Tally NONE = new Tally(0, null, null);

        static Tally of(KeyStats stats) {
            return new Tally(stats.count(), stats.firstAt(), stats.lastAt());
        }

        static Tally of(List<EventRecord> events) {
            return events.stream()
                    .map(event -> KeyStats.of(event.occurredAt()))
                    .reduce(KeyStats::combinedWith)
                    .map(Tally::of)
                    .orElse(NONE);
        }
    }

    /** count is what the verdict compares: inside the window when the rule counts in one. */
    private record Outcome(boolean matches, long count, Tally all, Long windowStart) {
    }

    static boolean matches(EventRule rule, Activity activity, long now) {
        return evaluate(rule, activity, now).matches();
    }

    static EventRuleExplanation explain(EventRule rule, Activity activity, long now) {
        Outcome outcome = evaluate(rule, activity, now);
        return new EventRuleExplanation("event", rule.description(), outcome.matches(), rule.eventKey(),
                outcome.count(), outcome.all().firstAt(), outcome.all().lastAt(), rule.value(), outcome.windowStart());
    }

    private static Outcome evaluate(EventRule rule, Activity activity, long now) {
        Long windowStart = windowStart(rule, now);
        List<EventRecord> matching = rule.needsEvents() ? matchingEvents(rule, activity) : null;
        Tally all = matching == null
                ? activity.rollup(rule.eventKey()).map(Tally::of).orElse(Tally.NONE)
                : Tally.of(matching);
        long count = !rule.countsInWindow()
                ? all.count()
                : matching.stream().filter(event -> event.occurredAt() >= windowStart).count();
        return new Outcome(verdict(rule, count, all, windowStart), count, all, windowStart);
    }

    private static Long windowStart(EventRule rule, long now) {
        return rule.withinDays() == null ? null : DateWindow.start(now, rule.withinDays());
    }

    private static List<EventRecord> matchingEvents(EventRule rule, Activity activity) {
        return activity.eventsFor(rule.eventKey()).stream()
                .filter(event -> rule.where().stream().allMatch(condition -> condition.matches(event.properties())))
                .toList();
    }

    private static boolean verdict(EventRule rule, long count, Tally all, Long windowStart) {
        boolean any = all.firstAt() != null;
        return verdict(rule, count, any, any ? all.firstAt() : 0, any ? all.lastAt() : 0, windowStart == null ? 0 : windowStart);
    }

    /**
     * The rule's verdict from the count it compares, whether the contact has any of the events its first and last
     * are of ({@code any}), those times, and its window's start. Windows have no end: an event dated ahead of now
     * (ingest allows up to a day) is inside.
     */
    static boolean verdict(EventRule rule, long count, boolean any, long firstAt, long lastAt, long windowStart) {
        return switch (rule.operator()) {
            case HAS_DONE -> count >= 1;
            case HAS_NOT_DONE -> count == 0;
            case COUNT_GREATER_THAN -> count > rule.value();
            case COUNT_LESS_THAN -> count < rule.value();
            case COUNT_EQUALS -> count == rule.value();
            case FIRST_DONE_WITHIN -> any && firstAt >= windowStart;
            case LAST_DONE_WITHIN -> any && lastAt >= windowStart;
        };
    }
}
