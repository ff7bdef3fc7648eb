package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import so.cueflow.TestServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Posts Segment-spec calls as the SDKs do (HTTP Basic, key as user name) and reads results through Cueflow's API. */
final class SegmentClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TestServer server;
    final String key;

    SegmentClient(TestServer server, String key) {
        this.server = server;
        this.key = key;
    }

    TestServer.Reply post(String path, String json) {
        return send(path, json, "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)),
                "application/json");
    }

    TestServer.Reply send(String path, String json, String authorization, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) request.header("Authorization", authorization);
        if (contentType != null) request.header("Content-Type", contentType);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestServer.Reply(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode contact(String externalId) {
        return server.get(key, "/api/v1/contacts/" + encode(externalId)).json().path("contact");
    }

    int contactStatus(String externalId) {
        return server.get(key, "/api/v1/contacts/" + encode(externalId)).status();
    }

    JsonNode activity(String externalId) {
        return server.get(key, "/api/v1/contacts/" + encode(externalId) + "/activity").json().path("activity");
    }

    long count(String externalId, String eventKey) {
        for (JsonNode row : activity(externalId)) {
            if (row.path("eventKey").asText().equals(eventKey)) return row.path("count").asLong();
        }
        return 0;
    }

    List<JsonNode> timeline(String externalId) {
        List<JsonNode> events = new ArrayList<>();
        server.get(key, "/api/v1/contacts/" + encode(externalId) + "/events?limit=500").json().path("events").forEach(events::add);
        return events;
    }

    JsonNode eventType(String eventKey) {
        for (JsonNode type : server.get(key, "/api/v1/event-types").json().path("eventTypes")) {
            if (type.path("eventKey").asText().equals(eventKey)) return type;
        }
        return null;
    }

    static String encode(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static List<String> fields(TestServer.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
        return fields;
    }
}
