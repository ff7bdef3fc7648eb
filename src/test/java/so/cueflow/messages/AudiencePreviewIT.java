package so.cueflow.messages;

import so.cueflow.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.http.Json;
import so.cueflow.messages.AudienceOracle.Person;
import so.cueflow.messages.AudienceOracle.Sent;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test of POST /api/v1/audiences/preview (its SQL plan and the evaluator it falls back to): ten
 * thousand random contacts with random back-filled histories, some then deleted, the raw events older than 40 days
 * purged by the retention job; a few hundred random targetings dealt so that every operator appears with every
 * parameter form. Each count must equal both a naive oracle over the events the test sent and the eligibility side
 * (Subjects + Evaluator) run contact by contact. The server runs on a {@link MovableClock} held at a known midnight, so
 * a quarter of the instants sit exactly on a window edge (see {@link RandomAudience}). The seed is printed; rerun one
 * with {@code -Dpreview.seed=N} (and {@code -Dpreview.contacts}, {@code -Dpreview.targetings} to vary the size).
 */
class AudiencePreviewIT {
    private static final int CONTACTS = Integer.getInteger("preview.contacts", 10_000);
    private static final int TARGETINGS = Integer.getInteger("preview.targetings", 120);
    private static final long SEED = Long.getLong("preview.seed", 20_261_126L);
    private static final long NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).toEpochMilli();
    private static final int DELETED = CONTACTS / 40;
    private static final int PREVIEWS_IN_FLIGHT = 2;
    private static final long SLOW_PREVIEW_NANOS = 5_000_000_000L;

    private static final MovableClock clock = new MovableClock(NOW);
    private static TestServer server;
    private static AudienceSeeding seeding;
    private static RandomAudience random;
    private static List<Person> people;
    private static final AtomicLong previewNanos = new AtomicLong();
    private static final AtomicLong oracleNanos = new AtomicLong();

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start(clock);
        random = new RandomAudience(SEED, NOW);
        System.out.println("AudiencePreviewIT: seed " + SEED + ", " + CONTACTS + " contacts, " + TARGETINGS
                + " targetings, now " + Instant.ofEpochMilli(NOW));
        seeding = new AudienceSeeding(server, clock, random);
        people = seeding.seed(CONTACTS, DELETED);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void previewCountsAgreeWithANaiveOracleAndWithTheEvaluatorForEveryRandomTargeting() throws Exception {
        long started = System.currentTimeMillis();
        Map<String, Subject> subjects = subjects();
        long subjectsBuilt = System.currentTimeMillis();
        List<Map<String, Object>> targetings = new ArrayList<>(List.of(Map.of(), Map.of("groups", List.of())));
        for (int i = 0; i < TARGETINGS; i++) targetings.add(random.targeting());
        ExecutorService pool = Executors.newFixedThreadPool(PREVIEWS_IN_FLIGHT);
        long[] counts = new long[targetings.size()];
        try {
            List<Future<TestServer.Reply>> previews = new ArrayList<>();
            for (int t = 0; t < targetings.size(); t++) {
                int index = t;
                previews.add(pool.submit(() -> preview(index, targetings.get(index))));
            }
            for (int t = 0; t < targetings.size(); t++) counts[t] = check(t, targetings.get(t), previews.get(t).get(), subjects);
        } finally {
            pool.shutdownNow();
        }
        long selective = java.util.Arrays.stream(counts).filter(c -> c > 0 && c < people.size()).count();
        System.out.println("AudiencePreviewIT: " + targetings.size() + " targetings agree; " + selective
                + " select some but not all of " + people.size() + " contacts; subjects built in " + (subjectsBuilt - started)
                + " ms, previews and oracles in " + (System.currentTimeMillis() - subjectsBuilt) + " ms (previews "
                + previewNanos.get() / 1_000_000 + " ms, " + PREVIEWS_IN_FLIGHT + " in flight; oracle and evaluator "
                + oracleNanos.get() / 1_000_000 + " ms)"
                + "\nAudiencePreviewIT: rule forms generated:" + random.coverage().report());
        assertThat(counts[0]).isEqualTo(CONTACTS - DELETED);
        assertThat(counts[1]).isEqualTo(CONTACTS - DELETED);
        assertThat(selective).as("targetings that discriminate").isGreaterThan(targetings.size() / 3);
        assertEveryRuleFormWasGenerated();
    }

    private static void assertEveryRuleFormWasGenerated() {
        RuleCoverage coverage = random.coverage();
        int perForm = TARGETINGS / 20;
        coverage.assertEachAtLeast(RandomAudience.EVENT_FORMS.stream().map(form -> "event " + form).toList(), perForm);
        coverage.assertEachAtLeast(List.of("event rule with where"), perForm);
        coverage.assertEachAtLeast(List.of("page rule"), 1);
        coverage.assertEachAtLeast(List.of("instant on an edge - 1 ms", "instant on an edge exactly", "instant on an edge + 1 ms"), CONTACTS / 2);
        coverage.assertEachAtLeast(RandomAudience.VALUE_OPERATORS.stream().map(operator -> "where " + operator).toList(), perForm / 3);
        List<String> contactForms = new ArrayList<>();
        RandomAudience.TEXT_OPERATORS.forEach(operator -> contactForms.add("contact text " + operator));
        RandomAudience.DATE_OPERATORS.forEach(operator -> contactForms.add("contact date " + operator));
        RandomAudience.CUSTOM_OPERATORS.forEach(operator -> contactForms.add("contact custom " + operator));
        coverage.assertEachAtLeast(contactForms, perForm / 3);
    }

    /** The preview's answer; one slower than five seconds is named, so that a slow plan shows in the output. */
    private static TestServer.Reply preview(int index, Map<String, Object> targeting) {
        long started = System.nanoTime();
        try {
            return server.post(seeding.key(), "/api/v1/audiences/preview", Workspace.json(Map.of("targeting", targeting)));
        } catch (RuntimeException e) {
            throw new AssertionError("the preview of targeting #" + index + " failed: " + Workspace.json(targeting), e);
        } finally {
            long nanos = System.nanoTime() - started;
            previewNanos.addAndGet(nanos);
            if (nanos > SLOW_PREVIEW_NANOS) {
                System.out.println("AudiencePreviewIT: the preview of targeting #" + index + " took " + nanos / 1_000_000
                        + " ms: " + Workspace.json(targeting));
            }
        }
    }

    /** The targeting's count, once the preview, the oracle and the evaluator agree on it (else the test fails). */
    private static long check(int index, Map<String, Object> targeting, TestServer.Reply reply, Map<String, Subject> subjects) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        long started = System.nanoTime();
        AudienceOracle oracle = new AudienceOracle(NOW, seeding.keptFrom());
        Evaluator evaluator = new Evaluator(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        Targeting parsed = MessageValidator.targetingOf(Json.MAPPER.valueToTree(targeting));
        Set<String> byOracle = people.parallelStream().filter(person -> {
            boolean expected = oracle.matches(targeting, person);
            Subject subject = subjects.get(person.externalId());
            if (expected != evaluator.matches(parsed, subject)) {
                fail(disagreement(index, targeting, person, "oracle " + expected + ", evaluator " + !expected,
                        evaluator.explain(parsed, subject)));
            }
            return expected;
        }).map(Person::externalId).collect(Collectors.toSet());
        oracleNanos.addAndGet(System.nanoTime() - started);
        long count = reply.json().path("count").asLong();
        if (count != byOracle.size()) {
            fail(disagreement(index, targeting, null, "preview count " + count + ", oracle and evaluator " + byOracle.size(), null));
        }
        List<String> sample = new ArrayList<>();
        reply.json().path("sample").forEach(id -> sample.add(id.asText()));
        assertThat(sample).as("sample of targeting %d", index).hasSize((int) Math.min(10, count)).doesNotHaveDuplicates();
        assertThat(byOracle).as("sample of targeting %d", index).containsAll(sample);
        return count;
    }

    /** Every contact as the eligibility side builds it, with the raw events of every key loaded; built once. */
    private static Map<String, Subject> subjects() throws Exception {
        String workspaceId = new WorkspaceStore(server.database()).findByName(AudienceSeeding.WORKSPACE).orElseThrow().id();
        ContactStore contacts = new ContactStore(server.database());
        Subjects builder = new Subjects(new EventStore(server.database()));
        Set<String> keys = new HashSet<>();
        people.forEach(person -> person.events().forEach(event -> keys.add(event.eventKey())));
        keys.addAll(List.of("export_completed", "report_viewed", "plan_upgraded", "invite_sent", "page_viewed"));
        Map<String, Subject> subjects = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> built = new ArrayList<>();
            for (Person person : people) {
                built.add(pool.submit(() -> subjects.put(person.externalId(), builder.of(workspaceId,
                        contacts.find(workspaceId, person.externalId()).orElseThrow(), keys, null))));
            }
            for (Future<?> one : built) one.get();
        } finally {
            pool.shutdown();
        }
        return subjects;
    }

    private static String disagreement(int index, Map<String, Object> targeting, Person person, String what, Object explanation) {
        StringBuilder text = new StringBuilder("first disagreement, targeting #" + index + " (seed " + SEED + ", "
                + CONTACTS + " contacts, now " + Instant.ofEpochMilli(NOW) + "): " + what
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

    @Test
    void aPreviewWithAnInvalidTargetingIs400NamingTheRuleField() {
        TestServer.Reply reply = server.post(seeding.key(), "/api/v1/audiences/preview",
                "{\"targeting\": {\"groups\": [{\"rules\": [{\"type\": \"event\", \"eventKey\": \"x\", \"operator\": \"count_greater_than\"}]}]}}");
        TestServer.Reply unknown = server.post(seeding.key(), "/api/v1/audiences/preview", "{\"targetting\": {}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(Workspace.fields(reply)).containsExactly("targeting.groups[0].rules[0].value");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(Workspace.fields(unknown)).containsExactly("targetting");
    }
}
