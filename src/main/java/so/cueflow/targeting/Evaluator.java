package so.cueflow.targeting;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Decides whether a subject matches a targeting, now as the clock tells it. */
public final class Evaluator {

    private final Clock clock;

    public Evaluator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public boolean matches(Targeting targeting, Subject subject) {
        requireLoadedEvents(targeting, subject.activity());
        long now = clock.millis();
        return targeting.targetsEveryone() || targeting.groups().stream()
                .anyMatch(group -> group.rules().stream().allMatch(rule -> matches(rule, subject, now)));
    }

    public Explanation explain(Targeting targeting, Subject subject) {
        requireLoadedEvents(targeting, subject.activity());
        long now = clock.millis();
        List<GroupExplanation> groups = targeting.groups().stream()
                .map(group -> explain(group, subject, now))
                .toList();
        boolean matches = groups.isEmpty() || groups.stream().anyMatch(GroupExplanation::matches);
        return new Explanation(matches, now, groups);
    }

    private static GroupExplanation explain(Group group, Subject subject, long now) {
        List<RuleExplanation> rules = group.rules().stream().map(rule -> explain(rule, subject, now)).toList();
        return new GroupExplanation(rules.stream().allMatch(RuleExplanation::matches), rules);
    }

    private static boolean matches(Rule rule, Subject subject, long now) {
        if (rule instanceof EventRule event) {
            return EventRuleCheck.matches(event, subject.activity(), now);
        }
        if (rule instanceof ContactRule contact) {
            return contact.matches(subject.contact(), now);
        }
        return ((PageRule) rule).matches(subject.page());
    }

    private static RuleExplanation explain(Rule rule, Subject subject, long now) {
        if (rule instanceof EventRule event) {
            return EventRuleCheck.explain(event, subject.activity(), now);
        }
        if (rule instanceof ContactRule contact) {
            return new ContactRuleExplanation("contact", contact.description(), contact.matches(subject.contact(), now),
                    contact.field(), contact.valueIn(subject.contact()));
        }
        PageRule page = (PageRule) rule;
        return new PageRuleExplanation("page", page.description(), page.matches(subject.page()),
                page.field().wireName(), page.valueIn(subject.page()));
    }

    /** Checked up front so that a missing load fails every time, not only when an earlier rule lets it be reached. */
    private static void requireLoadedEvents(Targeting targeting, Activity activity) {
        targeting.eventKeysNeedingEvents().forEach(activity::eventsFor);
    }
}
