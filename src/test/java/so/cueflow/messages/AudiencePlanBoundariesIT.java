package so.cueflow.messages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * The SQL plan of the audience preview at the exact edges of its windows: events and dates one millisecond before,
 * at and after now − N days, back-filled over HTTP, counted by {@link AudiencePreview} with a fixed clock and
 * compared with the evaluator, at the same instant, over every contact.
 */
class AudiencePlanBoundariesIT {
    private static final long DAY = 86_400_000L;
    private static final List<Integer> WINDOWS = List.of(1, 7);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    private static TestServer server;
    private static Workspace ws;
    private static final List<String> contacts = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start();
        ws = Workspace.fresh(server);
        int n = 0;
        for (int days : WINDOWS) {
            long start = NOW.toEpochMilli() - days * DAY;
            for (long offset = -1; offset <= 1; offset++) {
                Instant at = Instant.ofEpochMilli(start + offset);
                for (int events = 1; events <= 2; events++) {
                    String contact = ws.contact(Map.of("externalId", "c" + n++, "plan", offset == 0 ? "pro" : "free",
                            "signedUpAt", at.toString()));
                    for (int i = 0; i < events; i++) {
                        ws.track(contact, "seen", i == 0 ? at : at.plus(days, ChronoUnit.DAYS), Map.of("amount", i == 0 ? 5 : 50));
                    }
                    contacts.add(contact);
                }
            }
        }
        contacts.add(ws.contact("never"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Object> big = Map.of("property", "amount", "operator", "greater_than", "value", 10);
        for (int days : WINDOWS) {
            for (String operator : List.of("has_done", "has_not_done")) {
                rules.add(Workspace.event("seen", operator, "withinDays", days));
                rules.add(Workspace.event("seen", operator, "withinDays", days, "where", List.of(big)));
            }
            for (String operator : List.of("count_greater_than", "count_less_than", "count_equals")) {
                for (int value = 0; value <= 2; value++) {
                    rules.add(Workspace.event("seen", operator, "value", value, "withinDays", days));
                    rules.add(Workspace.event("seen", operator, "value", value));
                }
            }
            for (String operator : List.of("first_done_within", "last_done_within")) {
                rules.add(Workspace.event("seen", operator, "withinDays", days));
                rules.add(Workspace.event("seen", operator, "days", days, "where", List.of(big)));
            }
            rules.add(Map.of("type", "contact", "field", "signedUpAt", "operator", "is_within", "days", days));
            rules.add(Map.of("type", "contact", "field", "signedUpAt", "operator", "is_before", "days", days));
            rules.add(Map.of("type", "contact", "field", "signedUpAt", "operator", "greater_than",
                    "value", Instant.ofEpochMilli(NOW.toEpochMilli() - days * DAY).toString()));
        }
        rules.add(Map.of("type", "contact", "field", "plan", "operator", "equals", "value", "pro"));
        rules.add(Map.of("type", "contact", "field", "plan", "operator", "ends_with", "value", "ee"));
        return rules;
    }

    @Test
    void thePlanCountsExactlyWhatTheEvaluatorSelectsAtEveryWindowEdge() {
        String workspaceId = new WorkspaceStore(server.database()).findByName(ws.workspaceName()).orElseThrow().id();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AudiencePreview preview = new AudiencePreview(server.database(), clock);
        Evaluator evaluator = new Evaluator(clock);
        Subjects subjects = new Subjects(new EventStore(server.database()));
        ContactStore store = new ContactStore(server.database());
        List<Subject> everyone = contacts.stream().map(id -> subjects.of(workspaceId, store.find(workspaceId, id).orElseThrow(),
                Set.of("seen"), null)).toList();
        List<Map<String, Object>> rules = rules();
        int selective = 0;
        for (Map<String, Object> rule : rules) {
            Targeting targeting = MessageValidator.targetingOf(Json.MAPPER.valueToTree(Workspace.allOf(rule)));
            long expected = everyone.stream().filter(subject -> evaluator.matches(targeting, subject)).count();

            assertThat(preview.count(workspaceId, targeting).count()).as("rule %s", rule).isEqualTo(expected);
            if (expected > 0 && expected < everyone.size()) selective++;
        }
        assertThat(selective).as("rules that tell the edge contacts apart").isGreaterThan(rules.size() / 2);
    }
}
