package so.cueflow.messages;

import so.cueflow.MovableClock;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.messages.AudienceOracle.Person;
import so.cueflow.messages.AudienceOracle.Sent;
import so.cueflow.storage.Dialect;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.messages.AudienceOracle.DAY;

/**
 * Seeds {@link AudiencePreviewIT}'s workspace through the public API, quickly: one contact in forty by
 * POST /api/v1/contacts, the others by Segment identify calls, a thousand to a POST /v1/batch (one transaction
 * each); then every history back-filled through POST /api/v1/events/batch, some contacts deleted, and the raw
 * events older than the retention window purged by the server's own retention job. The server's clock is held at
 * a chosen instant for each step, so that every contact's createdAt is known and may sit on a window edge.
 */
final class AudienceSeeding {
    static final String WORKSPACE = "preview";
    /** One contact in this many is created by POST /api/v1/contacts (a request and a commit each: slow to seed). */
    private static final int POSTED_EVERY = 40;
    private static final int SEGMENT_BATCH = 1_000;
    private static final int EVENT_BATCH = 500;

    private final TestServer server;
    private final MovableClock clock;
    private final RandomAudience random;
    private final String key;

    AudienceSeeding(TestServer server, MovableClock clock, RandomAudience random) {
        this.server = server;
        this.clock = clock;
        this.random = random;
        this.key = server.newKey(WORKSPACE);
    }

    String key() {
        return key;
    }

    /** Raw events before this instant were purged (their rollups stay). */
    long keptFrom() {
        return random.now() - RandomAudience.RETENTION_DAYS * DAY;
    }

    /** The contacts left once {@code deleted} of {@code contacts} are deleted, with the histories sent for them. */
    List<Person> seed(int contacts, int deleted) throws Exception {
        long started = System.currentTimeMillis();
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<List<Sent>> histories = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            bodies.add(random.contactBody("person-" + i));
            histories.add(random.history());
        }
        List<Person> people = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            createContacts(pool, bodies, histories, people);
            long created = System.currentTimeMillis();
            clock.hold(random.now());
            int events = sendEvents(pool, people);
            long sent = System.currentTimeMillis();
            deleteSome(pool, people, deleted);
            long deletedAt = System.currentTimeMillis();
            long purged = purge();
            analyzeOnPostgres();
            System.out.println("AudiencePreviewIT: " + contacts + " contacts in " + (created - started) + " ms, " + events
                    + " events in " + (sent - created) + " ms, " + deleted + " deleted in " + (deletedAt - sent) + " ms, "
                    + purged + " events purged in " + (System.currentTimeMillis() - deletedAt) + " ms");
        } finally {
            pool.shutdown();
        }
        return people;
    }

    private void createContacts(ExecutorService pool, List<Map<String, Object>> bodies, List<List<Sent>> histories,
                                List<Person> people) throws Exception {
        clock.hold(random.edge());
        List<Future<Long[]>> posted = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i += POSTED_EVERY) {
            Map<String, Object> body = bodies.get(i);
            posted.add(pool.submit(() -> post(body)));
        }
        for (int i = 0; i < bodies.size(); i += POSTED_EVERY) {
            Long[] at = posted.get(i / POSTED_EVERY).get();
            people.add(RandomAudience.person((String) bodies.get(i).get("externalId"), bodies.get(i), at[0], at[1], false, histories.get(i)));
        }
        long started = System.currentTimeMillis();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) if (i % POSTED_EVERY != 0) rest.add(i);
        for (int from = 0; from < rest.size(); from += SEGMENT_BATCH) {
            List<Integer> batch = rest.subList(from, Math.min(rest.size(), from + SEGMENT_BATCH));
            long at = random.edge();
            clock.hold(at);
            identify(batch.stream().map(bodies::get).toList());
            for (int i : batch) {
                people.add(RandomAudience.person((String) bodies.get(i).get("externalId"), bodies.get(i), at, at, true, histories.get(i)));
            }
        }
        System.out.println("AudiencePreviewIT: " + rest.size() + " contacts by Segment identify in " + (System.currentTimeMillis() - started) + " ms");
    }

    /** createdAt and updatedAt as the server answered. */
    private Long[] post(Map<String, Object> body) {
        TestServer.Reply reply = server.post(key, "/api/v1/contacts", Workspace.json(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return new Long[]{AudienceOracle.millis(reply.json().path("contact").path("createdAt").asText()),
                AudienceOracle.millis(reply.json().path("contact").path("updatedAt").asText())};
    }

    private void identify(List<Map<String, Object>> bodies) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Map<String, Object> body : bodies) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("type", "identify");
            call.put("userId", body.get("externalId"));
            call.put("traits", RandomAudience.segmentTraits(body));
            calls.add(call);
        }
        TestServer.Reply reply = server.post(key, "/v1/batch", Workspace.json(Map.of("batch", calls)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().has("dropped")).as(reply.body()).isFalse();
    }

    private int sendEvents(ExecutorService pool, List<Person> people) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Person person : people) {
            for (Sent event : person.events()) {
                all.add(Map.of("externalId", person.externalId(), "eventKey", event.eventKey(),
                        "timestamp", AudienceOracle.iso(event.occurredAt()), "properties", event.properties()));
            }
        }
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += EVENT_BATCH) {
            List<Map<String, Object>> batch = all.subList(from, Math.min(all.size(), from + EVENT_BATCH));
            batches.add(pool.submit(() -> {
                TestServer.Reply reply = server.post(key, "/api/v1/events/batch", Workspace.json(Map.of("events", batch)));
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json().path("accepted").asInt()).as(reply.body()).isEqualTo(batch.size());
            }));
        }
        for (Future<?> batch : batches) batch.get();
        return all.size();
    }

    private void deleteSome(ExecutorService pool, List<Person> people, int deleted) throws Exception {
        List<Future<?>> deletions = new ArrayList<>();
        for (int i = 0; i < deleted; i++) {
            Person person = people.remove(random.index(people.size()));
            deletions.add(pool.submit(() -> assertThat(server.delete(key, "/api/v1/contacts/" + person.externalId()).status())
                    .isEqualTo(200)));
        }
        for (Future<?> deletion : deletions) deletion.get();
    }

    /**
     * PostgreSQL plans from statistics that autovacuum's ANALYZE gathers within a minute or so of a bulk load; the
     * previews start seconds after this one, so the test gathers them as autovacuum would. Without them the planner
     * takes the freshly loaded tables for nearly empty (one row estimated for thousands) and nests loops over them:
     * single previews of 15–20 s at 10,000 contacts ({@code -Dpreview.analyze=false} shows it).
     */
    private void analyzeOnPostgres() {
        if (server.database().dialect() != Dialect.POSTGRESQL || !Boolean.parseBoolean(System.getProperty("preview.analyze", "true"))) {
            return;
        }
        server.database().inTransaction(connection -> {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE");
            }
            return null;
        });
    }

    /**
     * The server's own retention job, on its clock held at now, so the cutoff is known exactly; then the workspace
     * keeps its events again.
     */
    private long purge() {
        WorkspaceStore workspaces = new WorkspaceStore(server.database());
        workspaces.setEventRetentionDays(WORKSPACE, RandomAudience.RETENTION_DAYS);
        try {
            return server.purgeExpiredEvents();
        } finally {
            workspaces.setEventRetentionDays(WORKSPACE, null);
        }
    }
}
