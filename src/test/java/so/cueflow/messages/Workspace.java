package so.cueflow.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import so.cueflow.TestServer;
import so.cueflow.http.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh workspace on a shared test server, so that each test sees only its own published messages,
 * with small builders for the calls the messages tests make over HTTP.
 */
final class Workspace {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    final TestServer server;
    final String key;
    private final String name;

    private Workspace(TestServer server, String name) {
        this.server = server;
        this.name = name;
        this.key = server.newKey(name);
    }

    static Workspace fresh(TestServer server) {
        return new Workspace(server, "messages-" + WORKSPACES.incrementAndGet());
    }

    String workspaceName() {
        return name;
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An instant as the API prints it: ISO-8601 UTC with milliseconds. */
    static String iso(Instant at) {
        return ISO.format(at);
    }

    TestServer.Reply post(String path, Object body) {
        return server.post(key, path, body instanceof String text ? text : json(body));
    }

    TestServer.Reply get(String path) {
        return server.get(key, path);
    }

    String contact(String externalId) {
        return contact(Map.of("externalId", externalId));
    }

    String contact(Map<String, Object> body) {
        TestServer.Reply reply = post("/api/v1/contacts", body);
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        return reply.json().path("contact").path("externalId").asText();
    }

    void track(String externalId, String eventKey) {
        track(externalId, eventKey, null, Map.of());
    }

    void track(String externalId, String eventKey, Instant at, Map<String, Object> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", externalId);
        body.put("eventKey", eventKey);
        body.put("properties", properties);
        if (at != null) body.put("timestamp", at.toString());
        TestServer.Reply reply = post("/api/v1/events", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    /** Creates a message (a banner titled after its name unless the body says otherwise) and returns its id. */
    String message(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "message");
        body.put("type", "banner");
        body.put("content", Map.of("title", "Hello"));
        body.putAll(fields);
        TestServer.Reply reply = post("/api/v1/messages", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("message").path("id").asText();
    }

    String published(Map<String, Object> fields) {
        String id = message(fields);
        TestServer.Reply reply = post("/api/v1/messages/" + id + "/publish", "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return id;
    }

    TestServer.Reply eligibility(String externalId, String url, boolean explain) {
        StringBuilder path = new StringBuilder("/api/v1/contacts/" + externalId + "/messages");
        String separator = "?";
        if (url != null) {
            path.append(separator).append("url=").append(URLEncoder.encode(url, StandardCharsets.UTF_8));
            separator = "&";
        }
        if (explain) path.append(separator).append("explain=true");
        return get(path.toString());
    }

    /** The ids of the messages the contact sees now, in the order returned. */
    List<String> sees(String externalId, String url) {
        TestServer.Reply reply = eligibility(externalId, url, false);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("messages").forEach(message -> ids.add(message.path("id").asText()));
        return ids;
    }

    List<String> sees(String externalId) {
        return sees(externalId, null);
    }

    /** The explain entry of one message for this contact. */
    JsonNode explain(String externalId, String url, String messageId) {
        TestServer.Reply reply = eligibility(externalId, url, true);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonNode verdict : reply.json().path("explain")) {
            if (verdict.path("message").path("id").asText().equals(messageId)) return verdict;
        }
        throw new AssertionError("no explain entry for " + messageId + " in " + reply.body());
    }

    TestServer.Reply interact(String messageId, String externalId, String kind, String button) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", externalId);
        body.put("kind", kind);
        if (button != null) body.put("button", button);
        return post("/api/v1/messages/" + messageId + "/interactions", body);
    }

    static List<String> fields(TestServer.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
        return fields;
    }

    /** {"groups": [{"rules": [rules...]}]}: one AND-group. */
    static Map<String, Object> allOf(Map<?, ?>... rules) {
        return Map.of("groups", List.of(Map.of("rules", List.of(rules))));
    }

    static Map<String, Object> event(String eventKey, String operator, Object... parameters) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "event");
        rule.put("eventKey", eventKey);
        rule.put("operator", operator);
        for (int i = 0; i < parameters.length; i += 2) rule.put((String) parameters[i], parameters[i + 1]);
        return rule;
    }
}
