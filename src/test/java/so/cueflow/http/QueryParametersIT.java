package so.cueflow.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule for query parameters: unknown, repeated or unreadable is a 400 naming the parameter. */
class QueryParametersIT {
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        key = server.newKey("query");
        assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\": \"user-123\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void explainTakesTrueOrFalseAndNothingElse() {
        assertThat(server.get(key, "/api/v1/contacts/user-123/messages?explain=true").json().has("explain")).isTrue();
        assertThat(server.get(key, "/api/v1/contacts/user-123/messages?explain=false").json().has("explain")).isFalse();
        for (String spelling : new String[]{"1", "yes", "TRUE", ""}) {
            refusedNaming("/api/v1/contacts/user-123/messages?explain=" + spelling, "explain");
        }
    }

    @Test
    void anUnknownParameterIsRefusedNamingIt() {
        refusedNaming("/api/v1/contacts?limt=5", "limt");
        refusedNaming("/api/v1/contacts/user-123?expand=events", "expand");
        refusedNaming("/api/v1/contacts/user-123/activity?since=2026-01-01", "since");
        refusedNaming("/api/v1/contacts/user-123/events?key=page_viewed", "key");
        refusedNaming("/api/v1/event-types?limit=5", "limit");
        refusedNaming("/api/v1/messages?state=draft", "state");
    }

    @Test
    void aMalformedOrRepeatedValueIsRefusedNamingIt() {
        refusedNaming("/api/v1/messages?status=live", "status");
        refusedNaming("/api/v1/contacts?limit=ten", "limit");
        refusedNaming("/api/v1/contacts?limit=5&limit=6", "limit");
        refusedNaming("/api/v1/contacts/user-123/events?cursor=not-a-cursor", "cursor");
    }

    @Test
    void aWriteTakesNoQueryParameters() {
        TestServer.Reply reply = server.post(key, "/api/v1/events?async=true",
                "{\"externalId\": \"user-123\", \"eventKey\": \"report_exported\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("details").get(0).path("field").asText()).isEqualTo("async");
        assertThat(server.get(key, "/api/v1/contacts/user-123/activity").json().path("activity")).isEmpty();
    }

    private static void refusedNaming(String path, String parameter) {
        TestServer.Reply reply = server.get(key, path);
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_request");
        assertThat(reply.json().path("error").path("details").get(0).path("field").asText()).as(path).isEqualTo(parameter);
    }
}
