package so.cueflow.embed;

import com.fasterxml.jackson.databind.JsonNode;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A workspace set up for the embed script: a secret and a publishable key, settings, and helpers to call both APIs. */
final class EmbedWorkspace {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TestServer server;
    final Workspace workspace;
    final String secretKey;
    final String publishableKey;
    private String identitySecret;

    private EmbedWorkspace(TestServer server, Workspace workspace, String secretKey, String publishableKey) {
        this.server = server;
        this.workspace = workspace;
        this.secretKey = secretKey;
        this.publishableKey = publishableKey;
    }

    /** A new workspace allowing {@code origins}, identity verification off. */
    static EmbedWorkspace create(TestServer server, String... origins) {
        long now = System.currentTimeMillis();
        Workspace workspace = new WorkspaceStore(server.database()).findOrCreate("embed-" + NAMES.incrementAndGet(), now);
        KeyStore keys = new KeyStore(server.database());
        EmbedWorkspace created = new EmbedWorkspace(server, workspace,
                keys.create(workspace, ApiKey.Kind.SECRET, "backend", now).plaintext(),
                keys.create(workspace, ApiKey.Kind.PUBLISHABLE, "browser", now).plaintext());
        created.settings(List.of(origins), EmbedSettings.Verification.OFF);
        return created;
    }

    EmbedWorkspace settings(List<String> origins, EmbedSettings.Verification verification) {
        new EmbedSettingsStore(server.database()).update(workspace.id(),
                current -> current.with(origins, verification, System.currentTimeMillis()));
        return this;
    }

    /** Turns verification on with a new secret. */
    EmbedWorkspace requireIdentity() {
        identitySecret = new EmbedSettingsStore(server.database()).rotateSecret(workspace.id(), System.currentTimeMillis());
        EmbedSettings current = new EmbedSettingsStore(server.database()).of(workspace.id());
        return settings(current.allowedOrigins(), EmbedSettings.Verification.REQUIRED);
    }

    /** Servers see settings changes within a second (they cache them); tests wait that second out. */
    static void awaitSettings() throws InterruptedException {
        Thread.sleep(1_100);
    }

    String hash(String userId) {
        return IdentityHashes.hash(identitySecret, userId);
    }

    /** Creates and publishes a message through the secret API; returns its id. */
    String publish(String type, String frequency, int priority, String contentJson, String targetingJson) {
        TestServer.Reply created = server.post(secretKey, "/api/v1/messages", "{\"name\":\"m\",\"type\":\"" + type
                + "\",\"frequency\":\"" + frequency + "\",\"priority\":" + priority + ",\"content\":" + contentJson
                + (targetingJson == null ? "" : ",\"targeting\":" + targetingJson) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("message").path("id").asText();
        assertThat(server.post(secretKey, "/api/v1/messages/" + id + "/publish", "{}").status()).isEqualTo(200);
        return id;
    }

    JsonNode stats(String messageId) {
        return server.get(secretKey, "/api/v1/messages/" + messageId + "/stats").json().path("stats");
    }

    List<String> eventKeys(String userId) {
        TestServer.Reply reply = server.get(secretKey, "/api/v1/contacts/" + userId + "/events?limit=500");
        List<String> keys = new ArrayList<>();
        reply.json().path("events").forEach(event -> keys.add(event.path("eventKey").asText()));
        return keys;
    }

    List<JsonNode> events(String userId, String eventKey) {
        TestServer.Reply reply = server.get(secretKey, "/api/v1/contacts/" + userId + "/events?limit=500&eventKey=" + eventKey);
        List<JsonNode> events = new ArrayList<>();
        reply.json().path("events").forEach(events::add);
        return events;
    }

    int contactStatus(String userId) {
        return server.get(secretKey, "/api/v1/contacts/" + userId).status();
    }

    /** The ids the secret API says the contact is eligible for on that page. */
    List<String> eligibleBySecretApi(String userId, String url) {
        List<String> ids = new ArrayList<>();
        server.get(secretKey, "/api/v1/contacts/" + userId + "/messages?url=" + url).json().path("messages")
                .forEach(message -> ids.add(message.path("id").asText()));
        return ids;
    }

    Reply embed(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return new Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** With the publishable key and JSON, from no browser (no Origin). */
    Reply post(String path, String json) {
        return embed("POST", path, json, Map.of("Authorization", "Bearer " + publishableKey, "Content-Type", "application/json"));
    }

    Reply get(String path) {
        return embed("GET", path, null, Map.of("Authorization", "Bearer " + publishableKey));
    }

    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return Json.parse(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
            return fields;
        }
    }
}
