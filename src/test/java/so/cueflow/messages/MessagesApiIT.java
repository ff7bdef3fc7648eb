package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.messages.Workspace.allOf;
import static so.cueflow.messages.Workspace.event;
import static so.cueflow.messages.Workspace.fields;

/** Messages CRUD, validation, publishing and archiving over HTTP (spec section 7). */
class MessagesApiIT {
    private static TestServer server;
    private Workspace ws;

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
        ws = Workspace.fresh(server);
    }

    @Test
    void aValidBannerIsCreatedAsADraftWithDefaults() {
        TestServer.Reply reply = ws.post("/api/v1/messages", """
                {"name": "Try advanced export", "type": "banner",
                 "content": {"title": "New", "body": "Export to CSV", "position": "bottom", "dismissible": true,
                             "primaryButton": {"text": "Try it", "url": "https://app.example.com/export"},
                             "secondaryButton": {"text": "Later", "url": "/later"}},
                 "targeting": {"groups": [{"rules": [
                     {"type": "event", "eventKey": "advanced_export_viewed", "operator": "has_done"}]}]},
                 "startDate": "2026-01-01", "endDate": "2026-01-01"}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode message = reply.json().path("message");
        assertThat(message.path("id").asText()).hasSize(26);
        assertThat(message.path("status").asText()).isEqualTo("draft");
        assertThat(message.path("frequency").asText()).isEqualTo("once");
        assertThat(message.path("priority").asInt()).isZero();
        assertThat(message.path("content").path("primaryButton").path("url").asText()).isEqualTo("https://app.example.com/export");
        assertThat(message.path("targeting").path("groups").get(0).path("rules").get(0).path("eventKey").asText())
                .isEqualTo("advanced_export_viewed");
        assertThat(message.path("startDate").asText()).isEqualTo("2026-01-01");
        assertThat(message.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void anEmptyBodyListsNameTypeAndContentAsRequired() {
        TestServer.Reply reply = ws.post("/api/v1/messages", "{}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_request");
        assertThat(fields(reply)).containsExactlyInAnyOrder("name", "type", "content");
    }

    @Test
    void everyProblemOfABadMessageIsListedWithItsPath() {
        TestServer.Reply reply = ws.post("/api/v1/messages", """
                {"name": "x", "type": "popup", "frequency": "sometimes", "priority": 5000,
                 "startDate": "2026-13-01", "endDate": "soon",
                 "content": {"title": "t", "dismissible": "yes", "colour": "red",
                             "primaryButton": {"text": "Go", "url": "javascript:alert(1)"}},
                 "targeting": {"groups": [
                     {"rules": [{"type": "event", "eventKey": "a", "operator": "first_done_within"}]},
                     {"rules": [{"type": "contact", "field": "plan", "operator": "equals", "value": "pro"},
                                {"type": "contact", "field": "shoeSize", "operator": "equals", "value": 4}]}]},
                 "nmae": "typo"}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactlyInAnyOrder("nmae", "type", "frequency", "priority", "startDate", "endDate",
                "content.dismissible", "content.colour", "content.primaryButton.url",
                "targeting.groups[0].rules[0].withinDays", "targeting.groups[1].rules[1].field");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("so.cueflow");
    }

    @Test
    void endDateBeforeStartDateIsRejected() {
        TestServer.Reply reply = ws.post("/api/v1/messages", Map.of("name", "x", "type", "banner",
                "content", Map.of("title", "t"), "startDate", "2026-12-10", "endDate", "2026-12-09"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("endDate");
    }

    @Test
    void aPositionIsForBannersOnlyAndMustBeTopOrBottom() {
        TestServer.Reply modal = ws.post("/api/v1/messages", Map.of("name", "x", "type", "modal",
                "content", Map.of("title", "t", "position", "top")));
        TestServer.Reply banner = ws.post("/api/v1/messages", Map.of("name", "x", "type", "banner",
                "content", Map.of("title", "t", "position", "middle")));

        assertThat(modal.status()).isEqualTo(400);
        assertThat(fields(modal)).containsExactly("content.position");
        assertThat(modal.body()).contains("banners only");
        assertThat(banner.status()).isEqualTo(400);
        assertThat(fields(banner)).containsExactly("content.position");
    }

    @Test
    void buttonUrlsMustBeHttpOrASameSitePath() {
        for (String url : new String[]{"//evil.example/x", "https://", "javascript:alert(1)", "data:text/html,x"}) {
            TestServer.Reply reply = ws.post("/api/v1/messages", Map.of("name", "x", "type", "modal",
                    "content", Map.of("title", "t", "primaryButton", Map.of("text", "Go", "url", url))));
            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(fields(reply)).as(url).containsExactly("content.primaryButton.url");
        }
        for (String url : new String[]{"/settings?tab=2", "https://app.example.com", "http://localhost:3000/x"}) {
            TestServer.Reply reply = ws.post("/api/v1/messages", Map.of("name", "x", "type", "modal",
                    "content", Map.of("title", "t", "primaryButton", Map.of("text", "Go", "url", url))));
            assertThat(reply.status()).as(url).isEqualTo(201);
        }
    }

    @Test
    void contentNeedsATitleOrBodyAndButtonsNeedText() {
        TestServer.Reply reply = ws.post("/api/v1/messages", Map.of("name", "x", "type", "modal",
                "content", Map.of("secondaryButton", Map.of("url", "/x"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactlyInAnyOrder("content", "content.secondaryButton.text");
    }

    @Test
    void anInvalidTargetingNamesTheRuleFieldItsProblemIsIn() {
        TestServer.Reply reply = ws.post("/api/v1/messages", Map.of("name", "x", "type", "banner",
                "content", Map.of("title", "t"), "targeting", Map.of("groups", List.of(
                        Map.of("rules", List.of(event("signed_in", "has_done"))),
                        Map.of("rules", List.of(Map.of("type", "contact", "field", "nickname", "operator", "equals", "value", "x")))))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("targeting.groups[1].rules[0].field");
    }

    @Test
    void listingReturnsNewestFirstAndFiltersByStatus() {
        String first = ws.message(Map.of("name", "first"));
        String second = ws.message(Map.of("name", "second"));
        ws.post("/api/v1/messages/" + first + "/publish", "");

        assertThat(ids(ws.get("/api/v1/messages"))).containsExactly(second, first);
        assertThat(ids(ws.get("/api/v1/messages?status=published"))).containsExactly(first);
        assertThat(ids(ws.get("/api/v1/messages?status=draft"))).containsExactly(second);
        assertThat(ws.get("/api/v1/messages?status=live").status()).isEqualTo(400);
    }

    @Test
    void getReturnsTheMessageAndAnUnknownIdIs404() {
        String id = ws.message(Map.of("name", "hello", "priority", 7));

        TestServer.Reply found = ws.get("/api/v1/messages/" + id);
        TestServer.Reply missing = ws.get("/api/v1/messages/01NOSUCHMESSAGE00000000000");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("message").path("name").asText()).isEqualTo("hello");
        assertThat(found.json().path("message").path("priority").asInt()).isEqualTo(7);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
    }

    @Test
    void anotherWorkspaceCannotSeeOrChangeTheMessage() {
        String id = ws.message(Map.of("name", "private"));
        Workspace other = Workspace.fresh(server);

        assertThat(other.get("/api/v1/messages/" + id).status()).isEqualTo(404);
        assertThat(server.patch(other.key, "/api/v1/messages/" + id, "{\"name\":\"mine\"}").status()).isEqualTo(404);
        assertThat(other.post("/api/v1/messages/" + id + "/publish", "").status()).isEqualTo(404);
        assertThat(server.delete(other.key, "/api/v1/messages/" + id).status()).isEqualTo(404);
        assertThat(ids(other.get("/api/v1/messages"))).isEmpty();
        assertThat(ws.get("/api/v1/messages/" + id).json().path("message").path("name").asText()).isEqualTo("private");
    }

    @Test
    void patchMergesTheGivenFieldsIntoTheStoredMessage() {
        String id = ws.message(Map.of("name", "old", "frequency", "every_time", "priority", 3,
                "content", Map.of("title", "Keep me", "position", "top"),
                "targeting", allOf(event("signed_in", "has_done"))));

        TestServer.Reply reply = server.patch(ws.key, "/api/v1/messages/" + id, "{\"name\": \"new\", \"priority\": 9}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode stored = ws.get("/api/v1/messages/" + id).json().path("message");
        assertThat(stored.path("name").asText()).isEqualTo("new");
        assertThat(stored.path("priority").asInt()).isEqualTo(9);
        assertThat(stored.path("frequency").asText()).isEqualTo("every_time");
        assertThat(stored.path("content").path("title").asText()).isEqualTo("Keep me");
        assertThat(stored.path("targeting").path("groups").get(0).path("rules").get(0).path("eventKey").asText()).isEqualTo("signed_in");
        assertThat(stored.path("status").asText()).isEqualTo("draft");
    }

    @Test
    void patchValidatesTheMergedMessageAsAWholeAndChangesNothingWhenInvalid() {
        String id = ws.message(Map.of("name", "banner", "content", Map.of("title", "t", "position", "top"),
                "startDate", "2026-12-10"));

        TestServer.Reply toModal = server.patch(ws.key, "/api/v1/messages/" + id, "{\"type\": \"modal\"}");
        TestServer.Reply endBefore = server.patch(ws.key, "/api/v1/messages/" + id, "{\"endDate\": \"2026-12-01\"}");
        TestServer.Reply badRule = server.patch(ws.key, "/api/v1/messages/" + id,
                "{\"targeting\": {\"groups\": [{\"rules\": [{\"type\": \"page\", \"field\": \"url\", \"operator\": \"near\", \"value\": \"/\"}]}]}}");
        TestServer.Reply unknown = server.patch(ws.key, "/api/v1/messages/" + id, "{\"status\": \"published\"}");

        assertThat(toModal.status()).isEqualTo(400);
        assertThat(fields(toModal)).containsExactly("content.position");
        assertThat(endBefore.status()).isEqualTo(400);
        assertThat(fields(endBefore)).containsExactly("endDate");
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(fields(badRule)).containsExactly("targeting.groups[0].rules[0].operator");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("status");
        JsonNode stored = ws.get("/api/v1/messages/" + id).json().path("message");
        assertThat(stored.path("type").asText()).isEqualTo("banner");
        assertThat(stored.path("endDate").isNull()).isTrue();
        assertThat(stored.path("status").asText()).isEqualTo("draft");
    }

    @Test
    void patchingAnUnknownMessageIs404() {
        TestServer.Reply reply = server.patch(ws.key, "/api/v1/messages/01NOSUCHMESSAGE00000000000", "{\"name\": \"x\"}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }

    @Test
    void deleteRemovesTheMessageAndASecondDeleteIs404() {
        String id = ws.message(Map.of("name", "doomed"));

        TestServer.Reply first = server.delete(ws.key, "/api/v1/messages/" + id);
        TestServer.Reply second = server.delete(ws.key, "/api/v1/messages/" + id);

        assertThat(first.status()).isEqualTo(200);
        assertThat(ws.get("/api/v1/messages/" + id).status()).isEqualTo(404);
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.errorCode()).isEqualTo("not_found");
    }

    @Test
    void publishThenArchiveMovesTheStatusAndAnArchivedMessageCannotBeRepublished() {
        String id = ws.message(Map.of("name", "lifecycle"));

        TestServer.Reply published = ws.post("/api/v1/messages/" + id + "/publish", "");
        TestServer.Reply archived = ws.post("/api/v1/messages/" + id + "/archive", "");
        TestServer.Reply again = ws.post("/api/v1/messages/" + id + "/publish", "");

        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().path("message").path("status").asText()).isEqualTo("published");
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().path("message").path("status").asText()).isEqualTo("archived");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("conflict");
        assertThat(ws.get("/api/v1/messages/" + id).json().path("message").path("status").asText()).isEqualTo("archived");
    }

    @Test
    void publishingOrArchivingAnUnknownMessageIs404() {
        assertThat(ws.post("/api/v1/messages/01NOSUCHMESSAGE00000000000/publish", "").status()).isEqualTo(404);
        assertThat(ws.post("/api/v1/messages/01NOSUCHMESSAGE00000000000/archive", "").status()).isEqualTo(404);
        assertThat(ws.get("/api/v1/messages/01NOSUCHMESSAGE00000000000/stats").status()).isEqualTo(404);
    }

    @Test
    void messagesNeedASecretKey() {
        assertThat(server.get(null, "/api/v1/messages").status()).isEqualTo(401);
        assertThat(server.post("sk_nope", "/api/v1/messages", "{}").status()).isEqualTo(401);
    }

    private static List<String> ids(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("messages").forEach(message -> ids.add(message.path("id").asText()));
        return ids;
    }
}
