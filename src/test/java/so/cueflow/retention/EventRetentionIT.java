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
    private static final long DAY = 86_400_000L;
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
    void windowsThatBeginBeforeAPurgesCutoffCountOnlyTheEventsLeftAfterTheWorkspaceKeepsEverythingAgain() {
        String key = server.newKey("shortened-then-forever");
        for (String id : List.of("r-3", "r-4", "r-5")) server.post(key, "/api/v1/contacts", "{\"externalId\":\"" + id + "\"}");
        visit(key, "r-3", 20, 1);
        visit(key, "r-4", 2, 1);
        String workspaceId = workspaces.findByName("shortened-then-forever").orElseThrow().id();
        assertThat(keptFrom(workspaceId)).as("nothing purged yet").isEqualTo(Long.MIN_VALUE);

        workspaces.setEventRetentionDays("shortened-then-forever", 10);
        long before = System.currentTimeMillis();
        assertThat(new EventRetention(server.database(), Clock.systemUTC()).purge()).isGreaterThanOrEqualTo(1);
        long after = System.currentTimeMillis();
        workspaces.setEventRetentionDays("shortened-then-forever", null);

        assertThat(keptFrom(workspaceId)).as("the purge's cutoff").isBetween(before - 10 * DAY, after - 10 * DAY);
        // r-3's only event is gone from the raw events; its rollup still says it happened 20 days ago.
        String notIn30 = "{\"type\":\"event\",\"eventKey\":\"visit\",\"operator\":\"has_not_done\",\"withinDays\":30}";
        String in30 = "{\"type\":\"event\",\"eventKey\":\"visit\",\"operator\":\"has_done\",\"withinDays\":30}";
        String notIn7 = "{\"type\":\"event\",\"eventKey\":\"visit\",\"operator\":\"has_not_done\",\"withinDays\":7}";
        assertThat(audience(key, notIn30)).as("r-3 and r-5, as eligibility sees them").isEqualTo(2);
        assertThat(audience(key, in30)).as("r-4").isEqualTo(1);
        assertThat(audience(key, notIn7)).as("r-3 and r-5").isEqualTo(2);
        for (String rule : List.of(notIn30, in30, notIn7)) {
            String message = publish(key, rule);
            long eligible = List.of("r-3", "r-4", "r-5").stream().filter(id -> sees(key, id, message)).count();
            assertThat(eligible).as("eligibility agrees on " + rule).isEqualTo(audience(key, rule));
        }
    }

    private static long keptFrom(String workspaceId) {
        return server.database().read(connection -> WorkspaceStore.eventsKeptFrom(connection, workspaceId));
    }

    /** A banner shown every time to the contacts that one rule selects; its id. */
    private static String publish(String key, String rule) {
        String id = server.post(key, "/api/v1/messages", "{\"name\":\"" + rule.hashCode() + "\",\"type\":\"banner\","
                + "\"content\":{\"title\":\"Hi\"},\"frequency\":\"every_time\",\"targeting\":{\"groups\":[{\"rules\":["
                + rule + "]}]}}").json().path("message").path("id").asText();
        assertThat(server.post(key, "/api/v1/messages/" + id + "/publish", "").status()).isEqualTo(200);
        return id;
    }

    private static boolean sees(String key, String externalId, String messageId) {
        return server.get(key, "/api/v1/contacts/" + externalId + "/messages").json().path("messages").findValuesAsText("id")
                .contains(messageId);
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
