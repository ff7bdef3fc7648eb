package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Segment-spec endpoints field by field, each result read back through Cueflow's own API. */
class SegmentApiIT {
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
        segment = new SegmentClient(server, server.newKey("segment-" + WORKSPACES.incrementAndGet()));
    }

    @Test
    void trackBecomesAnEventWithASnakeCaseKeyFlatPropertiesAndTheNameInTheCatalog() {
        TestServer.Reply reply = segment.post("/v1/track", """
                {"userId": "u1", "event": "Order Completed", "messageId": "m-1",
                 "properties": {"revenue": 25.5, "currency": "EUR", "address": {"city": "Oslo", "geo": {"lat": 59.9}},
                                "tags": ["a", "b"], "coupon": null, "Order ID": "o-7", "7days": true},
                 "context": {"library": {"name": "test"}}, "integrations": {"All": true}}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("success").asBoolean()).isTrue();
        assertThat(reply.json().path("dropped").toString()).isEqualTo("[{\"field\":\"properties.coupon\",\"reason\":\"null\"}]");
        List<JsonNode> events = segment.timeline("u1");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("eventKey").asText()).isEqualTo("order_completed");
        assertThat(events.get(0).path("properties").toString()).isEqualTo("{\"revenue\":25.5,\"currency\":\"EUR\","
                + "\"address_city\":\"Oslo\",\"address_geo_lat\":59.9,\"tags\":\"[\\\"a\\\",\\\"b\\\"]\",\"Order_ID\":\"o-7\",\"_7days\":true}");
        assertThat(segment.eventType("order_completed").path("displayName").asText()).isEqualTo("Order Completed");
        assertThat(segment.count("u1", "order_completed")).isEqualTo(1);
    }

    @Test
    void eventNamesInCamelCaseAndWithPunctuationFollowTheSameRule() {
        segment.post("/v1/track", "{\"userId\": \"u1\", \"event\": \"signupStarted\"}");
        segment.post("/v1/track", "{\"userId\": \"u1\", \"event\": \"Viewed -- Pricing Page!\"}");
        segment.post("/v1/track", "{\"userId\": \"u1\", \"event\": \"2FA Enabled\"}");

        assertThat(segment.activity("u1")).extracting(row -> row.path("eventKey").asText())
                .containsExactly("event_2_fa_enabled", "signup_started", "viewed_pricing_page");
        assertThat(segment.eventType("viewed_pricing_page").path("displayName").asText()).isEqualTo("Viewed -- Pricing Page!");
    }

    @Test
    void identifyUpsertsTheKnownTraitsAsContactFieldsAndTheRestAsCustomAttributes() {
        TestServer.Reply reply = segment.post("/v1/identify", """
                {"userId": "u2", "traits": {"email": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace",
                 "phone": "+44 20 7946 0000", "avatar": "https://example.com/ada.png", "plan": "pro",
                 "createdAt": "2025-03-01T10:00:00Z", "company": {"name": "Analytical", "size": 12}, "beta": true}}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode contact = segment.contact("u2");
        assertThat(contact.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(contact.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(contact.path("phone").asText()).isEqualTo("+44 20 7946 0000");
        assertThat(contact.path("avatarUrl").asText()).isEqualTo("https://example.com/ada.png");
        assertThat(contact.path("plan").asText()).isEqualTo("pro");
        assertThat(contact.path("signedUpAt").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(contact.path("customAttributes").toString())
                .isEqualTo("{\"company_name\":\"Analytical\",\"company_size\":12,\"beta\":true}");

        segment.post("/v1/identify", "{\"userId\": \"u2\", \"traits\": {\"name\": \"Ada King\", \"beta\": null}}");
        JsonNode updated = segment.contact("u2");
        assertThat(updated.path("name").asText()).isEqualTo("Ada King");
        assertThat(updated.path("email").asText()).as("absent traits stay").isEqualTo("ada@example.com");
        assertThat(updated.path("customAttributes").has("beta")).as("a null trait removes the attribute").isFalse();
    }

    @Test
    void aTraitThatIsNotAValidContactFieldIsA400NamingTheSegmentField() {
        TestServer.Reply reply = segment.post("/v1/identify", "{\"userId\": \"u3\", \"traits\": {\"email\": \"not-an-email\", \"avatar\": \"ftp://x\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(SegmentClient.fields(reply)).containsExactlyInAnyOrder("traits.email", "traits.avatar");
        assertThat(segment.contactStatus("u3")).isEqualTo(404);
    }

    @Test
    void pageAndScreenAreTheEmbedScriptsPageViewedEventAndMoveLastSeenAt() {
        TestServer.Reply page = segment.post("/v1/page", """
                {"userId": "u4", "name": "Pricing", "properties": {"title": "Pricing - Acme", "referrer": "https://google.com/"},
                 "context": {"page": {"url": "https://app.example.com/pricing?x=1", "path": "/pricing"}}}""");
        TestServer.Reply screen = segment.post("/v1/screen", "{\"userId\": \"u4\", \"name\": \"Settings\", \"properties\": {\"tab\": \"billing\"}}");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(screen.status()).as(screen.body()).isEqualTo(200);
        List<JsonNode> events = segment.timeline("u4");
        assertThat(events).extracting(event -> event.path("eventKey").asText()).containsOnly("page_viewed");
        assertThat(events).extracting(event -> event.path("properties").toString()).containsExactlyInAnyOrder(
                "{\"url\":\"https://app.example.com/pricing?x=1\",\"path\":\"/pricing\",\"name\":\"Pricing\",\"title\":\"Pricing - Acme\",\"referrer\":\"https://google.com/\"}",
                "{\"name\":\"Settings\",\"tab\":\"billing\"}");
        String lastSeen = segment.contact("u4").path("lastSeenAt").asText();
        assertThat(java.time.Instant.parse(lastSeen).toEpochMilli()).isCloseTo(System.currentTimeMillis(), within(60_000L));
    }

    @Test
    void groupIsStoredOnTheContactAsGroupIdAndGroupTraits() {
        TestServer.Reply reply = segment.post("/v1/group", "{\"userId\": \"u5\", \"groupId\": \"acme\", \"traits\": {\"name\": \"Acme\", \"plan\": \"enterprise\"}}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(segment.contact("u5").path("customAttributes").toString())
                .isEqualTo("{\"groupId\":\"acme\",\"group_name\":\"Acme\",\"group_plan\":\"enterprise\"}");
    }

    @Test
    void aRetriedMessageIdIsStoredOnceAndCountedOnce() {
        String call = "{\"userId\": \"u6\", \"event\": \"Clicked\", \"messageId\": \"retry-1\"}";
        assertThat(segment.post("/v1/track", call).status()).isEqualTo(200);
        assertThat(segment.post("/v1/track", call).status()).isEqualTo(200);
        assertThat(segment.post("/v1/batch", "{\"batch\": [{\"type\": \"track\", \"userId\": \"u6\", \"event\": \"Clicked\", \"messageId\": \"retry-1\"}]}").status())
                .isEqualTo(200);

        assertThat(segment.timeline("u6")).hasSize(1);
        assertThat(segment.count("u6", "clicked")).isEqualTo(1);
    }

    @Test
    void timestampsAreCorrectedForTheSendersClockSkew() {
        long now = System.currentTimeMillis();
        // The device's clock is two hours fast: it says it sent at now + 2 h an event it stamped 10 minutes before that.
        String sentAt = Instant.ofEpochMilli(now + 7_200_000).toString();
        String timestamp = Instant.ofEpochMilli(now + 7_200_000 - 600_000).toString();
        segment.post("/v1/track", "{\"userId\": \"u7\", \"event\": \"Skewed\", \"timestamp\": \"" + timestamp + "\", \"sentAt\": \"" + sentAt + "\"}");
        segment.post("/v1/batch", "{\"sentAt\": \"" + sentAt + "\", \"batch\": [{\"type\": \"track\", \"userId\": \"u7\", \"event\": \"Batched\","
                + " \"originalTimestamp\": \"" + timestamp + "\"}]}");
        segment.post("/v1/track", "{\"userId\": \"u7\", \"event\": \"Historic\", \"timestamp\": \"2024-01-02T03:04:05.678Z\"}");

        for (JsonNode event : segment.timeline("u7")) {
            long occurredAt = java.time.Instant.parse(event.path("occurredAt").asText()).toEpochMilli();
            if (event.path("eventKey").asText().equals("historic")) {
                assertThat(event.path("occurredAt").asText()).isEqualTo("2024-01-02T03:04:05.678Z");
            } else {
                assertThat(occurredAt).as(event.toString()).isCloseTo(now - 600_000, within(30_000L));
            }
        }
        assertThat(segment.timeline("u7")).hasSize(3);
    }

    @Test
    void aBatchMixesCallTypesAndImportIsTheSame() {
        TestServer.Reply batch = segment.post("/v1/batch", """
                {"batch": [{"type": "identify", "userId": "u8", "traits": {"email": "u8@example.com"}},
                           {"type": "track", "userId": "u8", "event": "Signed Up"},
                           {"type": "page", "userId": "u8", "properties": {"url": "https://a.example/x", "path": "/x"}}]}""");
        TestServer.Reply imported = segment.post("/v1/import", "{\"batch\": [{\"type\": \"track\", \"userId\": \"u8\", \"event\": \"Signed Up\"}]}");

        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(segment.contact("u8").path("email").asText()).isEqualTo("u8@example.com");
        assertThat(segment.count("u8", "signed_up")).isEqualTo(2);
        assertThat(segment.count("u8", "page_viewed")).isEqualTo(1);
    }

    @Test
    void theKeyIsAcceptedAsBasicUserNameAsBearerAndAsWriteKeyAndAWrongOneIs401() {
        String call = "{\"userId\": \"u9\", \"event\": \"Authed\"}";
        assertThat(segment.send("/v1/track", call, "Bearer " + segment.key, "application/json").status()).isEqualTo(200);
        assertThat(segment.send("/v1/track", "{\"writeKey\": \"" + segment.key + "\", \"userId\": \"u9\", \"event\": \"Authed\"}",
                null, "text/plain").status()).as("the browser SDK's text/plain").isEqualTo(200);
        assertThat(segment.count("u9", "authed")).isEqualTo(2);

        TestServer.Reply wrong = segment.send("/v1/track", call, "Basic " + java.util.Base64.getEncoder()
                .encodeToString("sk_0000000000000000000000000000000000000000:".getBytes()), "application/json");
        TestServer.Reply missing = segment.send("/v1/track", call, null, "application/json");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("unauthorized");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("success").asBoolean()).isFalse();
    }

    @Test
    void badCallsAre400sNamingEachFieldAndStoreNothing() {
        TestServer.Reply noUser = segment.post("/v1/track", "{\"event\": \"X\"}");
        TestServer.Reply noEvent = segment.post("/v1/track", "{\"userId\": \"u10\", \"properties\": []}");
        TestServer.Reply badBatch = segment.post("/v1/batch", "{\"batch\": [{\"type\": \"track\", \"userId\": \"u10\", \"event\": \"Ok\"},"
                + " {\"type\": \"shout\", \"userId\": \"u10\"}, {\"type\": \"alias\", \"userId\": \"u10\"},"
                + " {\"type\": \"track\", \"userId\": \"u10\", \"event\": \"!!!\"}, {\"type\": \"group\", \"userId\": \"u10\"}]}");
        TestServer.Reply notJson = segment.post("/v1/track", "{\"userId\": ");

        assertThat(noUser.status()).isEqualTo(400);
        assertThat(SegmentClient.fields(noUser)).containsExactly("userId");
        assertThat(SegmentClient.fields(noEvent)).containsExactlyInAnyOrder("event", "properties");
        assertThat(badBatch.status()).isEqualTo(400);
        assertThat(SegmentClient.fields(badBatch)).containsExactlyInAnyOrder("batch[1].type", "batch[2].previousId",
                "batch[3].event", "batch[4].groupId");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(segment.contactStatus("u10")).as("nothing of a refused batch is stored").isEqualTo(404);
    }

    @Test
    void aGetIsRefusedWithTheErrorBodyNeverA500() {
        TestServer.Reply keyless = server.get(null, "/v1/track");
        TestServer.Reply keyed = server.send(null, "GET", "/v1/track", null, null);

        assertThat(keyless.status()).isEqualTo(401);
        assertThat(keyless.json().path("success").asBoolean()).isFalse();
        assertThat(segment.send("/v1/batch", "{}", "Bearer " + segment.key, "application/xml").status()).isEqualTo(415);
        assertThat(keyed.status()).isLessThan(500);
    }

    @Test
    void segmentsSizeLimitsAre32KbACallAnd500KbABatch() {
        String big = "x".repeat(900);
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i < 40; i++) properties.append(i == 0 ? "" : ",").append("\"p").append(i).append("\": \"").append(big).append('"');
        String call = "{\"type\": \"track\", \"userId\": \"u11\", \"event\": \"Big\", \"properties\": {" + properties + "}}";
        StringBuilder batch = new StringBuilder("{\"batch\": [" + call);
        for (int i = 0; i < 15; i++) batch.append(", {\"type\": \"track\", \"userId\": \"u11\", \"event\": \"Big\", \"properties\": {\"p\": \"").append("y".repeat(30_000)).append("\"}}");

        TestServer.Reply single = segment.post("/v1/track", call);
        TestServer.Reply oversizedItem = segment.post("/v1/batch", batch + "]}");
        TestServer.Reply hugeBatch = segment.post("/v1/batch", "{\"batch\": [" + (call + ",").repeat(15) + call + "]}");

        assertThat(single.status()).isEqualTo(413);
        assertThat(oversizedItem.status()).isEqualTo(400);
        assertThat(SegmentClient.fields(oversizedItem)).contains("batch[0]");
        assertThat(hugeBatch.status()).isEqualTo(413);
        assertThat(hugeBatch.json().path("success").asBoolean()).isFalse();
    }

    @Test
    void overTheKeysRateLimitTheAnswerIs429WithRetryAfter() throws Exception {
        try (TestServer limited = TestServer.start(50_000, 2)) {
            SegmentClient client = new SegmentClient(limited, limited.newKey("limited"));
            String call = "{\"userId\": \"u12\", \"event\": \"Limited\"}";
            assertThat(client.post("/v1/track", call).status()).isEqualTo(200);
            assertThat(client.post("/v1/track", call).status()).isEqualTo(200);

            TestServer.Reply refused = client.post("/v1/track", call);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        }
    }

    @Test
    void aPublishableKeyIsAcceptedOnlyFromAnAllowedOriginOfAWorkspaceWithoutIdentityVerification() {
        long now = System.currentTimeMillis();
        so.cueflow.auth.Workspace workspace = new so.cueflow.auth.WorkspaceStore(server.database())
                .findOrCreate("segment-browser-keys", now);
        String publishable = new so.cueflow.auth.KeyStore(server.database())
                .create(workspace, so.cueflow.auth.ApiKey.Kind.PUBLISHABLE, "browser", now).plaintext();
        String call = "{\"writeKey\": \"" + publishable + "\", \"userId\": \"u13\", \"event\": \"From Browser\"}";
        so.cueflow.embed.EmbedSettingsStore settings = new so.cueflow.embed.EmbedSettingsStore(server.database());

        TestServer.Reply unverifiedOriginless = fromOrigin(call, null);
        settings.update(workspace.id(), current -> current.with(List.of("https://app.example.com"),
                so.cueflow.embed.EmbedSettings.Verification.REQUIRED, now));
        awaitSettings();
        TestServer.Reply verificationRequired = fromOrigin(call, "https://app.example.com");
        settings.update(workspace.id(), current -> current.with(List.of("https://app.example.com"),
                so.cueflow.embed.EmbedSettings.Verification.OFF, now));
        awaitSettings();
        TestServer.Reply otherOrigin = fromOrigin(call, "https://evil.example.com");
        TestServer.Reply allowed = fromOrigin(call, "https://app.example.com");

        assertThat(unverifiedOriginless.status()).isEqualTo(403);
        assertThat(verificationRequired.status()).isEqualTo(403);
        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    }

    private TestServer.Reply fromOrigin(String json, String origin) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/v1/track"))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (origin != null) request.header("Origin", origin);
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new TestServer.Reply(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitSettings() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
