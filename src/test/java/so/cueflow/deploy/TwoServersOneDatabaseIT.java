package so.cueflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import so.cueflow.Cueflow;
import so.cueflow.storage.Database;
import so.cueflow.storage.TestDatabase;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on different ports share one PostgreSQL database, as N servers behind a load
 * balancer would. Skipped on SQLite: the embedded store serves one process on one machine.
 */
@EnabledIfSystemProperty(named = TestDatabase.STORE_PROPERTY, matches = "postgres",
        disabledReason = "several servers share a store only on PostgreSQL; SQLite serves one process on one machine")
class TwoServersOneDatabaseIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dir;
    private static String url;
    private static String key;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void startTwoServers() throws Exception {
        dir = Files.createTempDirectory("cueflow-two-servers");
        url = TestDatabase.freshUrl(dir);
        key = cli("keys", "create", "--database-url", url, "--workspace", "shared", "--name", "two-servers").trim();
        // Started together, so both migrate the fresh database at once (Flyway serialises them).
        a = ServerProcess.start(url, dir, "a");
        b = ServerProcess.start(url, dir, "b");
        a.awaitHealthy();
        b.awaitHealthy();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dir == null) return;
        try {
            if (a != null) a.close();
            if (b != null) b.close();
        } finally {
            TestDatabase.drop(url);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void eventsPostedAlternatelyToBothServersGiveExactCountsAndActivity() throws Exception {
        int contacts = 10;
        for (int c = 0; c < contacts; c++) {
            assertThat(post(c % 2 == 0 ? a : b, key, "/api/v1/contacts", "{\"externalId\":\"alt-" + c + "\"}").status()).isEqualTo(201);
        }
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> created = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            created.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < perThread; i++) {
                    int n = thread * perThread + i;
                    ServerProcess server = n % 2 == 0 ? a : b;
                    // Day n % 28 + 1 of February: the earliest is day 1, the latest day 28.
                    String event = "{\"externalId\":\"alt-" + n % contacts + "\",\"eventKey\":\"alternated\",\"eventId\":\"alt-" + n
                            + "\",\"timestamp\":\"2026-02-" + String.format("%02d", n % 28 + 1) + "T10:00:00Z\"}";
                    if (post(server, key, "/api/v1/events", event).status() == 201) ok++;
                    // The same eventId again through the other server is a duplicate, not a second event.
                    if (n % 10 == 0) {
                        Reply again = post(server == a ? b : a, key, "/api/v1/events", event);
                        assertThat(again.status()).isEqualTo(200);
                        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
                    }
                }
                return ok;
            }));
        }
        int stored = 0;
        for (Future<Integer> f : created) stored += f.get();
        pool.shutdown();

        assertThat(stored).isEqualTo(threads * perThread);
        for (ServerProcess server : List.of(a, b)) {
            long total = 0;
            for (int c = 0; c < contacts; c++) {
                int firstDay = 28;
                int lastDay = 1;
                for (int n = c; n < threads * perThread; n += contacts) {
                    firstDay = Math.min(firstDay, n % 28 + 1);
                    lastDay = Math.max(lastDay, n % 28 + 1);
                }
                JsonNode activity = get(server, key, "/api/v1/contacts/alt-" + c + "/activity").json().path("activity").get(0);
                assertThat(activity.path("count").asLong()).isEqualTo(threads * perThread / contacts);
                assertThat(activity.path("firstAt").asText()).startsWith(String.format("2026-02-%02dT10:00:00", firstDay));
                assertThat(activity.path("lastAt").asText()).startsWith(String.format("2026-02-%02dT10:00:00", lastDay));
                total += activity.path("count").asLong();
            }
            assertThat(total).isEqualTo(threads * perThread);
            JsonNode type = get(server, key, "/api/v1/event-types").json().path("eventTypes").get(0);
            assertThat(type.path("eventKey").asText()).isEqualTo("alternated");
            assertThat(type.path("count").asLong()).isEqualTo(threads * perThread);
        }
        assertThat(count("SELECT COUNT(*) FROM events WHERE event_key = 'alternated'")).isEqualTo(threads * perThread);
    }

    @Test
    void aKeyRevokedThroughTheCliIsRefusedByBothServersWithinFiveSeconds() throws Exception {
        String revoked = cli("keys", "create", "--database-url", url, "--workspace", "shared", "--name", "to-revoke").trim();
        assertThat(get(a, revoked, "/api/v1/event-types").status()).isEqualTo(200);
        assertThat(get(b, revoked, "/api/v1/event-types").status()).isEqualTo(200);

        cli("keys", "revoke", "--database-url", url, revoked.substring(0, 12));
        long started = System.currentTimeMillis();
        boolean refusedByA = false;
        boolean refusedByB = false;
        while (!(refusedByA && refusedByB) && System.currentTimeMillis() - started < 5_000) {
            refusedByA = refusedByA || get(a, revoked, "/api/v1/event-types").status() == 401;
            refusedByB = refusedByB || get(b, revoked, "/api/v1/event-types").status() == 401;
            Thread.sleep(50);
        }
        assertThat(refusedByA).as("server a refuses the key within 5 s").isTrue();
        assertThat(refusedByB).as("server b refuses the key within 5 s").isTrue();
        assertThat(get(b, key, "/api/v1/event-types").status()).as("other keys still work").isEqualTo(200);
    }

    @Test
    void aContactDeletedThroughOneServerIs404OnTheOtherAndLaterEventsForItAreRefused() {
        String id = post(a, key, "/api/v1/contacts", "{\"externalId\":\"leaving\"}").json().path("contact").path("id").asText();
        assertThat(post(b, key, "/api/v1/events", "{\"externalId\":\"leaving\",\"eventKey\":\"before_leaving\"}").status()).isEqualTo(201);

        assertThat(send(a, key, "DELETE", "/api/v1/contacts/leaving", null).status()).isEqualTo(200);

        assertThat(get(b, key, "/api/v1/contacts/leaving").status()).isEqualTo(404);
        Reply refused = post(b, key, "/api/v1/events", "{\"externalId\":\"leaving\",\"eventKey\":\"after_leaving\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.errorCode()).isEqualTo("contact_not_found");
        assertThat(count("SELECT COUNT(*) FROM events WHERE contact_id = '" + id + "'")
                + count("SELECT COUNT(*) FROM activity WHERE contact_id = '" + id + "'")).isZero();
    }

    @Test
    void contactsErasedWhileTheOtherServerIngestsTheirEventsLeaveNoEventsBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int round = 0; round < 5; round++) {
            String externalId = "erased-mid-stream-" + round;
            String id = post(a, key, "/api/v1/contacts", "{\"externalId\":\"" + externalId + "\"}").json().path("contact").path("id").asText();
            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicInteger accepted = new AtomicInteger();
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                ServerProcess server = t % 3 == 0 ? a : b;
                boolean batches = t % 2 == 0;
                senders.add(pool.submit(() -> {
                    while (streaming.get()) {
                        String event = "{\"externalId\":\"" + externalId + "\",\"eventKey\":\"streamed\"}";
                        Reply reply = batches ? post(server, key, "/api/v1/events/batch", "{\"events\":[" + event + "," + event + "]}")
                                : post(server, key, "/api/v1/events", event);
                        if (reply.status() == 201 || reply.body().contains("\"status\":201")) accepted.incrementAndGet();
                    }
                }));
            }
            while (accepted.get() < 20) Thread.sleep(5);
            assertThat(send(a, key, "DELETE", "/api/v1/contacts/" + externalId, null).status()).isEqualTo(200);
            Thread.sleep(100);
            streaming.set(false);
            for (Future<?> sender : senders) sender.get();

            assertThat(count("SELECT COUNT(*) FROM events WHERE contact_id = '" + id + "'")).as("events left of an erased contact").isZero();
            assertThat(count("SELECT COUNT(*) FROM activity WHERE contact_id = '" + id + "'")).as("activity left of an erased contact").isZero();
        }
        pool.shutdown();
    }

    @Test
    void aMessagePublishedThroughOneServerIsServedByTheOtherWithinFiveSeconds() throws Exception {
        post(a, key, "/api/v1/contacts", "{\"externalId\":\"reader\"}");
        Reply created = post(a, key, "/api/v1/messages",
                "{\"name\":\"Shared news\",\"type\":\"banner\",\"content\":{\"title\":\"Hello from a\"},\"frequency\":\"every_time\"}");
        assertThat(created.status()).isEqualTo(201);
        String messageId = created.json().path("message").path("id").asText();
        // b has read (and cached) the published messages before the publish.
        assertThat(get(b, key, "/api/v1/contacts/reader/messages").body()).doesNotContain(messageId);

        assertThat(post(a, key, "/api/v1/messages/" + messageId + "/publish", "{}").status()).isEqualTo(200);
        long started = System.currentTimeMillis();
        boolean served = false;
        while (!served && System.currentTimeMillis() - started < 5_000) {
            served = get(b, key, "/api/v1/contacts/reader/messages").body().contains(messageId);
            if (!served) Thread.sleep(50);
        }
        assertThat(served).as("server b serves the message within 5 s").isTrue();
    }

    @Test
    void concurrentUpsertsOfOneContactThroughBothServersCreateOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int round = 0; round < 3; round++) {
            String externalId = "raced-" + round;
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ServerProcess server = i % 2 == 0 ? a : b;
                int n = i;
                replies.add(pool.submit(() -> post(server, key, "/api/v1/contacts",
                        "{\"externalId\":\"" + externalId + "\",\"customAttributes\":{\"a" + n + "\":" + n + "}}")));
            }
            int created = 0;
            for (Future<Reply> reply : replies) {
                if (reply.get().status() == 201) created++;
                else assertThat(reply.get().status()).isEqualTo(200);
            }
            assertThat(created).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM contacts WHERE external_id = '" + externalId + "'")).isEqualTo(1);
            assertThat(get(b, key, "/api/v1/contacts/" + externalId).json().path("contact").path("customAttributes").size()).isEqualTo(16);
        }
        pool.shutdown();
    }

    private static long count(String sql) {
        try (Database database = new Database(url)) {
            return database.read(connection -> {
                try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        }
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cueflow.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertThat(exit).as("exit code of %s: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            return so.cueflow.http.Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }
    }

    private static Reply get(ServerProcess server, String key, String path) {
        return send(server, key, "GET", path, null);
    }

    private static Reply post(ServerProcess server, String key, String path, String json) {
        return send(server, key, "POST", path, json);
    }

    private static Reply send(ServerProcess server, String key, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) request.header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
