package so.cueflow.retention;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events older than the workspace's window are deleted; activity and the catalog keep their history. */
class EventRetentionIT {
    private static TestServer server;
    private static WorkspaceStore workspaces;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        workspaces = new WorkspaceStore(server.database());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).toString();
    }

    private static void visit(String key, String externalId, int daysAgo, int times) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < times; i++) {
            events.append(i == 0 ? "" : ",").append("{\"externalId\":\"").append(externalId)
                    .append("\",\"eventKey\":\"visit\",\"timestamp\":\"").append(daysAgo(daysAgo)).append("\"}");
        }
        assertThat(server.post(key, "/api/v1/events/batch", "{\"events\":[" + events + "]}").json().path("accepted").asInt()).isEqualTo(times);
    }

    private static long audience(String key, String rule) {
        return server.post(key, "/api/v1/audiences/preview", "{\"targeting\":{\"groups\":[{\"rules\":[" + rule + "]}]}}")
                .json().path("count").asLong();
    }

    @Test
    void eventsOlderThanTheWindowArePurgedInBatchesWhileActivityKeepsTheirHistory() {
        String key = server.newKey("kept-thirty-days");
        String untouched = server.newKey("kept-forever");
        for (String k : List.of(key, untouched)) server.post(k, "/api/v1/contacts", "{\"externalId\":\"r-1\"}");
        visit(key, "r-1", 40, 5);
        visit(key, "r-1", 10, 1);
        visit(untouched, "r-1", 40, 5);
        String manyRecent = "{\"type\":\"event\",\"eventKey\":\"visit\",\"operator\":\"count_greater_than\",\"value\":4,\"withinDays\":60}";
        String many = "{\"type\":\"event\",\"eventKey\":\"visit\",\"operator\":\"count_greater_than\",\"value\":4}";
        assertThat(audience(key, manyRecent)).isEqualTo(1);

        assertThat(workspaces.setEventRetentionDays("kept-thirty-days", 30)).isTrue();
        long deleted = new EventRetention(server.database(), Clock.systemUTC(), 2).purge();

        assertThat(deleted).isEqualTo(5);
        assertThat(server.get(key, "/api/v1/contacts/r-1/events").json().path("events")).hasSize(1);
        JsonNode activity = server.get(key, "/api/v1/contacts/r-1/activity").json().path("activity").get(0);
        assertThat(activity.path("count").asLong()).as("activity keeps the purged events' count").isEqualTo(6);
        assertThat(Instant.parse(activity.path("firstAt").asText())).isBefore(Instant.now().minus(Duration.ofDays(39)));
        assertThat(server.get(key, "/api/v1/event-types").json().path("eventTypes").get(0).path("count").asLong()).isEqualTo(6);
        // Rules on activity still see the history; windowed rules see only the events that are left.
        assertThat(audience(key, many)).isEqualTo(1);
        assertThat(audience(key, manyRecent)).isZero();
        assertThat(server.get(untouched, "/api/v1/contacts/r-1/events").json().path("events")).as("a workspace without a window keeps everything").hasSize(5);
    }

    @Test
    void theCliSetsAndClearsAWorkspacesRetention() {
        server.newKey("set-from-cli");
        String set = cli("workspace", "update", server.storeFlag(), server.storeLocation(), "--workspace", "set-from-cli",
                "--event-retention-days", "14");
        assertThat(set).contains("14 days");
        assertThat(retentionOf("set-from-cli")).isEqualTo(14L);
        assertThat(cli("workspace", "show", server.storeFlag(), server.storeLocation(), "--workspace", "set-from-cli"))
                .contains("event retention:       14 days");

        cli("workspace", "update", server.storeFlag(), server.storeLocation(), "--workspace", "set-from-cli", "--keep-events-forever");
        assertThat(retentionOf("set-from-cli")).isNull();
        assertThat(cli("workspace", "show", server.storeFlag(), server.storeLocation(), "--workspace", "set-from-cli"))
                .contains("event retention:       keep forever");
        assertThat(so.cueflow.Cueflow.commandLine().setErr(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute("workspace", "update", server.storeFlag(), server.storeLocation(), "--workspace", "set-from-cli",
                        "--event-retention-days", "0")).isEqualTo(2);
    }

    private static String cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        assertThat(so.cueflow.Cueflow.commandLine().setOut(new java.io.PrintWriter(out)).execute(args)).isZero();
        return out.toString();
    }

    private static Long retentionOf(String workspace) {
        return server.database().read(connection -> {
            try (var statement = connection.prepareStatement("SELECT event_retention_days FROM workspaces WHERE name = ?")) {
                statement.setString(1, workspace);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    long days = rows.getLong(1);
                    return rows.wasNull() ? null : days;
                }
            }
        });
    }

    @Test
    void aWorkspaceBackToKeepingForeverIsNotPurgedAndUnknownWorkspacesAreReported() {
        String key = server.newKey("changed-its-mind");
        server.post(key, "/api/v1/contacts", "{\"externalId\":\"r-2\"}");
        visit(key, "r-2", 100, 3);

        assertThat(workspaces.setEventRetentionDays("changed-its-mind", 7)).isTrue();
        assertThat(workspaces.setEventRetentionDays("changed-its-mind", null)).isTrue();
        new EventRetention(server.database(), Clock.systemUTC()).purge();

        assertThat(server.get(key, "/api/v1/contacts/r-2/events").json().path("events")).hasSize(3);
        assertThat(workspaces.setEventRetentionDays("no-such-workspace", 7)).isFalse();
        assertThatThrownBy(() -> workspaces.setEventRetentionDays("changed-its-mind", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ingestionGoesOnWhileThePurgeDeletesTensOfThousandsOfEvents() throws Exception {
        String key = server.newKey("big-purge");
        for (int c = 0; c < 10; c++) server.post(key, "/api/v1/contacts", "{\"externalId\":\"p-" + c + "\"}");
        int old = 10_000;
        for (int b = 0; b < old / 1_000; b++) visit(key, "p-" + b % 10, 3, 1_000);
        workspaces.setEventRetentionDays("big-purge", 1);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Long> purge = pool.submit(() -> new EventRetention(server.database(), Clock.systemUTC(), 1_000).purge());
        List<Long> latencies = new ArrayList<>();
        while (!purge.isDone()) {
            long started = System.nanoTime();
            assertThat(server.post(key, "/api/v1/events", "{\"externalId\":\"p-1\",\"eventKey\":\"during_purge\"}").status()).isEqualTo(201);
            latencies.add((System.nanoTime() - started) / 1_000_000);
        }
        pool.shutdown();

        assertThat(purge.get()).isEqualTo(old);
        System.out.printf("retention: purged %d events in batches of 1000 while %d single events were stored, slowest %d ms%n",
                old, latencies.size(), latencies.stream().mapToLong(Long::longValue).max().orElse(0));
        assertThat(latencies).as("events were stored while the purge ran").isNotEmpty();
        assertThat(server.get(key, "/api/v1/event-types").json().path("eventTypes").toString()).contains("during_purge");
    }
}
