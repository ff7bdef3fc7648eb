package so.cueflow.http;

import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.WorkspaceStore;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsAndMetricsIT {

    private static String keyWithLimit(TestServer server, Long perMinute) {
        long now = System.currentTimeMillis();
        var workspace = new WorkspaceStore(server.database()).findOrCreate("limits", now);
        return new KeyStore(server.database()).create(workspace, ApiKey.Kind.SECRET, "limited", perMinute, now).plaintext();
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterAndEveryResponseCarriesTheHeaders() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = keyWithLimit(server, 3L);
            server.post(key, "/api/v1/contacts", "{\"externalId\":\"rl-1\"}");
            TestServer.Reply second = server.get(key, "/api/v1/contacts/nobody");
            TestServer.Reply batch = server.post(key, "/api/v1/events/batch",
                    "{\"events\":[{\"externalId\":\"rl-1\",\"eventKey\":\"a\"},{\"externalId\":\"rl-1\",\"eventKey\":\"b\"}]}");
            TestServer.Reply refused = server.get(key, "/api/v1/contacts/rl-1");

            assertThat(second.status()).isEqualTo(404);
            assertThat(second.header("X-RateLimit-Limit")).isEqualTo("3");
            assertThat(second.header("X-RateLimit-Remaining")).isEqualTo("1");
            assertThat(Long.parseLong(second.header("X-RateLimit-Reset"))).isGreaterThan(System.currentTimeMillis() / 1000);
            assertThat(batch.status()).as("a batch counts as one request").isEqualTo(200);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(refused.header("Retry-After")).isEqualTo("20");
        }
    }

    @Test
    void theDeploymentDefaultAppliesToKeysWithoutTheirOwnLimitAndZeroIsUnlimited() throws Exception {
        try (TestServer server = TestServer.start(50_000, 2)) {
            String byDefault = server.newKey("defaults");
            String unlimited = keyWithLimit(server, 0L);

            assertThat(server.get(byDefault, "/api/v1/event-types").status()).isEqualTo(200);
            assertThat(server.get(byDefault, "/api/v1/event-types").status()).isEqualTo(200);
            assertThat(server.get(byDefault, "/api/v1/event-types").status()).isEqualTo(429);
            for (int i = 0; i < 5; i++) {
                TestServer.Reply reply = server.get(unlimited, "/api/v1/event-types");
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.header("X-RateLimit-Limit")).isNull();
            }
        }
    }

    @Test
    void aFullIngestQueueAnswers503WithRetryAfterAndStoresNothing() throws Exception {
        try (TestServer server = TestServer.start(1, 0)) {
            String key = server.newKey("queue");
            server.post(key, "/api/v1/contacts", "{\"externalId\":\"q-1\"}");

            TestServer.Reply reply = server.post(key, "/api/v1/events/batch",
                    "{\"events\":[{\"externalId\":\"q-1\",\"eventKey\":\"a\"},{\"externalId\":\"q-1\",\"eventKey\":\"b\"}]}");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
            assertThat(server.get(key, "/api/v1/contacts/q-1/activity").json().path("activity")).isEmpty();
            assertThat(server.post(key, "/api/v1/events", "{\"externalId\":\"q-1\",\"eventKey\":\"a\"}").status()).isEqualTo(201);
        }
    }

    @Test
    void metricsCountAcceptedRejectedAndDuplicateEventsAndTimeRoutes() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = server.newKey("metrics");
            server.post(key, "/api/v1/contacts", "{\"externalId\":\"m-1\"}");
            server.post(key, "/api/v1/events", "{\"externalId\":\"m-1\",\"eventKey\":\"a\",\"eventId\":\"m1\"}");
            server.post(key, "/api/v1/events", "{\"externalId\":\"m-1\",\"eventKey\":\"a\",\"eventId\":\"m1\"}");
            server.post(key, "/api/v1/events", "{\"externalId\":\"ghost\",\"eventKey\":\"a\"}");
            server.post(key, "/api/v1/events", "{\"externalId\":\"m-1\",\"eventKey\":\"Bad\"}");

            String metrics = server.get(null, "/metrics").body();

            assertThat(metrics).contains("cueflow_events_accepted_total 1.0")
                    .contains("cueflow_events_duplicates_total 1.0")
                    .contains("cueflow_events_rejected_total{reason=\"contact_not_found\"} 1.0")
                    .contains("cueflow_events_rejected_total{reason=\"invalid_request\"} 1.0")
                    .contains("cueflow_ingest_queue_depth")
                    .contains("cueflow_ingest_commit_seconds")
                    .contains("cueflow_ingest_batch_size")
                    .containsPattern("cueflow_http_requests_seconds_count\\{method=\"POST\",route=\"/api/v1/events\",status=\"201\"} 1");
        }
    }
}
