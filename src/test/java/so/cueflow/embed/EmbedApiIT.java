package so.cueflow.embed;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.Cueflow;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedApiIT {
    private static final String SITE = "https://app.example.com";
    private static final String OTHER_SITE = "https://other.example.org";
    private static final String BANNER = "{\"title\":\"Hi\",\"body\":\"There\",\"primaryButton\":{\"text\":\"Go\",\"url\":\"/go\"}}";
    private static TestServer server;
    private static EmbedWorkspace open;
    private static EmbedWorkspace verified;
    private static EmbedWorkspace other;
    private static EmbedWorkspace noSecret;
    private static EmbedWorkspace targeted;
    private static EmbedWorkspace interactive;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        open = EmbedWorkspace.create(server, SITE);
        verified = EmbedWorkspace.create(server, SITE).requireIdentity();
        other = EmbedWorkspace.create(server, OTHER_SITE);
        noSecret = EmbedWorkspace.create(server, SITE).settings(List.of(SITE), EmbedSettings.Verification.REQUIRED);
        targeted = EmbedWorkspace.create(server, SITE);
        interactive = EmbedWorkspace.create(server, SITE);
        EmbedWorkspace.awaitSettings();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String identify(EmbedWorkspace workspace, String userId, String extra) {
        return "{\"userId\":\"" + userId + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(EmbedWorkspace workspace, String origin, String... more) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + workspace.publishableKey,
                "Content-Type", "application/json", "Origin", origin));
        for (int i = 0; i < more.length; i += 2) headers.put(more[i], more[i + 1]);
        return headers;
    }

    @Test
    void aPublishableKeyIsRefusedOnSecretEndpointsAndASecretKeyOnEmbedEndpoints() {
        TestServer.Reply publishableOnSecret = server.get(open.publishableKey, "/api/v1/event-types");
        assertThat(publishableOnSecret.status()).isEqualTo(403);
        assertThat(publishableOnSecret.errorCode()).isEqualTo("forbidden");
        assertThat(server.post(open.publishableKey, "/api/v1/contacts", "{\"externalId\":\"x\"}").status()).isEqualTo(403);

        TestServer.Reply secretOnEmbed = server.post(open.secretKey, "/api/v1/embed/identify", identify(open, "u-sk", ""));
        assertThat(secretOnEmbed.status()).isEqualTo(403);
        assertThat(secretOnEmbed.errorCode()).isEqualTo("forbidden");
        assertThat(open.contactStatus("u-sk")).isEqualTo(404);

        assertThat(server.post(null, "/api/v1/embed/identify", identify(open, "u-sk", "")).status()).isEqualTo(401);
        assertThat(server.post("pk_" + "Z".repeat(40), "/api/v1/embed/identify", identify(open, "u-sk", "")).status()).isEqualTo(401);
    }

    @Test
    void aPreflightFromAnAllowedOriginGetsCorsHeadersAndOneFromAnyOtherOriginIsRefused() {
        EmbedWorkspace.Reply allowed = open.embed("OPTIONS", "/api/v1/embed/messages", null, Map.of("Origin", SITE,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(allowed.header("Access-Control-Allow-Headers")).contains("Authorization").contains("Content-Type");
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(allowed.header("Vary")).contains("Origin");

        EmbedWorkspace.Reply refused = open.embed("OPTIONS", "/api/v1/embed/messages", null, Map.of("Origin", "https://evil.example.net",
                "Access-Control-Request-Method", "GET"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aRequestFromAnOriginItsWorkspaceDoesNotAllowIsRefusedWithoutCorsHeadersAndChangesNothing() {
        // OTHER_SITE passes a preflight (another workspace allows it) but not this workspace's check.
        EmbedWorkspace.Reply refused = open.embed("POST", "/api/v1/embed/identify", identify(open, "u-cors", ""), headers(open, OTHER_SITE));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("forbidden");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(open.contactStatus("u-cors")).isEqualTo(404);

        EmbedWorkspace.Reply accepted = open.embed("POST", "/api/v1/embed/identify", identify(open, "u-cors", ""), headers(open, SITE));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(accepted.header("Vary")).contains("Origin");

        // Errors after the origin check carry the CORS headers, so the script can read them.
        EmbedWorkspace.Reply invalid = open.embed("POST", "/api/v1/embed/identify", "{\"userId\":\"u-cors\",\"plan\":7}", headers(open, SITE));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
    }

    @Test
    void withVerificationRequiredAMissingOrWrongUserHashIs403AndNothingIsRecordedOrReturned() {
        verified.publish("banner", "every_time", 0, BANNER, null);
        String forged = verified.hash("someone-else");
        List<String> bodies = List.of(identify(verified, "u-victim", "\"email\":\"attacker@example.com\""),
                identify(verified, "u-victim", "\"userHash\":\"" + forged + "\""),
                identify(verified, "u-victim", "\"userHash\":\"" + verified.hash("u-victim").toUpperCase() + "\""));
        for (String body : bodies) {
            EmbedWorkspace.Reply reply = verified.post("/api/v1/embed/identify", body);
            assertThat(reply.status()).as(body).isEqualTo(403);
            assertThat(reply.errorCode()).isEqualTo("forbidden");
        }
        assertThat(verified.contactStatus("u-victim")).isEqualTo(404);

        // Even once the contact exists, a wrong hash neither records events nor reads messages.
        assertThat(server.post(verified.secretKey, "/api/v1/contacts", "{\"externalId\":\"u-victim\"}").status()).isEqualTo(201);
        EmbedWorkspace.Reply events = verified.post("/api/v1/embed/events", "{\"userId\":\"u-victim\",\"userHash\":\"" + forged
                + "\",\"events\":[{\"eventKey\":\"forged_event\"}]}");
        assertThat(events.status()).isEqualTo(403);
        EmbedWorkspace.Reply messages = verified.get("/api/v1/embed/messages?userId=u-victim&userHash=" + forged);
        assertThat(messages.status()).isEqualTo(403);
        assertThat(messages.body()).doesNotContain("Hi");
        EmbedWorkspace.Reply interaction = verified.post("/api/v1/embed/interactions", "{\"userId\":\"u-victim\",\"messageId\":\"x\",\"kind\":\"view\"}");
        assertThat(interaction.status()).isEqualTo(403);
        assertThat(verified.eventKeys("u-victim")).isEmpty();
    }

    @Test
    void withTheRightUserHashIdentifyCreatesTheContactMarksItSeenAndReturnsNothingAboutIt() {
        String body = "{\"userId\":\"u-right\",\"userHash\":\"" + verified.hash("u-right") + "\",\"email\":\"right@example.com\","
                + "\"plan\":\"pro\",\"customAttributes\":{\"team\":\"blue\",\"seats\":3}}";
        EmbedWorkspace.Reply reply = verified.post("/api/v1/embed/identify", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"success\":true}");

        JsonNode contact = server.get(verified.secretKey, "/api/v1/contacts/u-right").json().path("contact");
        assertThat(contact.path("email").asText()).isEqualTo("right@example.com");
        assertThat(contact.path("plan").asText()).isEqualTo("pro");
        assertThat(contact.path("customAttributes").path("seats").asInt()).isEqualTo(3);
        assertThat(contact.path("lastSeenAt").isTextual()).isTrue();

        EmbedWorkspace.Reply update = verified.post("/api/v1/embed/identify", "{\"userId\":\"u-right\",\"userHash\":\""
                + verified.hash("u-right") + "\",\"customAttributes\":{\"team\":null}}");
        assertThat(update.status()).isEqualTo(200);
        contact = server.get(verified.secretKey, "/api/v1/contacts/u-right").json().path("contact");
        assertThat(contact.path("customAttributes").has("team")).isFalse();
        assertThat(contact.path("email").asText()).isEqualTo("right@example.com");
    }

    @Test
    void requiredVerificationWithoutAnIdentitySecretRefusesEveryUser() {
        EmbedWorkspace.Reply reply = noSecret.post("/api/v1/embed/identify", identify(noSecret, "u1", "\"userHash\":\"00\""));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("error").path("message").asText()).contains("rotate-identity-secret");
    }

    @Test
    void identifyIsValidatedLikeTheContactsApiAndReportsEveryProblem() {
        EmbedWorkspace.Reply reply = open.post("/api/v1/embed/identify", "{\"userId\":\"u-bad\",\"email\":\"not-an-email\","
                + "\"externalId\":\"other\",\"customAttributes\":{\"nested\":{\"a\":1}}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_request");
        assertThat(reply.errorFields()).contains("externalId");
        assertThat(open.contactStatus("u-bad")).isEqualTo(404);

        EmbedWorkspace.Reply fields = open.post("/api/v1/embed/identify", "{\"userId\":\"u-bad\",\"email\":\"not-an-email\","
                + "\"customAttributes\":{\"nested\":{\"a\":1}}}");
        assertThat(fields.status()).isEqualTo(400);
        assertThat(fields.errorFields()).containsExactlyInAnyOrder("email", "customAttributes.nested");

        assertThat(open.post("/api/v1/embed/identify", "{\"email\":\"a@b.c\"}").errorFields()).containsExactly("userId");
        assertThat(open.post("/api/v1/embed/identify", "{\"userId\":\"" + "x".repeat(256) + "\"}").status()).isEqualTo(400);
        assertThat(open.post("/api/v1/embed/identify", "{\"userId\":12}").status()).isEqualTo(400);
        assertThat(open.post("/api/v1/embed/identify", "not json").status()).isEqualTo(400);
        assertThat(open.post("/api/v1/embed/identify", "[]").status()).isEqualTo(400);
        assertThat(open.embed("POST", "/api/v1/embed/identify", "{\"userId\":\"u\"}", Map.of("Authorization",
                "Bearer " + open.publishableKey, "Content-Type", "text/plain")).status()).isEqualTo(415);
    }

    @Test
    void eventsAreValidatedLikeTheSecretApiAndStoredAllOrNothing() {
        assertThat(open.post("/api/v1/embed/identify", identify(open, "u-events", "")).status()).isEqualTo(200);
        EmbedWorkspace.Reply invalid = open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":["
                + "{\"eventKey\":\"fine_event\"},{\"eventKey\":\"Bad Key\"},{\"eventKey\":\"x\",\"properties\":{\"deep\":{\"a\":1}}},"
                + "{\"eventKey\":\"y\",\"externalId\":\"someone-else\"},{\"eventKey\":\"z\",\"surprise\":1}]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("events[1].eventKey", "events[2].properties.deep",
                "events[3].externalId", "events[4].surprise");
        assertThat(open.eventKeys("u-events")).isEmpty();

        assertThat(open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":{}}").errorFields()).containsExactly("events");
        assertThat(open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":[]}").errorFields()).containsExactly("events");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) many.add("{\"eventKey\":\"e\"}");
        assertThat(open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":[" + String.join(",", many) + "]}").status())
                .isEqualTo(400);
        assertThat(open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":[{\"eventKey\":\"e\"}],\"x\":1}")
                .errorFields()).containsExactly("x");
        assertThat(open.post("/api/v1/embed/events", "{\"userId\":\"nobody\",\"events\":[{\"eventKey\":\"e\"}]}").status()).isEqualTo(404);

        EmbedWorkspace.Reply stored = open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":["
                + "{\"eventKey\":\"page_viewed\",\"properties\":{\"url\":\"https://app.example.com/a\",\"path\":\"/a\"},\"eventId\":\"ev-1\"},"
                + "{\"eventKey\":\"clicked_export\",\"eventId\":\"ev-2\"}]}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.json().path("accepted").asInt()).isEqualTo(2);
        EmbedWorkspace.Reply again = open.post("/api/v1/embed/events", "{\"userId\":\"u-events\",\"events\":[{\"eventKey\":\"clicked_export\",\"eventId\":\"ev-2\"}]}");
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(open.eventKeys("u-events")).containsExactlyInAnyOrder("page_viewed", "clicked_export");
    }

    @Test
    void aBeaconMaySendTheKeyAsAParameterAndTextPlainButOnlyToTheEventsEndpoint() {
        assertThat(open.post("/api/v1/embed/identify", identify(open, "u-beacon", "")).status()).isEqualTo(200);
        String body = "{\"userId\":\"u-beacon\",\"events\":[{\"eventKey\":\"left_page\"}]}";
        EmbedWorkspace.Reply beacon = open.embed("POST", "/api/v1/embed/events?key=" + open.publishableKey, body,
                Map.of("Content-Type", "text/plain;charset=UTF-8", "Origin", SITE));
        assertThat(beacon.status()).as(beacon.body()).isEqualTo(200);
        assertThat(open.eventKeys("u-beacon")).containsExactly("left_page");

        assertThat(open.embed("POST", "/api/v1/embed/events?key=" + open.publishableKey, body,
                Map.of("Content-Type", "text/plain", "Origin", "https://evil.example.net")).status()).isEqualTo(403);
        assertThat(open.embed("POST", "/api/v1/embed/events?key=" + open.secretKey, body,
                Map.of("Content-Type", "text/plain")).status()).isEqualTo(403);
        assertThat(open.embed("POST", "/api/v1/embed/identify?key=" + open.publishableKey, identify(open, "u-beacon", ""),
                Map.of("Content-Type", "application/json")).status()).isEqualTo(400);
        assertThat(open.embed("POST", "/api/v1/embed/events", body, Map.of("Authorization", "Bearer " + open.publishableKey,
                "Content-Type", "text/plain")).status()).isEqualTo(415);
        assertThat(server.send(null, "POST", "/api/v1/events?key=" + open.secretKey, "{}", "text/plain").status()).isEqualTo(415);
        assertThat(open.eventKeys("u-beacon")).containsExactly("left_page");
    }

    @Test
    void messagesAreTheSecretApisVerdictsAndShowNothingButWhatTheScriptRenders() {
        EmbedWorkspace workspace = targeted;
        String forPro = workspace.publish("banner", "every_time", 5, BANNER,
                "{\"groups\":[{\"rules\":[{\"type\":\"contact\",\"field\":\"plan\",\"operator\":\"equals\",\"value\":\"pro\"}]}]}");
        String onPricing = workspace.publish("modal", "every_time", 9, "{\"title\":\"Pricing\"}",
                "{\"groups\":[{\"rules\":[{\"type\":\"page\",\"field\":\"path\",\"operator\":\"starts_with\",\"value\":\"/pricing\"}]}]}");
        assertThat(workspace.post("/api/v1/embed/identify", identify(workspace, "u-msg", "\"plan\":\"pro\"")).status()).isEqualTo(200);

        for (String url : List.of("https://app.example.com/pricing/team", "https://app.example.com/home")) {
            EmbedWorkspace.Reply reply = workspace.get("/api/v1/embed/messages?userId=u-msg&url=" + query(url));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            reply.json().path("messages").forEach(message -> ids.add(message.path("id").asText()));
            assertThat(ids).isEqualTo(workspace.eligibleBySecretApi("u-msg", query(url)));
        }
        JsonNode listed = workspace.get("/api/v1/embed/messages?userId=u-msg&url=" + query("https://app.example.com/pricing"))
                .json().path("messages");
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("id").asText()).isEqualTo(onPricing);
        assertThat(listed.get(1).path("id").asText()).isEqualTo(forPro);
        assertThat(listed.get(1).path("content").path("primaryButton").path("url").asText()).isEqualTo("/go");
        assertThat(listed.get(1).has("targeting")).isFalse();
        assertThat(listed.get(1).has("name")).isFalse();

        // Another workspace's publishable key sees none of them, even for the same user id.
        assertThat(other.post("/api/v1/embed/identify", identify(other, "u-msg", "\"plan\":\"pro\"")).status()).isEqualTo(200);
        assertThat(other.get("/api/v1/embed/messages?userId=u-msg&url=%2Fpricing").json().path("messages")).isEmpty();
    }

    @Test
    void theMessagesQueryIsValidatedStrictly() {
        assertThat(open.post("/api/v1/embed/identify", identify(open, "u-q", "")).status()).isEqualTo(200);
        assertThat(open.get("/api/v1/embed/messages?userId=u-q&surprise=1").errorFields()).containsExactly("surprise");
        assertThat(open.get("/api/v1/embed/messages?userId=u-q&userId=u-r").errorFields()).containsExactly("userId");
        assertThat(open.get("/api/v1/embed/messages").errorFields()).containsExactly("userId");
        assertThat(open.get("/api/v1/embed/messages?userId=u-q&url=" + query("http://[bad")).status()).isEqualTo(400);
        assertThat(open.get("/api/v1/embed/messages?userId=u-q&showing=" + ",".repeat(3)).errorFields()).containsExactly("showing");
        assertThat(open.get("/api/v1/embed/messages?userId=no-such-user").status()).isEqualTo(404);
        assertThat(open.get("/api/v1/embed/messages?userId=u-q&key=" + open.publishableKey).status()).isEqualTo(400);
    }

    @Test
    void interactionsAreRecordedAndDriveFrequencyAndStats() {
        EmbedWorkspace workspace = interactive;
        String once = workspace.publish("banner", "once", 1, BANNER, null);
        String untilDismissed = workspace.publish("banner", "until_dismissed", 0, BANNER, null);
        assertThat(workspace.post("/api/v1/embed/identify", identify(workspace, "u-int", "")).status()).isEqualTo(200);
        assertThat(messageIds(workspace, "")).containsExactly(once, untilDismissed);

        assertThat(interact(workspace, once, "\"kind\":\"view\"").status()).isEqualTo(201);
        assertThat(interact(workspace, once, "\"kind\":\"click\",\"button\":\"primary\"").status()).isEqualTo(201);
        assertThat(interact(workspace, untilDismissed, "\"kind\":\"view\"").status()).isEqualTo(201);
        assertThat(messageIds(workspace, "")).containsExactly(untilDismissed);
        // The page still showing the "once" message keeps it: its own view must not hide it.
        assertThat(messageIds(workspace, "&showing=" + once + "," + untilDismissed)).containsExactly(untilDismissed, once);

        assertThat(interact(workspace, untilDismissed, "\"kind\":\"dismiss\"").status()).isEqualTo(201);
        assertThat(messageIds(workspace, "&showing=" + untilDismissed)).isEmpty();

        JsonNode stats = workspace.stats(once);
        assertThat(stats.path("uniqueViews").asInt()).isEqualTo(1);
        assertThat(stats.path("clicksByButton").path("primary").asInt()).isEqualTo(1);
        assertThat(workspace.stats(untilDismissed).path("dismissals").asInt()).isEqualTo(1);

        assertThat(interact(workspace, "01NOSUCHMESSAGE", "\"kind\":\"view\"").status()).isEqualTo(404);
        assertThat(interact(workspace, once, "\"kind\":\"like\"").errorFields()).containsExactly("kind");
        assertThat(interact(workspace, once, "\"kind\":\"click\"").errorFields()).containsExactly("button");
        assertThat(workspace.post("/api/v1/embed/interactions", "{\"userId\":\"u-int\",\"kind\":\"view\"}").errorFields())
                .containsExactly("messageId");
        assertThat(interact(other, once, "\"kind\":\"view\"").status()).isIn(404);
    }

    private static EmbedWorkspace.Reply interact(EmbedWorkspace workspace, String messageId, String fields) {
        return workspace.post("/api/v1/embed/interactions", "{\"userId\":\"u-int\",\"messageId\":\"" + messageId + "\"," + fields + "}");
    }

    private static List<String> messageIds(EmbedWorkspace workspace, String extra) {
        EmbedWorkspace.Reply reply = workspace.get("/api/v1/embed/messages?userId=u-int" + extra);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("messages").forEach(message -> ids.add(message.path("id").asText()));
        return ids;
    }

    @Test
    void aPublishableKeyHasItsOwnRateLimitAndA429StaysReadableByTheAllowedOrigin() {
        String limited = new KeyStore(server.database()).create(open.workspace, ApiKey.Kind.PUBLISHABLE, "limited", 2L,
                System.currentTimeMillis()).plaintext();
        Map<String, String> headers = new HashMap<>(headers(open, SITE));
        headers.put("Authorization", "Bearer " + limited);
        List<Integer> statuses = new ArrayList<>();
        EmbedWorkspace.Reply last = null;
        for (int i = 0; i < 3; i++) {
            last = open.embed("POST", "/api/v1/embed/identify", identify(open, "u-limited", ""), headers);
            statuses.add(last.status());
        }
        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(last.errorCode()).isEqualTo("rate_limited");
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(last.header("Access-Control-Allow-Origin")).isEqualTo(SITE);
        assertThat(last.header("Access-Control-Expose-Headers")).contains("Retry-After");
    }

    @Test
    void embedJsIsMinifiedCacheableAndRevalidatedWithItsEtag() throws Exception {
        EmbedWorkspace.Reply script = open.embed("GET", "/embed.js", null, Map.of());
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.header("Cache-Control")).contains("max-age=");
        assertThat(script.header("Content-Encoding")).isNull();
        assertThat(script.body()).contains("window.Cueflow").doesNotContain("\n  ").doesNotContain("/**");
        byte[] source;
        try (var in = getClass().getResourceAsStream("/web/embed.js")) {
            source = in.readAllBytes();
        }
        assertThat(script.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(source.length * 9 / 10);
        String etag = script.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        EmbedWorkspace.Reply revalidated = open.embed("GET", "/embed.js", null, Map.of("If-None-Match", etag));
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(open.embed("GET", "/embed.js", null, Map.of("If-None-Match", "\"stale\"")).status()).isEqualTo(200);
    }

    /** The budget is for the wire: what a browser downloads, gzipped, not the source's size. */
    @Test
    void embedJsIsGzippedForBrowsersThatAcceptItAndWithinEightKilobytesOnTheWire() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<byte[]> gzipped = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/embed.js")).header("Accept-Encoding", "gzip, deflate, br").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThanOrEqualTo(8 * 1024);
        String unzipped;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(unzipped).isEqualTo(open.embed("GET", "/embed.js", null, Map.of()).body());

        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(open.embed("GET", "/embed.js", null, Map.of()).header("ETag"));
        java.net.http.HttpResponse<byte[]> revalidated = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/embed.js")).header("Accept-Encoding", "gzip").header("If-None-Match", etag).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(revalidated.statusCode()).isEqualTo(304);
        java.net.http.HttpResponse<byte[]> refused = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.baseUrl() + "/embed.js")).header("Accept-Encoding", "gzip;q=0, identity").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void theWorkspaceCommandsSetOriginsAndVerificationAndRotateTheSecret() throws Exception {
        EmbedWorkspace workspace = EmbedWorkspace.create(server);
        // --data names a SQLite directory; on PostgreSQL the CLI reaches the server's store by --database-url.
        String store = server.storeFlag();
        String location = server.storeLocation();
        String name = workspace.workspace.name();
        String shown = cli(0, "workspace", "update", store, location, "--workspace", name, "--allowed-origin", "https://A.example.com/",
                "--allowed-origin", "http://localhost:3000", "--identity-verification", "required");
        assertThat(shown).contains("https://a.example.com http://localhost:3000").contains("required");

        String secret = cli(0, "workspace", "rotate-identity-secret", store, location, "--workspace", name).trim();
        assertThat(secret).matches("idsec_[0-9A-Za-z]{40}");
        assertThat(cli(0, "workspace", "show", store, location, "--workspace", name)).doesNotContain(secret);
        EmbedWorkspace.awaitSettings();
        String userHash = IdentityHashes.hash(secret, "u-cli");
        EmbedWorkspace.Reply withHash = workspace.embed("POST", "/api/v1/embed/identify",
                "{\"userId\":\"u-cli\",\"userHash\":\"" + userHash + "\"}", headers(workspace, "https://a.example.com"));
        assertThat(withHash.status()).as(withHash.body()).isEqualTo(200);

        String rotated = cli(0, "workspace", "rotate-identity-secret", store, location, "--workspace", name).trim();
        assertThat(rotated).isNotEqualTo(secret);
        EmbedWorkspace.awaitSettings();
        assertThat(workspace.post("/api/v1/embed/identify", "{\"userId\":\"u-cli\",\"userHash\":\"" + userHash + "\"}").status())
                .isEqualTo(403);

        cli(0, "workspace", "update", store, location, "--workspace", name, "--identity-verification", "off");
        EmbedWorkspace.awaitSettings();
        assertThat(workspace.post("/api/v1/embed/identify", "{\"userId\":\"u-cli\"}").status()).isEqualTo(200);

        cli(2, "workspace", "update", store, location, "--workspace", name, "--allowed-origin", "https://a.example.com/path");
        cli(2, "workspace", "update", store, location, "--workspace", name, "--identity-verification", "maybe");
        cli(1, "workspace", "update", store, location, "--workspace", "no-such-workspace", "--identity-verification", "off");
        String key = cli(0, "keys", "create", store, location, "--workspace", name, "--publishable").trim();
        assertThat(key).matches("pk_[0-9A-Za-z]{40}");
    }

    private static String cli(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cueflow.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        assertThat(exit).as("exit code of %s: %s", String.join(" ", args), err).isEqualTo(expectedExit);
        return out.toString();
    }
}
