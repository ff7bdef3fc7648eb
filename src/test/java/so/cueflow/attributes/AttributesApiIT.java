package so.cueflow.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/attributes: declare, rename, usage, delete (with the values), and typed contact writes. */
class AttributesApiIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void declaredAttributesAreListedWithUsageRenamedAndDeletedWithTheirValues() {
        String key = server.newKey("attrs");
        var created = server.post(key, "/api/v1/attributes", "{\"key\":\"seats\",\"name\":\"Seats\",\"type\":\"number\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("attribute").path("type").asText()).isEqualTo("number");
        assertThat(server.post(key, "/api/v1/attributes", "{\"key\":\"seats\",\"type\":\"text\"}").status()).isEqualTo(409);

        server.post(key, "/api/v1/contacts", "{\"externalId\":\"u1\",\"customAttributes\":{\"seats\":5,\"team\":\"a\"}}");
        server.post(key, "/api/v1/contacts", "{\"externalId\":\"u2\",\"customAttributes\":{\"seats\":7}}");
        server.post(key, "/api/v1/contacts", "{\"externalId\":\"u3\",\"customAttributes\":{\"team\":\"b\"}}");
        JsonNode listed = server.get(key, "/api/v1/attributes").json().path("attributes").get(0);
        assertThat(listed.path("key").asText()).isEqualTo("seats");
        assertThat(listed.path("contacts").asLong()).isEqualTo(2);

        var renamed = server.patch(key, "/api/v1/attributes/seats", "{\"name\":\"Paid seats\"}");
        assertThat(renamed.json().path("attribute").path("name").asText()).isEqualTo("Paid seats");
        var retyped = server.patch(key, "/api/v1/attributes/seats", "{\"name\":\"x\",\"type\":\"text\"}");
        assertThat(retyped.status()).isEqualTo(400);
        assertThat(retyped.body()).contains("\"field\":\"type\"").contains("cannot be changed");

        var deleted = server.delete(key, "/api/v1/attributes/seats");
        assertThat(deleted.json().path("deleted").path("valuesRemoved").asLong()).isEqualTo(2);
        JsonNode u1 = server.get(key, "/api/v1/contacts/u1").json().path("contact").path("customAttributes");
        assertThat(u1.has("seats")).isFalse();
        assertThat(u1.path("team").asText()).as("other attributes stay").isEqualTo("a");
        assertThat(server.get(key, "/api/v1/attributes/seats").status()).isEqualTo(404);
        assertThat(server.delete(key, "/api/v1/attributes/seats").status()).isEqualTo(404);
    }

    @Test
    void contactWritesMustMatchTheDeclaredTypeAndTheErrorNamesTheAttribute() {
        String key = server.newKey("typed");
        server.post(key, "/api/v1/attributes", "{\"key\":\"paid\",\"type\":\"boolean\"}");
        var wrong = server.post(key, "/api/v1/contacts", "{\"externalId\":\"t1\",\"customAttributes\":{\"paid\":\"yes\"}}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("\"field\":\"customAttributes.paid\"").contains("boolean");
        assertThat(server.get(key, "/api/v1/contacts/t1").status()).as("nothing was stored").isEqualTo(404);

        assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"t1\",\"customAttributes\":{\"paid\":true}}").status()).isEqualTo(201);
        var patched = server.patch(key, "/api/v1/contacts/t1", "{\"customAttributes\":{\"paid\":1}}");
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.body()).contains("customAttributes.paid");
        assertThat(server.patch(key, "/api/v1/contacts/t1", "{\"customAttributes\":{\"paid\":null,\"free\":\"x\"}}").status()).isEqualTo(200);
    }

    @Test
    void badDeclarationsGetA400NamingTheFieldAndOtherWorkspacesSeeNothing() {
        String key = server.newKey("bad-decl");
        var bad = server.post(key, "/api/v1/attributes", "{\"key\":\"1-bad\",\"type\":\"date\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"key\"").contains("\"field\":\"type\"");
        assertThat(server.post(key, "/api/v1/attributes", "{\"type\":\"text\"}").body()).contains("\"field\":\"key\"");
        assertThat(server.post(key, "/api/v1/attributes", "{\"key\":\"k\",\"type\":\"text\",\"extra\":1}").status()).isEqualTo(400);
        assertThat(server.get(key, "/api/v1/attributes/bad%20key").status()).isEqualTo(400);

        server.post(key, "/api/v1/attributes", "{\"key\":\"mine\",\"type\":\"text\"}");
        String other = server.newKey("bad-decl-other");
        assertThat(server.get(other, "/api/v1/attributes/mine").status()).isEqualTo(404);
        assertThat(server.get(other, "/api/v1/attributes").json().path("attributes")).isEmpty();
        assertThat(server.post(other, "/api/v1/contacts", "{\"externalId\":\"o\",\"customAttributes\":{\"mine\":3}}").status())
                .as("a declaration binds only its own workspace").isEqualTo(201);
    }
}
