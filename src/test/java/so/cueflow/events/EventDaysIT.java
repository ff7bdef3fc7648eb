package so.cueflow.events;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.retention.EventRetention;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-day rollup equals a recount of the stored events after back-fills, duplicates, an erase and a purge. */
class EventDaysIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String event(String externalId, String key, int daysAgo, int hour, String eventId) {
        String at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(daysAgo))
                .plus(Duration.ofHours(hour)).toString();
        return "{\"externalId\":\"" + externalId + "\",\"eventKey\":\"" + key + "\",\"timestamp\":\"" + at + "\""
                + (eventId == null ? "" : ",\"eventId\":\"" + eventId + "\"") + "}";
    }

    private static void send(String apiKey, String... events) {
        var response = server.post(apiKey, "/api/v1/events/batch", "{\"events\":[" + String.join(",", events) + "]}");
        assertThat(response.status()).as(response.body()).isLessThan(300);
    }

    @Test
    void theRollupEqualsARecountAfterBackFillsDuplicatesErasureAndThePurge() {
        String key = server.newKey("rollup");
        String other = server.newKey("rollup-other");
        for (String c : new String[]{"a", "b", "c"}) server.post(key, "/api/v1/contacts", "{\"externalId\":\"" + c + "\"}");
        server.post(other, "/api/v1/contacts", "{\"externalId\":\"a\"}");
        send(key, event("a", "visit", 0, 1, null), event("a", "visit", 0, 2, null), event("b", "signup", 0, 3, "s-1"));
        send(key, event("b", "visit", 45, 5, null), event("c", "visit", 3, 23, null), event("a", "buy", 3, 0, null),
                event("b", "signup", 0, 3, "s-1"));                       // back-filled days, and a duplicate eventId
        send(other, event("a", "visit", 45, 1, null), event("a", "visit", 0, 1, null));
        Map<String, Long> counted = recount();
        assertThat(rollup()).isEqualTo(counted);
        assertThat(counted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
        assertThat(counted).containsEntry(row("rollup", 0, "visit"), 2L).containsEntry(row("rollup", 0, "signup"), 1L);

        assertThat(server.delete(key, "/api/v1/contacts/a").status()).isEqualTo(200);
        assertThat(rollup()).as("after erasing contact a").isEqualTo(recount());
        assertThat(rollup()).doesNotContainKey(row("rollup", 0, "visit")).doesNotContainKey(row("rollup", 3, "buy"));

        new WorkspaceStore(server.database()).setEventRetentionDays("rollup", 30);
        assertThat(new EventRetention(server.database(), Clock.systemUTC(), 1).purge()).isEqualTo(1);
        assertThat(rollup()).as("after the purge").isEqualTo(recount()).doesNotContainKey(row("rollup", 45, "visit"))
                .containsEntry(row("rollup-other", 45, "visit"), 1L);
    }

    private static String row(String workspace, int daysAgo, String key) {
        long day = Instant.now().toEpochMilli() / DayCounts.DAY_MS - daysAgo;
        return workspace + "/" + day + "/" + key;
    }

    private static Map<String, Long> rollup() {
        return query("SELECT w.name, d.day, d.event_key, d.event_count FROM event_days d JOIN workspaces w ON w.id = d.workspace_id");
    }

    private static Map<String, Long> recount() {
        return query("SELECT w.name, e.occurred_at / 86400000, e.event_key, COUNT(*) FROM events e"
                + " JOIN workspaces w ON w.id = e.workspace_id GROUP BY w.name, e.occurred_at / 86400000, e.event_key");
    }

    private static Map<String, Long> query(String sql) {
        return server.database().read(connection -> {
            Map<String, Long> rows = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1) + "/" + result.getLong(2) + "/" + result.getString(3), result.getLong(4));
                }
            }
            return rows;
        });
    }
}
