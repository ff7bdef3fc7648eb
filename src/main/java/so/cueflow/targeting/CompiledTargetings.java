package so.cueflow.targeting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several targetings (a workspace's published messages) compiled together once: each event rule refers to a fact — its
 * key's rollup, or the times of its key's raw events that pass its where — so that a contact's activity is reduced to
 * those numbers once ({@link #factsOf}) and every later evaluation only compares numbers. Decides exactly as
 * {@link Evaluator} does; EvaluatorDifferentialTest holds the two together.
 */
public final class CompiledTargetings {
    private final List<Targeting> targetings;
    private final List<Fact> facts;
    private final Check[][][] checks;
    private final Set<String> keysNeedingEvents;
    private final Set<String> keysNeedingProperties;

    /** What a fact is read from: the key's rollup, or its raw events that meet every condition of {@code where}. */
    private record Fact(String eventKey, List<PropertyCondition> where, boolean fromEvents) {

        static Fact of(EventRule rule) {
            return new Fact(rule.eventKey(), rule.where(), rule.needsEvents());
        }
    }

    /** One rule, ready to be decided over a contact's facts. */
    private interface Check {
        boolean matches(ContactFacts facts, ContactFields contact, Page page, long now);
    }

    private CompiledTargetings(List<Targeting> targetings) {
        this.targetings = List.copyOf(targetings);
        Map<Fact, Integer> indexes = new LinkedHashMap<>();
        Set<String> withEvents = new HashSet<>();
        Set<String> withProperties = new HashSet<>();
        checks = new Check[targetings.size()][][];
        for (int t = 0; t < targetings.size(); t++) {
            Targeting targeting = targetings.get(t);
            withEvents.addAll(targeting.eventKeysNeedingEvents());
            withProperties.addAll(targeting.eventKeysNeedingProperties());
            checks[t] = new Check[targeting.groups().size()][];
            for (int g = 0; g < targeting.groups().size(); g++) {
                List<Rule> rules = targeting.groups().get(g).rules();
                checks[t][g] = new Check[rules.size()];
                for (int r = 0; r < rules.size(); r++) checks[t][g][r] = check(rules.get(r), indexes);
            }
        }
        facts = List.copyOf(indexes.keySet());
        keysNeedingEvents = Set.copyOf(withEvents);
        keysNeedingProperties = Set.copyOf(withProperties);
    }

    public static CompiledTargetings of(List<Targeting> targetings) {
        return new CompiledTargetings(targetings);
    }

    public int size() {
        return targetings.size();
    }

    /** The keys whose raw events {@link #factsOf}'s activity must carry, and those whose properties too. */
    public Set<String> keysNeedingEvents() {
        return keysNeedingEvents;
    }

    public Set<String> keysNeedingProperties() {
        return keysNeedingProperties;
    }

    /** The numbers these targetings compare, of one contact's activity (read for {@link #keysNeedingEvents()}). */
    public ContactFacts factsOf(Activity activity) {
        ContactFacts contactFacts = new ContactFacts(activity.eventCount(), facts.size());
        for (int f = 0; f < facts.size(); f++) {
            Fact fact = facts.get(f);
            if (fact.fromEvents()) contactFacts.setTimes(f, matchingTimes(fact, activity.eventsFor(fact.eventKey())));
            else {
                KeyStats stats = activity.rollups().get(fact.eventKey());
                if (stats != null) contactFacts.setRollup(f, stats);
            }
        }
        return contactFacts;
    }

    /** Whether the contact meets targeting {@code index} (in the order given to {@link #of}) now. */
    public boolean matches(int index, ContactFacts facts, ContactFields contact, Page page, long now) {
        Check[][] groups = checks[index];
        if (groups.length == 0) return true;
        for (Check[] group : groups) {
            if (allMatch(group, facts, contact, page, now)) return true;
        }
        return false;
    }

    private static boolean allMatch(Check[] group, ContactFacts facts, ContactFields contact, Page page, long now) {
        for (Check check : group) {
            if (!check.matches(facts, contact, page, now)) return false;
        }
        return true;
    }

    private static long[] matchingTimes(Fact fact, List<EventRecord> events) {
        long[] times = new long[events.size()];
        int n = 0;
        for (EventRecord event : events) {
            if (meetsAll(fact.where(), event)) times[n++] = event.occurredAt();
        }
        long[] kept = java.util.Arrays.copyOf(times, n);
        java.util.Arrays.sort(kept);
        return kept;
    }

    private static boolean meetsAll(List<PropertyCondition> where, EventRecord event) {
        for (PropertyCondition condition : where) {
            if (!condition.matches(event.properties())) return false;
        }
        return true;
    }

    private static Check check(Rule rule, Map<Fact, Integer> indexes) {
        if (rule instanceof EventRule event) {
            int fact = indexes.computeIfAbsent(Fact.of(event), f -> indexes.size());
            return (facts, contact, page, now) -> eventRuleMatches(event, facts, fact, now);
        }
        if (rule instanceof ContactRule contactRule) return (facts, contact, page, now) -> contactRule.matches(contact, now);
        PageRule pageRule = (PageRule) rule;
        return (facts, contact, page, now) -> pageRule.matches(page);
    }

    /** As EventRuleCheck decides, from the fact's numbers: first and last are of every event the fact holds. */
    private static boolean eventRuleMatches(EventRule rule, ContactFacts facts, int fact, long now) {
        long windowStart = rule.withinDays() == null ? 0 : DateWindow.start(now, rule.withinDays());
        long count = rule.countsInWindow() ? facts.countFrom(fact, windowStart) : facts.count(fact);
        return EventRuleCheck.verdict(rule, count, facts.count(fact) > 0, facts.firstAt(fact), facts.lastAt(fact), windowStart);
    }

    /** For tests and diagnostics: how many distinct facts the targetings share. */
    int factCount() {
        return facts.size();
    }

    @Override
    public String toString() {
        return "CompiledTargetings" + new ArrayList<>(facts);
    }
}
