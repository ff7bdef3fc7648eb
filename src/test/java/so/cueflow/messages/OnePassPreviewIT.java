package so.cueflow.messages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.http.Json;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audience preview's one-pass plan ({@link OnePassPlan}): where rules and custom attributes judged once per
 * contact, counted with the proof that no contact is in doubt. In a workspace whose JSON values SQL decides exactly
 * (numbers, strings that are not dates, booleans; no escaped NUL) every targeting below is counted by the one pass
 * with no doubt, and its count and sample agree with the evaluator's over every contact; in a workspace that also
 * holds a date-like string and a NUL the one pass finds them in doubt, and the preview (which then leaves them to the
 * evaluator) still agrees. Each where operator and window form, the negated shapes, several judged tables in a group
 * and across groups, a group of custom attributes alone, and a group no contact can meet.
 */
class OnePassPreviewIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    private static final List<String> DECIDED = List.of("0", "1", "1.0", "1e1", "10", "11", "-3", "1.5", "100.25",
            "\"\"", "\"1\"", "\"free\"", "\"Free\"", "\"freebie\"", "true", "false");
    private static final List<String> IN_DOUBT = List.of("\"2026-01-01\"", "\"a\\u0000b\"");

    private static TestServer server;
    private static Workspace decided;
    private static Workspace inDoubt;
    private static final List<String> decidedContacts = new ArrayList<>();
    private static final List<String> inDoubtContacts = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start();
        decided = Workspace.fresh(server);
        inDoubt = Workspace.fresh(server);
        seed(decided, DECIDED, decidedContacts);
        List<String> mixed = new ArrayList<>(DECIDED);
        mixed.addAll(IN_DOUBT);
        seed(inDoubt, mixed, inDoubtContacts);
    }

    /** Per value a contact holding it as a custom attribute, with events holding it 2, 10 and 40 days ago (some fewer). */
    private static void seed(Workspace ws, List<String> values, List<String> contacts) {
        for (int i = 0; i < values.size(); i++) {
            String id = "c" + i;
            String value = values.get(i);
            String plan = i % 3 == 0 ? "pro" : "free";
            assertThat(ws.post("/api/v1/contacts", "{\"externalId\":\"" + id + "\",\"plan\":\"" + plan
                    + "\",\"customAttributes\":{\"v\":" + value + "}}").status()).as(value).isIn(200, 201);
            for (int daysAgo : List.of(2, 10, 40).subList(0, 1 + i % 3)) {
                TestServer.Reply reply = ws.post("/api/v1/events", "{\"externalId\":\"" + id + "\",\"eventKey\":\"bought\","
                        + "\"timestamp\":\"" + NOW.minus(daysAgo, ChronoUnit.DAYS) + "\",\"properties\":{\"v\":" + value
                        + ",\"n\":" + (i % 4) + "}}");
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }
            if (i % 2 == 0) ws.track(id, "viewed");
            contacts.add(id);
        }
        contacts.add(ws.contact("without"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Map<String, Object> where(String property, String operator, Object value) {
        return new LinkedHashMap<>(Map.of("property", property, "operator", operator, "value", value));
    }

    private static Map<String, Object> custom(String operator, Object value) {
        return Map.of("type", "contact", "field", "customAttributes.v", "operator", operator, "value", value);
    }

    private static List<Map<String, Object>> targetings() {
        List<Object> big = List.of(where("v", "greater_than", 1));
        List<Object> free = List.of(where("v", "starts_with", "free"));
        List<Map<String, Object>> rules = new ArrayList<>();
        List<Object> both = List.of(where("n", "equals", 1), where("v", "less_than", 50));
        for (List<Object> conditions : List.of(big, free, both)) {
            rules.add(Workspace.event("bought", "has_done", "where", conditions));
            rules.add(Workspace.event("bought", "has_not_done", "where", conditions));
            rules.add(Workspace.event("bought", "has_done", "withinDays", 7, "where", conditions));
            rules.add(Workspace.event("bought", "has_not_done", "withinDays", 30, "where", conditions));
            for (int value = 0; value <= 2; value++) {
                rules.add(Workspace.event("bought", "count_greater_than", "value", value, "where", conditions));
                rules.add(Workspace.event("bought", "count_less_than", "value", value, "withinDays", 30, "where", conditions));
                rules.add(Workspace.event("bought", "count_equals", "value", value, "where", conditions));
                rules.add(Workspace.event("bought", "count_equals", "value", value, "withinDays", 30, "where", conditions));
            }
            rules.add(Workspace.event("bought", "first_done_within", "withinDays", 30, "where", conditions));
            rules.add(Workspace.event("bought", "last_done_within", "days", 7, "where", conditions));
        }
        rules.add(custom("greater_than", 1));
        rules.add(custom("starts_with", "free"));
        rules.add(custom("equals", true));
        List<Map<String, Object>> targetings = new ArrayList<>(rules.stream().map(rule -> Workspace.allOf(rule)).toList());
        Map<String, Object> whereBig = Workspace.event("bought", "count_greater_than", "value", 0, "withinDays", 30, "where", big);
        Map<String, Object> notFree = Workspace.event("bought", "has_not_done", "where", free);
        Map<String, Object> viewed = Workspace.event("viewed", "has_done");
        Map<String, Object> pro = Map.of("type", "contact", "field", "plan", "operator", "equals", "value", "pro");
        Map<String, Object> nobody = Workspace.event("bought", "count_less_than", "value", 0, "where", big);
        targetings.add(Workspace.allOf(whereBig, notFree));
        targetings.add(Workspace.allOf(whereBig, custom("less_than", 50), viewed));
        targetings.add(Workspace.allOf(notFree, custom("greater_than", 0), custom("not_contains", "bie")));
        targetings.add(Workspace.allOf(Map.of("type", "contact", "field", "customAttributes.v", "operator", "is_set"), pro));
        targetings.add(Workspace.allOf(nobody, custom("greater_than", 1)));
        targetings.add(Map.of("groups", List.of(Map.of("rules", List.of(whereBig)), Map.of("rules", List.of(custom("equals", 1), pro)),
                Map.of("rules", List.of(notFree, viewed)))));
        targetings.add(Map.of("groups", List.of(Map.of("rules", List.of(nobody)), Map.of("rules", List.of(pro)))));
        return targetings;
    }

    @Test
    void everyTargetingIsCountedInOnePassWithNoDoubtAndAgreesWithTheEvaluator() {
        Oracle oracle = Oracle.of(decided, decidedContacts);
        String workspaceId = oracle.workspaceId();
        int selective = 0;
        int withoutOnePass = 0;
        for (Map<String, Object> body : targetings()) {
            Targeting targeting = MessageValidator.targetingOf(Json.MAPPER.valueToTree(body));
            List<String> expected = oracle.selected(targeting);
            AudiencePreview.Result result = oracle.preview().count(workspaceId, targeting);
            assertThat(result.count()).as("preview, %s", Workspace.json(body)).isEqualTo(expected.size());
            assertThat(expected).as("sample, %s", Workspace.json(body)).containsAll(result.sample());
            if (!expected.isEmpty() && expected.size() < oracle.everyone().size()) selective++;
            Optional<OnePassPlan.Outcome> onePass = onePass(workspaceId, targeting);
            if (onePass.isEmpty()) {
                withoutOnePass++;
                continue;
            }
            OnePassPlan.Outcome outcome = onePass.get();

            assertThat(outcome.doubts()).as("doubts, %s", Workspace.json(body)).isZero();
            assertThat(outcome.count()).as("count, %s", Workspace.json(body)).isEqualTo(expected.size());
            assertThat(outcome.firstIds()).as("sample, %s", Workspace.json(body)).hasSize(Math.min(10, expected.size()));
        }
        // count_less_than 0 selects nobody whatever the events: a group with it has nothing to judge (three alone, one
        // beside a custom attribute, one ORed with a plan).
        assertThat(withoutOnePass).as("targetings without a one-pass plan").isEqualTo(5);
        assertThat(selective).as("targetings that tell the contacts apart").isGreaterThan(targetings().size() / 2);
    }

    @Test
    void contactsInDoubtAreFoundByTheOnePassAndLeftToTheEvaluator() {
        Oracle oracle = Oracle.of(inDoubt, inDoubtContacts);
        String workspaceId = oracle.workspaceId();
        int doubted = 0;
        for (Map<String, Object> body : targetings()) {
            Targeting targeting = MessageValidator.targetingOf(Json.MAPPER.valueToTree(body));
            long expected = oracle.selected(targeting).size();
            if (onePass(workspaceId, targeting).map(OnePassPlan.Outcome::doubts).orElse(0L) > 0) doubted++;

            assertThat(oracle.preview().count(workspaceId, targeting).count()).as("targeting %s", Workspace.json(body)).isEqualTo(expected);
        }
        assertThat(doubted).as("targetings with contacts in doubt").isGreaterThan(targetings().size() / 2);
    }

    /** The one-pass statement's outcome (a sample of 10), when the targeting has a one-pass plan. */
    private static Optional<OnePassPlan.Outcome> onePass(String workspaceId, Targeting targeting) {
        return OnePassPlan.of(targeting, ContactScope.all(workspaceId), AsOf.allKept(NOW.toEpochMilli()), server.database().dialect())
                .map(plan -> server.database().readStreaming(connection -> plan.run(connection, 10)));
    }

    /**
     * Conditions combine in three-valued logic: one that does not hold decides, even beside one SQL is unsure of (a
     * date-like string compared with a number, or text of a JSON holding a NUL), in a where rule's events and among
     * custom attributes alike. The contact whose JSON holds a NUL stays in doubt where no condition decides it: on
     * PostgreSQL, which reads no member of that JSON, always; on SQLite, which reads its numbers (n) and leaves only its
     * text to the evaluator, where both conditions read v's text.
     */
    @Test
    void aConditionThatDoesNotHoldDecidesBesideOneSqlIsUnsureOf() {
        Oracle oracle = Oracle.of(inDoubt, inDoubtContacts);
        String workspaceId = oracle.workspaceId();
        boolean sqlite = server.database().dialect() == Dialect.SQLITE;
        Map<Map<String, Object>, Long> doubtsByTargeting = Map.of(
                Workspace.allOf(Workspace.event("bought", "has_done", "where", List.of(where("v", "greater_than", 1), where("n", "equals", 99)))),
                sqlite ? 0L : 1L,
                Workspace.allOf(Workspace.event("bought", "count_less_than", "value", 2, "where",
                        List.of(where("n", "equals", 99), where("v", "less_than", 50)))),
                sqlite ? 0L : 1L,
                Workspace.allOf(custom("greater_than", 1), custom("equals", "none")), 1L);
        for (Map.Entry<Map<String, Object>, Long> entry : doubtsByTargeting.entrySet()) {
            Map<String, Object> body = entry.getKey();
            Targeting targeting = MessageValidator.targetingOf(Json.MAPPER.valueToTree(body));
            long expected = oracle.selected(targeting).size();
            assertThat(onePass(workspaceId, targeting).orElseThrow().doubts()).as("doubts, %s", Workspace.json(body))
                    .isEqualTo(entry.getValue());
            assertThat(oracle.preview().count(workspaceId, targeting).count()).as("targeting %s", Workspace.json(body)).isEqualTo(expected);
        }
    }

    /** A workspace's contacts as the evaluator sees them, at NOW, and the preview to hold to it. */
    private record Oracle(String workspaceId, List<Subject> everyone, Evaluator evaluator, AudiencePreview preview) {

        static Oracle of(Workspace ws, List<String> contacts) {
            String workspaceId = OnePassPreviewIT.workspaceId(ws);
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            return new Oracle(workspaceId, subjects(workspaceId, contacts), new Evaluator(clock),
                    new AudiencePreview(server.database(), clock));
        }

        /** The external ids of the contacts the evaluator selects. */
        List<String> selected(Targeting targeting) {
            return everyone.stream().filter(subject -> evaluator.matches(targeting, subject))
                    .map(subject -> subject.contact().externalId()).toList();
        }
    }

    private static String workspaceId(Workspace ws) {
        return new WorkspaceStore(server.database()).findByName(ws.workspaceName()).orElseThrow().id();
    }

    private static List<Subject> subjects(String workspaceId, List<String> contacts) {
        Subjects subjects = new Subjects(new EventStore(server.database()));
        ContactStore store = new ContactStore(server.database());
        return contacts.stream().map(id -> subjects.of(workspaceId, store.find(workspaceId, id).orElseThrow(),
                Set.of("bought", "viewed"), null)).toList();
    }
}
