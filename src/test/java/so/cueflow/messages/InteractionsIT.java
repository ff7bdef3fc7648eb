package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static so.cueflow.messages.Workspace.fields;

/** POST /api/v1/messages/{id}/interactions, GET .../stats, and erasure of interactions with their contact. */
class InteractionsIT {
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

    private void interact(String message, String contact, String kind, String button) {
        TestServer.Reply reply = ws.interact(message, contact, kind, button);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void statsCountUniqueViewsClicksByButtonDismissalsAndClickThroughRate() {
        String message = ws.published(Map.of("frequency", "every_time"));
        String ada = ws.contact("ada");
        String bob = ws.contact("bob");
        String cy = ws.contact("cy");
        interact(message, ada, "view", null);
        interact(message, ada, "view", null);
        interact(message, ada, "click", "primary");
        interact(message, bob, "view", null);
        interact(message, bob, "click", "secondary");
        interact(message, bob, "click", "primary");
        interact(message, cy, "view", null);
        interact(message, cy, "dismiss", null);

        TestServer.Reply reply = ws.get("/api/v1/messages/" + message + "/stats");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode stats = reply.json().path("stats");
        assertThat(stats.path("uniqueViews").asLong()).isEqualTo(3);
        assertThat(stats.path("views").asLong()).isEqualTo(4);
        assertThat(stats.path("clicks").asLong()).isEqualTo(3);
        assertThat(stats.path("clicksByButton").path("primary").asLong()).isEqualTo(2);
        assertThat(stats.path("clicksByButton").path("secondary").asLong()).isEqualTo(1);
        assertThat(stats.path("uniqueClicks").asLong()).isEqualTo(2);
        assertThat(stats.path("dismissals").asLong()).isEqualTo(1);
        assertThat(stats.path("ctr").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void aMessageNobodySawHasZeroStatsAndNoDivisionByZero() {
        String message = ws.published(Map.of());

        JsonNode stats = ws.get("/api/v1/messages/" + message + "/stats").json().path("stats");

        assertThat(stats.path("uniqueViews").asLong()).isZero();
        assertThat(stats.path("clicks").asLong()).isZero();
        assertThat(stats.path("ctr").asDouble()).isZero();
    }

    @Test
    void statsOfOneMessageIgnoreTheInteractionsOfAnother() {
        String first = ws.published(Map.of("name", "first"));
        String second = ws.published(Map.of("name", "second"));
        String ada = ws.contact("ada");
        interact(first, ada, "view", null);
        interact(second, ada, "view", null);
        interact(second, ada, "click", "primary");

        JsonNode stats = ws.get("/api/v1/messages/" + first + "/stats").json().path("stats");

        assertThat(stats.path("uniqueViews").asLong()).isEqualTo(1);
        assertThat(stats.path("clicks").asLong()).isZero();
    }

    @Test
    void aClickNeedsItsButtonAndOnlyAClickHasOne() {
        String message = ws.published(Map.of());
        String ada = ws.contact("ada");

        TestServer.Reply noButton = ws.interact(message, ada, "click", null);
        TestServer.Reply badButton = ws.interact(message, ada, "click", "tertiary");
        TestServer.Reply viewWithButton = ws.interact(message, ada, "view", "primary");

        assertThat(noButton.status()).isEqualTo(400);
        assertThat(fields(noButton)).containsExactly("button");
        assertThat(badButton.status()).isEqualTo(400);
        assertThat(fields(badButton)).containsExactly("button");
        assertThat(viewWithButton.status()).isEqualTo(400);
        assertThat(fields(viewWithButton)).containsExactly("button");
    }

    @Test
    void anUnknownKindOrFieldAndMissingFieldsAreRejected() {
        String message = ws.published(Map.of());
        String ada = ws.contact("ada");

        TestServer.Reply unknownKind = ws.interact(message, ada, "like", null);
        TestServer.Reply unknownField = ws.post("/api/v1/messages/" + message + "/interactions",
                Map.of("externalId", ada, "kind", "view", "at", "now"));
        TestServer.Reply empty = ws.post("/api/v1/messages/" + message + "/interactions", "{}");

        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(fields(unknownKind)).containsExactly("kind");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(fields(unknownField)).containsExactly("at");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(fields(empty)).containsExactlyInAnyOrder("externalId", "kind");
        assertThat(ws.get("/api/v1/messages/" + message + "/stats").json().path("stats").path("views").asLong()).isZero();
    }

    @Test
    void anUnknownContactIs404ContactNotFound() {
        String message = ws.published(Map.of());

        TestServer.Reply reply = ws.interact(message, "ghost", "view", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("contact_not_found");
    }

    @Test
    void anUnknownMessageIs404NotFound() {
        String ada = ws.contact("ada");

        TestServer.Reply reply = ws.interact("01NOSUCHMESSAGE00000000000", ada, "view", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aMessageOfAnotherWorkspaceCannotBeInteractedWith() {
        String message = ws.published(Map.of());
        Workspace other = Workspace.fresh(server);
        String ada = other.contact("ada");

        TestServer.Reply reply = other.interact(message, ada, "view", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(ws.get("/api/v1/messages/" + message + "/stats").json().path("stats").path("views").asLong()).isZero();
    }

    @Test
    void deletingAContactErasesItsMessageInteractionsAndNoOneElses() throws Exception {
        String message = ws.published(Map.of("frequency", "every_time"));
        String ada = ws.contact("ada");
        String bob = ws.contact("bob");
        String adaId = ws.get("/api/v1/contacts/ada").json().path("contact").path("id").asText();
        String bobId = ws.get("/api/v1/contacts/bob").json().path("contact").path("id").asText();
        interact(message, ada, "view", null);
        interact(message, ada, "click", "primary");
        interact(message, ada, "dismiss", null);
        interact(message, bob, "view", null);
        assertThat(interactionsOf(adaId)).isEqualTo(3);

        assertThat(server.delete(ws.key, "/api/v1/contacts/" + ada).status()).isEqualTo(200);

        assertThat(interactionsOf(adaId)).isZero();
        assertThat(interactionsOf(bobId)).isEqualTo(1);
        JsonNode stats = ws.get("/api/v1/messages/" + message + "/stats").json().path("stats");
        assertThat(stats.path("uniqueViews").asLong()).isEqualTo(1);
        assertThat(stats.path("clicks").asLong()).isZero();
        assertThat(stats.path("dismissals").asLong()).isZero();
    }

    @Test
    void deletingAMessageErasesItsInteractions() throws Exception {
        String message = ws.published(Map.of());
        String ada = ws.contact("ada");
        String adaId = ws.get("/api/v1/contacts/ada").json().path("contact").path("id").asText();
        interact(message, ada, "view", null);

        assertThat(server.delete(ws.key, "/api/v1/messages/" + message).status()).isEqualTo(200);

        assertThat(interactionsOf(adaId)).isZero();
    }

    private static long interactionsOf(String contactId) throws Exception {
        try (Connection connection = server.database().connection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM message_interactions WHERE contact_id = ?")) {
            select.setString(1, contactId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
