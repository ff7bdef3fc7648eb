package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import so.cueflow.targeting.NaiveOracle.Verdict;
import so.cueflow.targeting.RandomScenarios.Occurrence;
import so.cueflow.targeting.RandomScenarios.Scenario;

/** The evaluator, fed rollups, against a naive oracle that scans raw events, over many random histories. */
class EvaluatorDifferentialTest {

    private static final long FIRST_SEED = 20_261_126L;
    private static final int HISTORIES = 10_000;
    private static final int TARGETINGS_PER_HISTORY = 3;

    private final Evaluator evaluator = new Evaluator(Clock.fixed(Instant.ofEpochMilli(RandomScenarios.NOW), ZoneOffset.UTC));
    private final NaiveOracle oracle = new NaiveOracle(RandomScenarios.NOW);
    private final RuleParser parser = new RuleParser();
    private final Map<String, int[]> outcomes = new HashMap<>();
    private final int[] compiledVerdicts = new int[2];

    @Test
    void theEvaluatorAgreesWithANaiveOracleOnTenThousandRandomHistories() {
        int disagreements = 0;
        String first = null;
        long rulesChecked = 0;
        outcomes.clear();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + HISTORIES; seed++) {
            Scenario scenario = RandomScenarios.generate(seed, TARGETINGS_PER_HISTORY);
            Optional<String> compiledDisagreement = compareCompiled(scenario);
            if (compiledDisagreement.isPresent()) {
                disagreements++;
                first = first == null ? compiledDisagreement.get() : first;
            }
            for (Map<String, Object> json : scenario.targetings()) {
                Optional<String> disagreement = compare(scenario, json);
                rulesChecked += countRules(json);
                if (disagreement.isPresent()) {
                    disagreements++;
                    first = first == null ? disagreement.get() : first;
                }
            }
        }
        assertThat(rulesChecked).isGreaterThan(HISTORIES * 4L);
        assertThat(disagreements).as("disagreements; the first:%n%s", first).isZero();
        assertEveryKindOfRuleWentBothWays();
        assertThat(Math.min(compiledVerdicts[0], compiledVerdicts[1])).as("fewest of false and true compiled verdicts")
                .isGreaterThan(HISTORIES / 10);
    }

    /** A generator that never makes, say, an is_within rule true would let a broken is_within pass. */
    private void assertEveryKindOfRuleWentBothWays() {
        List<String> kinds = new ArrayList<>();
        for (EventOperator operator : EventOperator.values()) {
            kinds.add("event " + operator.wireName());
            kinds.add("event " + operator.wireName() + " where");
        }
        for (EventOperator operator : EventOperator.values()) {
            if (!operator.needsWindow()) {
                kinds.add("event " + operator.wireName() + " withinDays");
                kinds.add("event " + operator.wireName() + " where withinDays");
            }
        }
        for (ValueOperator operator : ValueOperator.values()) {
            kinds.add("contact " + operator.wireName());
        }
        for (PageOperator operator : PageOperator.values()) {
            kinds.add("page " + operator.wireName());
        }
        for (String kind : kinds) {
            int[] counts = outcomes.getOrDefault(kind, new int[2]);
            assertThat(Math.min(counts[0], counts[1])).as("fewest of false and true verdicts of " + kind).isGreaterThan(20);
        }
    }

    private static String kind(Map<?, ?> rule) {
        return rule.get("type") + " " + rule.get("operator") + (rule.containsKey("where") ? " where" : "")
                + (rule.containsKey("withinDays") && !String.valueOf(rule.get("operator")).endsWith("_within") ? " withinDays" : "");
    }

    private Optional<String> compare(Scenario scenario, Map<String, Object> json) {
        Targeting targeting;
        try {
            targeting = parser.parse(json, "targeting");
        } catch (InvalidTargetingException e) {
            return Optional.of(report(scenario, json, "the parser rejects a valid targeting: " + e.getMessage()));
        }
        Subject subject = new Subject(Contacts.of(scenario.contact()), activity(scenario, targeting), scenario.page());
        boolean expected = oracle.matches(json, scenario);
        if (evaluator.matches(targeting, subject) != expected) {
            return Optional.of(report(scenario, json, "matches() says " + !expected + ", the oracle " + expected));
        }
        Explanation explanation = evaluator.explain(targeting, subject);
        if (explanation.matches() != expected) {
            return Optional.of(report(scenario, json, "explain() says " + !expected + ", the oracle " + expected));
        }
        List<?> groups = (List<?>) json.get("groups");
        for (int g = 0; g < groups.size(); g++) {
            List<?> rules = (List<?>) ((Map<?, ?>) groups.get(g)).get("rules");
            for (int r = 0; r < rules.size(); r++) {
                Verdict verdict = oracle.rule((Map<?, ?>) rules.get(r), scenario);
                outcomes.computeIfAbsent(kind((Map<?, ?>) rules.get(r)), kind -> new int[2])[verdict.matches() ? 1 : 0]++;
                RuleExplanation explained = explanation.groups().get(g).rules().get(r);
                if (!agree(verdict, explained)) {
                    return Optional.of(report(scenario, json, "groups[" + g + "].rules[" + r + "] " + rules.get(r)
                            + ": oracle " + verdict + ", evaluator " + explained));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The scenario's targetings compiled together, as eligibility evaluates a workspace's published messages: each
     * must decide as the oracle does, over one set of facts read from an activity that carries what all of them need.
     */
    private Optional<String> compareCompiled(Scenario scenario) {
        List<Targeting> targetings = new ArrayList<>();
        try {
            for (Map<String, Object> json : scenario.targetings()) targetings.add(parser.parse(json, "targeting"));
        } catch (InvalidTargetingException e) {
            return Optional.empty();
        }
        CompiledTargetings compiled = CompiledTargetings.of(targetings);
        ContactFacts facts = compiled.factsOf(activity(scenario, compiled.keysNeedingEvents()));
        ContactFields contact = Contacts.of(scenario.contact());
        for (int t = 0; t < targetings.size(); t++) {
            Map<String, Object> json = scenario.targetings().get(t);
            boolean expected = oracle.matches(json, scenario);
            compiledVerdicts[expected ? 1 : 0]++;
            if (compiled.matches(t, facts, contact, scenario.page(), RandomScenarios.NOW) != expected) {
                return Optional.of(report(scenario, json, "the compiled targetings say " + !expected + ", the oracle " + expected));
            }
        }
        return Optional.empty();
    }

    private static boolean agree(Verdict verdict, RuleExplanation explained) {
        if (verdict.matches() != explained.matches()) {
            return false;
        }
        if (explained instanceof EventRuleExplanation event) {
            return verdict.count() == event.count() && java.util.Objects.equals(verdict.firstAt(), event.firstAt())
                    && java.util.Objects.equals(verdict.lastAt(), event.lastAt());
        }
        return true;
    }

    /**
     * Rollups computed from the whole history by hand; raw events, only of the keys the targeting says it needs, from
     * what retention kept.
     */
    private static Activity activity(Scenario scenario, Targeting targeting) {
        return activity(scenario, targeting.eventKeysNeedingEvents());
    }

    private static Activity activity(Scenario scenario, java.util.Set<String> keysNeedingEvents) {
        List<Occurrence> history = scenario.history();
        Map<String, KeyStats> rollups = new HashMap<>();
        for (Occurrence event : history) {
            KeyStats known = rollups.get(event.eventKey());
            long at = event.occurredAt();
            rollups.put(event.eventKey(), known == null ? new KeyStats(1, at, at)
                    : new KeyStats(known.count() + 1, Math.min(known.firstAt(), at), Math.max(known.lastAt(), at)));
        }
        Map<String, List<EventRecord>> raw = new HashMap<>();
        for (String key : keysNeedingEvents) {
            List<EventRecord> events = new ArrayList<>();
            scenario.kept().stream().filter(event -> event.eventKey().equals(key))
                    .forEach(event -> events.add(new EventRecord(event.occurredAt(), event.properties())));
            raw.put(key, events);
        }
        return new Activity(rollups, raw);
    }

    private static int countRules(Map<String, Object> json) {
        return ((List<?>) json.get("groups")).stream().mapToInt(group -> ((List<?>) ((Map<?, ?>) group).get("rules")).size()).sum();
    }

    private static String report(Scenario scenario, Map<String, Object> json, String what) {
        StringBuilder history = new StringBuilder();
        scenario.history().forEach(event -> history.append("\n  ").append(event.eventKey()).append(" at ")
                .append(Instant.ofEpochMilli(event.occurredAt())).append(" (").append(event.occurredAt() - RandomScenarios.NOW)
                .append(" ms from now) ").append(event.properties()));
        return "seed " + scenario.seed() + ": " + what + "\ntargeting " + JsonText.write(json)
                + "\ncontact " + scenario.contact() + "\npage " + scenario.page() + "\nnow " + RandomScenarios.NOW + "\nraw events kept from " + scenario.keptFrom()
                + "\nhistory:" + history;
    }
}
