package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.http.Json;
import so.cueflow.messages.AudienceOracle.Person;
import so.cueflow.messages.AudienceOracle.Sent;
import so.cueflow.retention.EventRetention;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test of POST /api/v1/audiences/preview (its SQL plan and the evaluator it falls back to): a few
 * thousand random contacts with random back-filled histories, some then deleted, the raw events older than 40 days
 * purged by the retention job; many random targetings. Each count must equal both a naive oracle over the events the
 * test sent and the eligibility side (Subjects + Evaluator) run contact by contact. The seed is printed; rerun one
 * with {@code -Dpreview.seed=N}.
 */
class AudiencePreviewIT {
    private static final int CONTACTS = 2_000;
    private static final int TARGETINGS = 300;
    private static final long SEED = Long.getLong("preview.seed", 20_261_126L);
    private static final String WORKSPACE = "preview";
    private static final int RETENTION_DAYS = 40;
    private static final int DELETED = 100;
    // Small batches: on a saturated machine a batch of 1,000 can outlast the test client's timeout.
    private static final int BATCH = 200;
    private static long keptFrom;

    private static TestServer server;
    private static String key;
    private static RandomAudience random;
    private static final List<Person> people = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start();
        key = server.newKey(WORKSPACE);
        long seededAt = System.currentTimeMillis();
        random = new RandomAudience(SEED, seededAt);
        System.out.println("AudiencePreviewIT: seed " + SEED + ", " + CONTACTS + " contacts, " + TARGETINGS + " targetings");
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<List<Sent>> histories = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            bodies.add(random.contactBody("person-" + i));
            histories.add(random.history());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> created = new ArrayList<>();
            for (Map<String, Object> body : bodies) created.add(pool.submit(() -> createContact(body)));
            for (int i = 0; i < CONTACTS; i++) {
                people.add(random.person("person-" + i, bodies.get(i), created.get(i).get(), histories.get(i)));
            }
            sendEvents(pool);
        } finally {
            pool.shutdown();
        }
        deleteSome();
        purgeOldEvents();
    }

    private static void deleteSome() {
        for (int i = 0; i < DELETED; i++) {
            Person person = people.remove(random.index(people.size()));
            assertThat(server.delete(key, "/api/v1/contacts/" + person.externalId()).status()).isEqualTo(200);
        }
    }

    /**
     * The real retention job, with its clock at seededAt, so the cutoff is known exactly; then the workspace keeps
     * its events again, so that the server's own scheduled purge (on the real clock) cannot move the cutoff later.
     */
    private static void purgeOldEvents() {
        WorkspaceStore workspaces = new WorkspaceStore(server.database());
        workspaces.setEventRetentionDays(WORKSPACE, RETENTION_DAYS);
        keptFrom = random.seededAt() - RETENTION_DAYS * AudienceOracle.DAY;
        try (EventRetention retention = new EventRetention(server.database(), Clock.fixed(Instant.ofEpochMilli(random.seededAt()), ZoneOffset.UTC))) {
            System.out.println("AudiencePreviewIT: " + DELETED + " contacts deleted, " + retention.purge() + " events purged");
        } finally {
            workspaces.setEventRetentionDays(WORKSPACE, null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static long createContact(Map<String, Object> body) {
        TestServer.Reply reply = server.post(key, "/api/v1/contacts", Workspace.json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return AudienceOracle.millis(reply.json().path("contact").path("createdAt").asText());
    }

    private static void sendEvents(ExecutorService pool) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Person person : people) {
            for (Sent event : person.events()) {
                all.add(Map.of("externalId", person.externalId(), "eventKey", event.eventKey(),
                        "timestamp", AudienceOracle.iso(event.occurredAt()), "properties", event.properties()));
            }
        }
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map<String, Object>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            batches.add(pool.submit(() -> {
                TestServer.Reply reply = server.post(key, "/api/v1/events/batch", Workspace.json(Map.of("events", batch)));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json().path("accepted").asInt()).as(reply.body()).isEqualTo(batch.size());
            }));
        }
        for (Future<?> batch : batches) batch.get();
        System.out.println("AudiencePreviewIT: " + all.size() + " events in " + batches.size() + " batches; seeded in "
                + (System.currentTimeMillis() - random.seededAt()) + " ms");
    }

    @Test
    void previewCountsAgreeWithANaiveOracleAndWithTheEvaluatorForEveryRandomTargeting() {
        String workspaceId = new WorkspaceStore(server.database()).findByName(WORKSPACE).orElseThrow().id();
        Map<String, Subject> subjects = subjects(workspaceId);
        Evaluator evaluator = new Evaluator(Clock.systemUTC());
        List<Map<String, Object>> targetings = new ArrayList<>(List.of(Map.of(), Map.of("groups", List.of())));
        for (int i = 0; i < TARGETINGS; i++) targetings.add(random.targeting());
        long[] counts = new long[targetings.size()];
        long previewMillis = 0;

        for (int t = 0; t < targetings.size(); t++) {
            Map<String, Object> targeting = targetings.get(t);
            long started = System.nanoTime();
            TestServer.Reply reply = server.post(key, "/api/v1/audiences/preview", Workspace.json(Map.of("targeting", targeting)));
            previewMillis += (System.nanoTime() - started) / 1_000_000;
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            AudienceOracle oracle = new AudienceOracle(System.currentTimeMillis(), keptFrom);
            Targeting parsed = MessageValidator.targetingOf(Json.MAPPER.valueToTree(targeting));
            Set<String> byOracle = new HashSet<>();
            for (Person person : people) {
                boolean expected = oracle.matches(targeting, person);
                boolean evaluated = evaluator.matches(parsed, subjects.get(person.externalId()));
                if (expected != evaluated) {
                    fail(disagreement(t, targeting, person, "oracle " + expected + ", evaluator " + evaluated,
                            evaluator.explain(parsed, subjects.get(person.externalId()))));
                }
                if (expected) byOracle.add(person.externalId());
            }
            long count = reply.json().path("count").asLong();
            if (count != byOracle.size()) {
                fail(disagreement(t, targeting, null, "preview count " + count + ", oracle and evaluator " + byOracle.size(), null));
            }
            List<String> sample = new ArrayList<>();
            reply.json().path("sample").forEach(id -> sample.add(id.asText()));
            assertThat(sample).as("sample of targeting %d", t).hasSize((int) Math.min(10, count)).doesNotHaveDuplicates();
            assertThat(byOracle).as("sample of targeting %d", t).containsAll(sample);
            counts[t] = count;
        }

        assertThat(counts[0]).isEqualTo(CONTACTS - DELETED);
        assertThat(counts[1]).isEqualTo(CONTACTS - DELETED);
        long selective = java.util.Arrays.stream(counts).filter(c -> c > 0 && c < CONTACTS - DELETED).count();
        System.out.println("AudiencePreviewIT: " + targetings.size() + " targetings agree; " + selective
                + " select some but not all contacts; previews took " + previewMillis + " ms in all");
        assertThat(selective).as("targetings that discriminate").isGreaterThan(targetings.size() / 3);
    }

    @Test
    void aPreviewWithAnInvalidTargetingIs400NamingTheRuleField() {
        TestServer.Reply reply = server.post(key, "/api/v1/audiences/preview",
                "{\"targeting\": {\"groups\": [{\"rules\": [{\"type\": \"event\", \"eventKey\": \"x\", \"operator\": \"count_greater_than\"}]}]}}");
        TestServer.Reply unknown = server.post(key, "/api/v1/audiences/preview", "{\"targetting\": {}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Workspace.fields(reply)).containsExactly("targeting.groups[0].rules[0].value");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(Workspace.fields(unknown)).containsExactly("targetting");
    }

    /** Every contact as the eligibility side builds it, with the raw events of every key loaded. */
    private static Map<String, Subject> subjects(String workspaceId) {
        ContactStore contacts = new ContactStore(server.database());
        Subjects builder = new Subjects(new EventStore(server.database()));
        Set<String> keys = new HashSet<>();
        people.forEach(person -> person.events().forEach(event -> keys.add(event.eventKey())));
        keys.addAll(List.of("export_completed", "report_viewed", "plan_upgraded", "invite_sent", "page_viewed"));
        Map<String, Subject> subjects = new LinkedHashMap<>();
        for (Person person : people) {
            Contact contact = contacts.find(workspaceId, person.externalId()).orElseThrow();
            subjects.put(person.externalId(), builder.of(workspaceId, contact, keys, null));
        }
        return subjects;
    }

    private static String disagreement(int index, Map<String, Object> targeting, Person person, String what, Object explanation) {
        StringBuilder text = new StringBuilder("first disagreement, targeting #" + index + " (seed " + SEED + "): " + what
                + "\n  targeting: " + Workspace.json(targeting));
        if (person != null) {
            text.append("\n  contact: ").append(person.externalId()).append(' ').append(person.fields());
            person.events().forEach(event -> text.append("\n    ").append(event.eventKey()).append(' ')
                    .append(AudienceOracle.iso(event.occurredAt())).append(' ').append(event.properties()));
            text.append("\n  evaluator says: ").append(Workspace.json(explanation));
        }
        System.out.println(text);
        return text.toString();
    }
}
