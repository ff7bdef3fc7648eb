package so.cueflow.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ContactsApiIT {
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        key = server.newKey("contacts");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void upsertCreatesWith201ThenUpdatesWith200() {
        TestServer.Reply created = server.post(key, "/api/v1/contacts",
                "{\"externalId\":\"c-1\",\"email\":\"one@example.com\",\"name\":\"One\",\"plan\":\"free\",\"signedUpAt\":\"2026-01-02T03:04:05Z\"}");
        TestServer.Reply updated = server.post(key, "/api/v1/contacts", "{\"externalId\":\"c-1\",\"plan\":\"pro\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        JsonNode contact = server.get(key, "/api/v1/contacts/c-1").json().path("contact");
        assertThat(contact.path("id").asText()).isEqualTo(created.json().path("contact").path("id").asText());
        assertThat(contact.path("name").asText()).isEqualTo("One");
        assertThat(contact.path("plan").asText()).isEqualTo("pro");
        assertThat(contact.path("signedUpAt").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
    }

    @Test
    void anEmailAloneServesAsTheExternalId() {
        TestServer.Reply reply = server.post(key, "/api/v1/contacts", "{\"email\":\"solo@example.com\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("contact").path("externalId").asText()).isEqualTo("solo@example.com");
    }

    @Test
    void patchMergesCustomAttributesAndNullRemovesThem() {
        server.post(key, "/api/v1/contacts", "{\"externalId\":\"c-2\",\"name\":\"Two\",\"customAttributes\":{\"team\":\"red\",\"seats\":3}}");

        TestServer.Reply patched = server.patch(key, "/api/v1/contacts/c-2", "{\"name\":null,\"customAttributes\":{\"seats\":null,\"beta\":true}}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode contact = server.get(key, "/api/v1/contacts/c-2").json().path("contact");
        assertThat(contact.path("name").isNull()).isTrue();
        assertThat(contact.path("customAttributes").toString()).isEqualTo("{\"team\":\"red\",\"beta\":true}");
        assertThat(server.patch(key, "/api/v1/contacts/nobody", "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(server.patch(key, "/api/v1/contacts/c-2", "{\"externalId\":\"other\"}").status()).isEqualTo(400);
    }

    @Test
    void invalidContactsAreRejectedWithEveryProblem() {
        TestServer.Reply reply = server.post(key, "/api/v1/contacts",
                "{\"externalId\":\"\",\"email\":\"not-an-email\",\"avatarUrl\":\"ftp://x\",\"signedUpAt\":\"soon\","
                        + "\"customAttributes\":{\"nested\":{\"a\":1}},\"plann\":\"x\"}");

        assertThat(reply.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        reply.json().path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("externalId", "email", "avatarUrl", "signedUpAt",
                "customAttributes.nested", "plann");
        assertThat(server.post(key, "/api/v1/contacts", "{\"name\":\"nobody\"}").status()).isEqualTo(400);
    }

    @Test
    void deleteByEmailErasesTheContactWithItsEventsAndActivity() {
        server.post(key, "/api/v1/contacts", "{\"externalId\":\"c-3\",\"email\":\"three@example.com\"}");
        server.post(key, "/api/v1/events", "{\"externalId\":\"c-3\",\"eventKey\":\"erased_thing\"}");

        assertThat(server.delete(key, "/api/v1/contacts/three@example.com").status()).isEqualTo(200);

        assertThat(server.get(key, "/api/v1/contacts/c-3").status()).isEqualTo(404);
        assertThat(server.post(key, "/api/v1/events", "{\"externalId\":\"c-3\",\"eventKey\":\"erased_thing\"}").status()).isEqualTo(404);
        assertThat(server.get(key, "/api/v1/event-types").body()).doesNotContain("erased_thing");
        Integer rows = server.database().read(connection -> {
            try (var statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT (SELECT COUNT(*) FROM events WHERE event_key = 'erased_thing')"
                         + " + (SELECT COUNT(*) FROM activity WHERE event_key = 'erased_thing')")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(rows).isZero();
        assertThat(server.delete(key, "/api/v1/contacts/c-3").status()).isEqualTo(404);
    }

    @Test
    void theListPagesNewestFirstWithACursor() {
        String otherKey = server.newKey("listing");
        for (int i = 1; i <= 5; i++) server.post(otherKey, "/api/v1/contacts", "{\"externalId\":\"l-" + i + "\"}");

        JsonNode first = server.get(otherKey, "/api/v1/contacts?limit=2").json();
        JsonNode second = server.get(otherKey, "/api/v1/contacts?limit=2&cursor=" + first.path("nextCursor").asText()).json();
        JsonNode third = server.get(otherKey, "/api/v1/contacts?limit=2&cursor=" + second.path("nextCursor").asText()).json();

        assertThat(first.path("contacts").get(0).path("externalId").asText()).isEqualTo("l-5");
        assertThat(second.path("contacts").get(1).path("externalId").asText()).isEqualTo("l-2");
        assertThat(third.path("contacts")).hasSize(1);
        assertThat(third.path("nextCursor").isNull()).isTrue();
        assertThat(server.get(otherKey, "/api/v1/contacts?limit=0").status()).isEqualTo(400);
    }

    @Test
    void concurrentUpsertsOfOneExternalIdCreateOneContact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<TestServer.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            replies.add(pool.submit(() -> server.post(key, "/api/v1/contacts", "{\"externalId\":\"race\",\"customAttributes\":{\"a" + n + "\":" + n + "}}")));
        }
        int created = 0;
        for (Future<TestServer.Reply> reply : replies) {
            if (reply.get().status() == 201) created++;
            else assertThat(reply.get().status()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(created).isEqualTo(1);
        assertThat(server.get(key, "/api/v1/contacts/race").json().path("contact").path("customAttributes").size()).isEqualTo(16);
    }
}
