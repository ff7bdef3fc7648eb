package so.cueflow.events;

import org.junit.jupiter.api.Test;
import so.cueflow.Cueflow;
import so.cueflow.TestServer;
import so.cueflow.storage.Database;
import so.cueflow.storage.TestDatabase;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the server process with SIGKILL in the middle of a load of single and batched events,
 * then checks that every acknowledged event is stored exactly once and that activity equals a
 * recount of the stored events. Scale with -Dcrash.clients, -Dcrash.seconds, -Dcrash.contacts.
 * On PostgreSQL only the server process is killed (the database keeps running, with fsync off in
 * tests): it checks that a 201 is sent only after the commit, not PostgreSQL's own crash recovery.
 */
class CrashSafetyIT {
    private static final int CLIENTS = Integer.getInteger("crash.clients", 16);
    private static final long LOAD_MS = Long.getLong("crash.seconds", 3) * 1000;
    private static final int CONTACTS = Integer.getInteger("crash.contacts", 200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedEventSurvivesSigkillExactlyOnceAndActivityMatchesARecount() throws Exception {
        Path data = Files.createTempDirectory("cueflow-crash");
        String url = TestDatabase.freshUrl(data);
        List<String> store = TestDatabase.cliOptions(data, url);
        String key = cli("keys", "create", store.get(0), store.get(1), "--name", "crash").trim();
        int port = TestServer.freePort();
        Process server = startServer(data, store, port);
        String base = "http://127.0.0.1:" + port;
        for (int i = 0; i < CONTACTS; i++) {
            assertThat(send(base, key, "/api/v1/contacts", "{\"externalId\":\"c" + i + "\"}").statusCode()).isIn(200, 201);
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong sequence = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            boolean batches = c % 4 == 0;
            clients.submit(() -> drive(base, key, batches, sequence, acknowledged, loading));
        }
        Thread.sleep(LOAD_MS);
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Integer> stored = storedEventIds(url);
        long lost = acknowledged.stream().filter(id -> !stored.containsKey(id)).count();
        long doubled = stored.values().stream().filter(count -> count > 1).count();
        System.out.printf("crash test: %d clients, %d s: acknowledged %d, stored %d (%d sent in all), lost %d, duplicated %d%n",
                CLIENTS, LOAD_MS / 1000, acknowledged.size(), stored.size(), sequence.get(), lost, doubled);
        assertThat(acknowledged.size()).as("the load acknowledged events before the kill").isGreaterThan(100);
        assertThat(lost).isZero();
        assertThat(doubled).isZero();
        assertThat(activityMismatches(url)).isEmpty();

        Process restarted = startServer(data, store, port);
        try {
            assertThat(send(base, key, "/api/v1/events", "{\"externalId\":\"c1\",\"eventKey\":\"after_restart\"}").statusCode()).isEqualTo(201);
        } finally {
            restarted.destroy();
            restarted.waitFor(20, TimeUnit.SECONDS);
            TestDatabase.drop(url);
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aGracefulStopCommitsAndAnswersWhatItAcceptedAndRefusesTheRest() throws Exception {
        Path data = Files.createTempDirectory("cueflow-stop");
        String url = TestDatabase.freshUrl(data);
        List<String> store = TestDatabase.cliOptions(data, url);
        String key = cli("keys", "create", store.get(0), store.get(1), "--name", "stop").trim();
        int port = TestServer.freePort();
        Process server = startServer(data, store, port);
        String base = "http://127.0.0.1:" + port;
        for (int i = 0; i < CONTACTS; i++) send(base, key, "/api/v1/contacts", "{\"externalId\":\"c" + i + "\"}");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong sequence = new AtomicLong();
        for (int c = 0; c < CLIENTS; c++) clients.submit(() -> drive(base, key, false, sequence, acknowledged, loading));
        Thread.sleep(1_000);

        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Integer> stored = storedEventIds(url);
        assertThat(acknowledged).isNotEmpty();
        assertThat(acknowledged.stream().filter(id -> !stored.containsKey(id)).count()).isZero();
        assertThat(activityMismatches(url)).isEmpty();
        assertThat(Files.readString(data.resolve("server.log"))).doesNotContain("ERROR");
        TestDatabase.drop(url);
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void drive(String base, String key, boolean batches, AtomicLong sequence, Set<String> acknowledged,
                              AtomicBoolean loading) {
        while (loading.get()) {
            int size = batches ? 20 : 1;
            StringBuilder items = new StringBuilder();
            String[] ids = new String[size];
            for (int i = 0; i < size; i++) {
                long n = sequence.incrementAndGet();
                ids[i] = "e" + n;
                items.append(i == 0 ? "" : ",").append("{\"externalId\":\"c").append(n % CONTACTS)
                        .append("\",\"eventKey\":\"k").append(n % 7).append("\",\"eventId\":\"").append(ids[i])
                        .append("\",\"timestamp\":\"2026-0").append(1 + n % 9).append("-1").append(n % 10).append("T00:00:00Z\"}");
            }
            try {
                HttpResponse<String> response = batches
                        ? send(base, key, "/api/v1/events/batch", "{\"events\":[" + items + "]}")
                        : send(base, key, "/api/v1/events", items.toString());
                if (batches && response.statusCode() == 200) {
                    for (int i = 0; i < size; i++) {
                        if (response.body().contains("{\"index\":" + i + ",\"status\":201")) acknowledged.add(ids[i]);
                    }
                } else if (response.statusCode() == 201) {
                    acknowledged.add(ids[0]);
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    private static Map<String, Integer> storedEventIds(String url) {
        try (Database database = new Database(url)) {
            return database.read(connection -> {
                Map<String, Integer> counts = new HashMap<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT event_id, COUNT(*) FROM events GROUP BY event_id")) {
                    while (rows.next()) counts.put(rows.getString(1), rows.getInt(2));
                }
                return counts;
            });
        }
    }

    /** Activity rows that differ from a recount of the stored events (in either direction). */
    private static List<String> activityMismatches(String url) {
        String recount = "SELECT workspace_id, contact_id, event_key, COUNT(*) AS n, MIN(occurred_at) AS f, MAX(occurred_at) AS l"
                + " FROM events GROUP BY workspace_id, contact_id, event_key";
        String sql = "SELECT r.contact_id || '/' || r.event_key FROM (" + recount + ") r LEFT JOIN activity a"
                + " ON a.workspace_id = r.workspace_id AND a.contact_id = r.contact_id AND a.event_key = r.event_key"
                + " WHERE a.event_count IS NULL OR a.event_count <> r.n OR a.first_at <> r.f OR a.last_at <> r.l"
                + " UNION ALL SELECT a.contact_id || '/' || a.event_key FROM activity a LEFT JOIN (" + recount + ") r"
                + " ON a.workspace_id = r.workspace_id AND a.contact_id = r.contact_id AND a.event_key = r.event_key"
                + " WHERE r.n IS NULL";
        try (Database database = new Database(url)) {
            return database.read(connection -> {
                List<String> mismatches = new ArrayList<>();
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    while (rows.next()) mismatches.add(rows.getString(1));
                }
                return mismatches;
            });
        }
    }

    private static Process startServer(Path data, List<String> store, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", new File("target/cueflow.jar").getAbsolutePath(), "serve",
                "--port", Integer.toString(port), "--host", "127.0.0.1"));
        command.addAll(store);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile()).start();
        // Generous: on a loaded 2-core machine the jar alone took 41 s to answer /health.
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return process;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the server did not start: " + Files.readString(data.resolve("server.log")));
    }

    private static HttpResponse<String> send(String base, String key, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        assertThat(Cueflow.commandLine().setOut(new PrintWriter(out)).execute(args)).isZero();
        return out.toString();
    }
}
