package so.cueflow.messages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.storage.ContactScope;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom attributes and where conditions compared in SQL ({@code storage.JsonComparison}) exactly as the evaluator
 * compares them: one contact per JSON value — numbers written as 1, 1.0, 1e1, with many digits, beyond 2^53 and
 * beyond a long; strings empty, numeric, date-like, non-ASCII and with a NUL; booleans; and a contact without the
 * value — holding it as a custom attribute and as the property of its events (one 3 days ago, one 20 days ago). Every
 * rule's preview count must equal the evaluator's over every contact, on SQLite and on PostgreSQL.
 */
class JsonComparisonsIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    private static final List<String> VALUES = List.of("0", "1", "1.0", "1e1", "10", "10.0", "11", "-3", "1.5", "0.1",
            "0.1000000000000000055511151231257827", "100.25", "9007199254740993", "12345678901234567890123", "1.0E20",
            "\"\"", "\"1\"", "\"10\"", "\"free\"", "\"Free\"", "\"freebie\"", "\"2026-01-01\"", "\"2026-01-01T00:00:00Z\"",
            "\"1970-01-01T00:00:00.005Z\"", "\"2026-13-45\"", "\"2026-01-01 is a date\"", "\"na\u00efve \uD83D\uDE00\"",
            "\"a\\u0000b\"", "true", "false");

    private static TestServer server;
    private static Workspace ws;
    private static final List<String> contacts = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start();
        ws = Workspace.fresh(server);
        for (int i = 0; i < VALUES.size(); i++) {
            String id = "c" + i;
            String value = VALUES.get(i);
            assertThat(ws.post("/api/v1/contacts", "{\"externalId\":\"" + id + "\",\"customAttributes\":{\"v\":" + value + "}}")
                    .status()).as(value).isIn(200, 201);
            for (int daysAgo : List.of(3, 20)) {
                TestServer.Reply reply = ws.post("/api/v1/events", "{\"externalId\":\"" + id + "\",\"eventKey\":\"bought\","
                        + "\"timestamp\":\"" + NOW.minus(daysAgo, ChronoUnit.DAYS) + "\",\"properties\":{\"v\":" + value + "}}");
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }
            contacts.add(id);
        }
        contacts.add(ws.contact("without"));
        ws.track("without", "bought", NOW.minus(1, ChronoUnit.DAYS), Map.of("other", 1));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Comparisons, each as {operator, value}; a null value for operators that take none. */
    private static List<Object[]> comparisons() {
        List<Object[]> comparisons = new ArrayList<>();
        for (Object value : List.of(1, 1.0, 10, 0.1, -3, 9007199254740993L, "1", "free", "", true, false)) {
            comparisons.add(new Object[] {"equals", value});
            comparisons.add(new Object[] {"not_equals", value});
        }
        comparisons.add(new Object[] {"is_set", null});
        comparisons.add(new Object[] {"is_not_set", null});
        for (String text : List.of("ee", "Fr", "\uD83D\uDE00", "1", "a")) {
            for (String operator : List.of("contains", "not_contains", "starts_with", "ends_with")) {
                comparisons.add(new Object[] {operator, text});
            }
        }
        for (Object value : List.of(1, 1.0, 0.5, 1.5, 10, 100, -1, 0.1, 9007199254740992L, "2025-06-01")) {
            comparisons.add(new Object[] {"greater_than", value});
            comparisons.add(new Object[] {"less_than", value});
        }
        comparisons.add(new Object[] {"between", List.of(1, 10)});
        comparisons.add(new Object[] {"between", List.of(0.1, 1.5)});
        comparisons.add(new Object[] {"between", List.of(-5, 0)});
        comparisons.add(new Object[] {"between", List.of("2025-01-01", "2026-06-01")});
        return comparisons;
    }

    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object[] comparison : comparisons()) {
            Map<String, Object> condition = new java.util.LinkedHashMap<>(Map.of("property", "v", "operator", comparison[0]));
            Map<String, Object> contactRule = new java.util.LinkedHashMap<>(Map.of("type", "contact", "field", "customAttributes.v",
                    "operator", comparison[0]));
            if (comparison[1] != null) {
                condition.put("value", comparison[1]);
                contactRule.put("value", comparison[1]);
            }
            rules.add(contactRule);
            rules.add(Workspace.event("bought", "has_done", "where", List.of(condition)));
            rules.add(Workspace.event("bought", "count_equals", "value", 1, "withinDays", 7, "where", List.of(condition)));
            rules.add(Workspace.event("bought", "has_not_done", "withinDays", 7, "where", List.of(condition)));
        }
        rules.add(Map.of("type", "contact", "field", "customAttributes.v", "operator", "is_within", "days", 30));
        Map<String, Object> big = Map.of("property", "v", "operator", "greater_than", "value", 1);
        rules.add(Workspace.event("bought", "first_done_within", "withinDays", 7, "where", List.of(big)));
        rules.add(Workspace.event("bought", "last_done_within", "withinDays", 7, "where", List.of(big)));
        rules.add(Workspace.event("bought", "count_greater_than", "value", 1, "where", List.of(big)));
        rules.add(Workspace.event("bought", "count_less_than", "value", 2, "where",
                List.of(big, Map.of("property", "v", "operator", "less_than", "value", 100))));
        return rules;
    }

    @Test
    void sqlCountsEachComparisonExactlyAsTheEvaluator() {
        List<Map<String, Object>> targetings = rules().stream().map(rule -> Workspace.allOf(rule)).toList();
        assertThat(selectiveTargetings(targetings)).as("rules that tell the values apart").isGreaterThan(targetings.size() * 2 / 3);
    }

    /**
     * Groups mixing a rule SQL decides for every contact, a where rule and a custom attribute (each with contacts SQL
     * is unsure of: the date-like strings and the NUL), and groups ORed: the unsure contacts of one rule are
     * evaluated with the rules that need it, whatever SQL decided of the others.
     */
    @Test
    void rulesWithUnsureContactsCombineExactlyInGroupsAndAcrossThem() {
        Map<String, Object> where = Workspace.event("bought", "has_done", "where",
                List.of(Map.of("property", "v", "operator", "greater_than", "value", 0.5)));
        Map<String, Object> custom = Map.of("type", "contact", "field", "customAttributes.v", "operator", "less_than", "value", 11);
        Map<String, Object> text = Map.of("type", "contact", "field", "customAttributes.v", "operator", "starts_with", "value", "2026");
        Map<String, Object> certain = Workspace.event("bought", "count_greater_than", "value", 1);
        Map<String, Object> windowed = Workspace.event("bought", "has_not_done", "withinDays", 7, "where",
                List.of(Map.of("property", "v", "operator", "between", "value", List.of(-5, 10))));
        List<Map<String, Object>> targetings = List.of(Workspace.allOf(where, custom), Workspace.allOf(certain, custom, where),
                Workspace.allOf(text, windowed), Workspace.allOf(custom, text),
                Map.of("groups", List.of(Map.of("rules", List.of(where)), Map.of("rules", List.of(custom, certain)))),
                Map.of("groups", List.of(Map.of("rules", List.of(windowed)), Map.of("rules", List.of(text)))));
        assertThat(selectiveTargetings(targetings)).isGreaterThan(targetings.size() / 2);
    }

    /** Asserts each targeting's preview count against the evaluator's; returns how many selected some but not all. */
    private static int selectiveTargetings(List<Map<String, Object>> targetings) {
        String workspaceId = new WorkspaceStore(server.database()).findByName(ws.workspaceName()).orElseThrow().id();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AudiencePreview preview = new AudiencePreview(server.database(), clock);
        Evaluator evaluator = new Evaluator(clock);
        Subjects subjects = new Subjects(new EventStore(server.database()));
        ContactStore store = new ContactStore(server.database());
        List<Subject> everyone = contacts.stream().map(id -> subjects.of(workspaceId, store.find(workspaceId, id).orElseThrow(),
                Set.of("bought"), null)).toList();
        int selective = 0;
        for (Map<String, Object> body : targetings) {
            Targeting targeting = MessageValidator.targetingOf(Json.MAPPER.valueToTree(body));
            long expected = everyone.stream().filter(subject -> evaluator.matches(targeting, subject)).count();

            assertThat(preview.count(workspaceId, targeting).count()).as("targeting %s", Workspace.json(body)).isEqualTo(expected);
            if (expected > 0 && expected < everyone.size()) selective++;
        }
        return selective;
    }

    @Test
    void comparisonsWithNumbersStringsAndBooleansAreDecidedInSqlAndDatesAreLeftToTheEvaluator() {
        long now = NOW.toEpochMilli();
        for (Object[] comparison : comparisons()) {
            Map<String, Object> rule = new java.util.LinkedHashMap<>(Map.of("type", "contact", "field", "customAttributes.v",
                    "operator", comparison[0]));
            if (comparison[1] != null) rule.put("value", comparison[1]);
            Targeting targeting = MessageValidator.targetingOf(Json.MAPPER.valueToTree(Workspace.allOf(rule)));
            AudiencePlan plan = AudiencePlan.of(targeting, ContactScope.all("w"), AsOf.allKept(now), server.database().dialect());
            boolean dateValue = comparison[1] instanceof String text && text.startsWith("20")
                    || comparison[1] instanceof List<?> bounds && bounds.get(0) instanceof String;
            boolean bigOnSqlite = comparison[1] instanceof Long big && Math.abs(big) >= 1L << 53
                    && server.database().dialect() == so.cueflow.storage.Dialect.SQLITE;
            if (dateValue || bigOnSqlite) {
                assertThat(plan.residuals()).as("%s", rule).singleElement().satisfies(residual -> assertThat(residual.among()).isNull());
            } else {
                // Translated: only the contacts SQL is unsure of (a date-like string, an escaped NUL) reach the evaluator.
                assertThat(plan.residuals()).as("%s", rule).allSatisfy(residual -> assertThat(residual.among()).isNotNull());
            }
        }
    }
}
