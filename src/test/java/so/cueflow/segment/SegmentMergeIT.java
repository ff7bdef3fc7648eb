package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Anonymous users: their own contact until identify or alias joins the anonymousId to a userId, then one merged history. */
class SegmentMergeIT {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static TestServer server;
    private SegmentClient segment;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshWorkspace() {
        segment = new SegmentClient(server, server.newKey("merge-" + WORKSPACES.incrementAndGet()));
    }

    private void ok(String path, String json) {
        TestServer.Reply reply = segment.post(path, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private void track(String identity, String event, String at) {
        ok("/v1/track", "{" + identity + ", \"event\": \"" + event + "\", \"timestamp\": \"" + at + "\"}");
    }

    @Test
    void identifyMergesTheAnonymousContactsEventsAndActivityExactly() {
        track("\"userId\": \"u1\"", "Viewed Item", "2026-01-05T00:00:00Z");
        track("\"userId\": \"u1\"", "Viewed Item", "2026-01-20T00:00:00Z");
        track("\"anonymousId\": \"a1\"", "Viewed Item", "2026-01-01T00:00:00Z");
        track("\"anonymousId\": \"a1\"", "Viewed Item", "2026-01-10T00:00:00Z");
        track("\"anonymousId\": \"a1\"", "Viewed Item", "2026-01-30T00:00:00Z");
        ok("/v1/page", "{\"anonymousId\": \"a1\", \"properties\": {\"url\": \"https://a.example/\", \"path\": \"/\"}}");
        ok("/v1/identify", "{\"anonymousId\": \"a1\", \"traits\": {\"plan\": \"trial\", \"utm\": \"ads\"}}");
        assertThat(segment.count("anonymous:a1", "viewed_item")).as("kept for the anonymous contact").isEqualTo(3);

        ok("/v1/identify", "{\"userId\": \"u1\", \"anonymousId\": \"a1\", \"traits\": {\"email\": \"u1@example.com\"}}");

        assertThat(segment.contactStatus("anonymous:a1")).as("the anonymous contact is gone").isEqualTo(404);
        JsonNode viewed = activityOf("u1", "viewed_item");
        assertThat(viewed.path("count").asLong()).isEqualTo(5);
        assertThat(viewed.path("firstAt").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(viewed.path("lastAt").asText()).isEqualTo("2026-01-30T00:00:00.000Z");
        assertThat(segment.count("u1", "page_viewed")).isEqualTo(1);
        assertActivityIsARecountOfTheTimeline("u1");
        JsonNode contact = segment.contact("u1");
        assertThat(contact.path("email").asText()).isEqualTo("u1@example.com");
        assertThat(contact.path("plan").asText()).as("traits given while anonymous are kept").isEqualTo("trial");
        assertThat(contact.path("customAttributes").path("utm").asText()).isEqualTo("ads");
        assertThat(contact.path("lastSeenAt").isNull()).as("the anonymous page view's lastSeenAt").isFalse();
        JsonNode catalog = segment.eventType("viewed_item");
        assertThat(catalog.path("count").asLong()).isEqualTo(5);
        assertThat(catalog.path("contacts").asLong()).isEqualTo(1);
    }

    @Test
    void theMergeIsIdempotentAndLaterAnonymousOnlyCallsGoToTheIdentifiedContact() {
        track("\"anonymousId\": \"a2\"", "Clicked", "2026-02-01T00:00:00Z");
        String identify = "{\"userId\": \"u2\", \"anonymousId\": \"a2\"}";
        ok("/v1/identify", identify);
        ok("/v1/identify", identify);
        ok("/v1/alias", "{\"userId\": \"u2\", \"previousId\": \"a2\"}");
        ok("/v1/track", "{\"userId\": \"u2\", \"anonymousId\": \"a2\", \"event\": \"Clicked\"}");

        track("\"anonymousId\": \"a2\"", "Clicked", "2026-02-02T00:00:00Z");
        ok("/v1/page", "{\"anonymousId\": \"a2\"}");

        assertThat(segment.count("u2", "clicked")).isEqualTo(3);
        assertThat(segment.count("u2", "page_viewed")).isEqualTo(1);
        assertThat(segment.contactStatus("anonymous:a2")).isEqualTo(404);
        assertActivityIsARecountOfTheTimeline("u2");
    }

    @Test
    void aliasJoinsThePreviousIdAsIdentifyDoesAndTheFirstJoinWins() {
        track("\"anonymousId\": \"a3\"", "Opened", "2026-03-01T00:00:00Z");
        ok("/v1/alias", "{\"userId\": \"u3\", \"previousId\": \"a3\"}");
        ok("/v1/identify", "{\"userId\": \"someone-else\", \"anonymousId\": \"a3\"}");
        track("\"anonymousId\": \"a3\"", "Opened", "2026-03-02T00:00:00Z");

        assertThat(segment.count("u3", "opened")).isEqualTo(2);
        assertThat(segment.count("someone-else", "opened")).isZero();
    }

    @Test
    void erasingTheIdentifiedContactErasesItsJoinsSoTheAnonymousIdNoLongerLeadsToIt() throws Exception {
        ok("/v1/identify", "{\"userId\": \"u6\", \"anonymousId\": \"a6\"}");
        assertThat(server.delete(segment.key, "/api/v1/contacts/u6").status()).isEqualTo(200);

        track("\"anonymousId\": \"a6\"", "After Erase", "2026-05-01T00:00:00Z");

        assertThat(segment.contactStatus("u6")).as("not recreated from the join").isEqualTo(404);
        assertThat(segment.count("anonymous:a6", "after_erase")).isEqualTo(1);
        assertThat(joinsOf("a6")).as("the join itself is erased").isZero();
    }

    private static long joinsOf(String anonymousId) throws java.sql.SQLException {
        try (java.sql.Connection connection = server.database().connection();
             java.sql.PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM segment_aliases WHERE anonymous_id = ?")) {
            select.setString(1, anonymousId);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aBatchThatTracksAnonymouslyThenIdentifiesEndsWithOneContact() {
        ok("/v1/batch", """
                {"batch": [{"type": "track", "anonymousId": "a4", "event": "Step"},
                           {"type": "page", "anonymousId": "a4"},
                           {"type": "identify", "anonymousId": "a4", "userId": "u4"},
                           {"type": "track", "anonymousId": "a4", "event": "Step"}]}""");

        assertThat(segment.count("u4", "step")).isEqualTo(2);
        assertThat(segment.count("u4", "page_viewed")).isEqualTo(1);
        assertThat(segment.contactStatus("anonymous:a4")).isEqualTo(404);
    }

    @Test
    void eventsSentDuringTheMergeAreNeitherLostNorLeftOnTheAnonymousContact() throws Exception {
        int senders = 4;
        int callsEach = 30;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            for (int round = 0; round < 3; round++) {
                String anonymousId = "race-" + round;
                String userId = "racer-" + round;
                track("\"anonymousId\": \"" + anonymousId + "\"", "Tick", Instant.now().toString());
                List<Future<Integer>> sent = new ArrayList<>();
                for (int s = 0; s < senders; s++) {
                    int sender = s;
                    sent.add(pool.submit(() -> {
                        int stored = 0;
                        for (int i = 0; i < callsEach; i++) {
                            String call = "{\"anonymousId\": \"" + anonymousId + "\", \"event\": \"Tick\", \"messageId\": \""
                                    + anonymousId + "-" + sender + "-" + i + "\"}";
                            if (segment.post(i % 2 == 0 ? "/v1/track" : "/v1/t", call).status() == 200) stored++;
                        }
                        return stored;
                    }));
                }
                Thread.sleep(20);
                ok("/v1/identify", "{\"userId\": \"" + userId + "\", \"anonymousId\": \"" + anonymousId + "\"}");
                int stored = 1;
                for (Future<Integer> future : sent) stored += future.get();

                assertThat(stored).isEqualTo(1 + senders * callsEach);
                assertThat(segment.count(userId, "tick")).as("round " + round).isEqualTo(stored);
                assertThat(segment.contactStatus("anonymous:" + anonymousId)).isEqualTo(404);
                assertActivityIsARecountOfTheTimeline(userId);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void targetingAudiencesAndMessageInteractionsSeeTheMergedHistory() {
        for (int i = 0; i < 3; i++) track("\"anonymousId\": \"a5\"", "Export Viewed", "2026-04-0" + (i + 1) + "T00:00:00Z");
        track("\"userId\": \"u5\"", "Export Viewed", "2026-04-05T00:00:00Z");
        String targeting = "{\"groups\": [{\"rules\": [{\"type\": \"event\", \"eventKey\": \"export_viewed\","
                + " \"operator\": \"count_greater_than\", \"value\": 3}]}]}";
        String message = publishedMessage(targeting);
        TestServer.Reply view = server.post(segment.key, "/api/v1/messages/" + message + "/interactions",
                "{\"externalId\": \"anonymous:a5\", \"kind\": \"dismiss\"}");
        assertThat(view.status()).as(view.body()).isEqualTo(201);
        assertThat(audience(targeting).path("count").asLong()).as("before: 3 and 1 events, neither over 3").isZero();

        ok("/v1/identify", "{\"userId\": \"u5\", \"anonymousId\": \"a5\"}");

        JsonNode audience = audience(targeting);
        assertThat(audience.path("count").asLong()).isEqualTo(1);
        assertThat(audience.path("sample").toString()).isEqualTo("[\"u5\"]");
        assertThat(server.get(segment.key, "/api/v1/contacts/u5/messages").json().path("messages").size())
                .as("dismissed while anonymous: until_dismissed keeps it hidden for the merged contact").isZero();
        JsonNode stats = server.get(segment.key, "/api/v1/messages/" + message + "/stats").json().path("stats");
        assertThat(stats.path("dismissals").asLong()).isEqualTo(1);
    }

    private String publishedMessage(String targeting) {
        TestServer.Reply created = server.post(segment.key, "/api/v1/messages", "{\"name\": \"m\", \"type\": \"banner\","
                + " \"content\": {\"title\": \"Hi\"}, \"frequency\": \"until_dismissed\", \"targeting\": " + targeting + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("message").path("id").asText();
        assertThat(server.post(segment.key, "/api/v1/messages/" + id + "/publish", "").status()).isEqualTo(200);
        return id;
    }

    private JsonNode audience(String targeting) {
        TestServer.Reply reply = server.post(segment.key, "/api/v1/audiences/preview", "{\"targeting\": " + targeting + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode activityOf(String externalId, String eventKey) {
        for (JsonNode row : segment.activity(externalId)) {
            if (row.path("eventKey").asText().equals(eventKey)) return row;
        }
        throw new AssertionError("no activity for " + eventKey);
    }

    /** Count, first and last per key, recomputed from the raw events, equal the activity rollups. */
    private void assertActivityIsARecountOfTheTimeline(String externalId) {
        Map<String, long[]> recount = new HashMap<>();
        for (JsonNode event : segment.timeline(externalId)) {
            long at = java.time.Instant.parse(event.path("occurredAt").asText()).toEpochMilli();
            long[] row = recount.computeIfAbsent(event.path("eventKey").asText(), k -> new long[]{0, Long.MAX_VALUE, Long.MIN_VALUE});
            row[0]++;
            row[1] = Math.min(row[1], at);
            row[2] = Math.max(row[2], at);
        }
        Map<String, long[]> rollups = new HashMap<>();
        for (JsonNode row : segment.activity(externalId)) {
            rollups.put(row.path("eventKey").asText(), new long[]{row.path("count").asLong(),
                    java.time.Instant.parse(row.path("firstAt").asText()).toEpochMilli(),
                    java.time.Instant.parse(row.path("lastAt").asText()).toEpochMilli()});
        }
        assertThat(rollups.keySet()).isEqualTo(recount.keySet());
        recount.forEach((key, row) -> assertThat(rollups.get(key)).as(key).containsExactly(row));
    }
}
