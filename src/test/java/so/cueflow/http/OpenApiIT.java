package so.cueflow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /openapi.json held to the code: every API route of the router is described and every described
 * route exists; every example fits its schema; and every operation, sent with its examples to the
 * real server, answers the documented success status with a body that fits the documented schema.
 */
class OpenApiIT {
    /** Operations run in this order against one server: setup first, deletions last. */
    private static final List<String> RUN_ORDER = List.of("health", "metrics", "openApi", "embedScript",
            "upsertContact", "listContacts", "getContact", "patchContact", "createAttribute", "listAttributes", "getAttribute",
            "renameAttribute", "trackEvent", "trackBatch", "timeline", "activity",
            "eventTypes", "createMessage", "listMessages", "getMessage", "patchMessage", "publishMessage", "eligibleMessages",
            "recordInteraction", "messageStats", "audiencePreview", "embedPreflight", "embedIdentify", "embedEvents",
            "embedMessages", "embedInteraction", "segmentPage", "segmentIdentify", "segmentTrack", "segmentScreen", "segmentGroup",
            "segmentAlias", "segmentBatch", "segmentImport", "segmentTrackShort", "segmentIdentifyShort", "segmentPageShort",
            "segmentScreenShort", "segmentGroupShort", "segmentAliasShort", "segmentBatchShort", "archiveMessage", "deleteMessage", "deleteAttribute", "eraseContact");
    private static final String EXAMPLE_MESSAGE_ID = "01M8DY70KP5TWRT35JT280MZY2";
    private static final String ORIGIN = "https://app.example.com";

    private static TestServer server;
    private static JsonNode document;
    private static SchemaCheck schemas;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        TestServer.Reply reply = server.get(null, "/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
        schemas = new SchemaCheck(document);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyApiRouteOfTheRouterIsDescribedAndEveryDescribedRouteExists() {
        Set<String> routed = new TreeSet<>();
        for (Route route : server.routes()) {
            if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) continue;
            String path = route.isExactPath() ? route.getPath() : route.getPath() + "*";
            if (!isApi(path)) continue;
            for (HttpMethod method : route.methods()) {
                if (method != HttpMethod.HEAD) routed.add(method.name() + " " + path.replaceAll(":[A-Za-z]+", "{}"));
            }
        }
        Set<String> described = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (method.startsWith("x-") || method.equals("parameters")) return;
            String mounted = path.getValue().path("x-cueflow-route").asText(path.getKey());
            described.add(method.toUpperCase() + " " + mounted.replaceAll("\\{[A-Za-z]+}", "{}"));
        }));
        assertThat(routed).as("routes without a description in openapi.json").isSubsetOf(described);
        assertThat(described).as("described routes the router does not have").isSubsetOf(routed);
        assertThat(routed).contains("POST /api/v1/events", "GET /health", "GET /embed.js", "GET /openapi.json");
    }

    @Test
    void everyExampleFitsItsSchema() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Operation operation : operations()) {
            JsonNode body = operation.node().path("requestBody").path("content").path("application/json");
            if (body.has("example")) {
                problems.addAll(schemas.check(body.get("schema"), body.get("example"), operation.id() + " request"));
                checked++;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.node().path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode json = schemas.resolve(response.getValue()).path("content").path("application/json");
                if (json.has("example")) {
                    problems.addAll(schemas.check(json.get("schema"), json.get("example"), operation.id() + " " + response.getKey()));
                    checked++;
                }
            }
            for (JsonNode parameter : operation.node().path("parameters")) {
                if (parameter.has("example")) {
                    problems.addAll(schemas.check(parameter.get("schema"), parameter.get("example"), operation.id() + " " + parameter.get("name").asText()));
                    checked++;
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    /** The schema check itself: a time given as epoch milliseconds in a string must not pass as date-time. */
    @Test
    void aTimeThatIsNotIso8601DoesNotFitTheSchema() {
        JsonNode contact = document.at("/paths/~1api~1v1~1contacts~1{externalId}/get/responses/200/content/application~1json/example/contact");
        JsonNode schema = document.at("/components/schemas/Contact");
        assertThat(schemas.check(schema, contact, "example")).isEmpty();
        ObjectNode epoch = contact.deepCopy();
        epoch.put("createdAt", "1795764228021");
        assertThat(schemas.check(schema, epoch, "epoch")).hasSize(1).first().asString().contains("createdAt");
    }

    @Test
    void everyOperationSentWithItsExamplesGetsTheDocumentedAnswer() {
        Map<String, Operation> byId = new java.util.HashMap<>();
        operations().forEach(operation -> byId.put(operation.id(), operation));
        assertThat(new TreeSet<>(RUN_ORDER)).as("every operation is run").isEqualTo(new TreeSet<>(byId.keySet()));
        Keys keys = keys();
        String messageId = null;
        List<String> problems = new ArrayList<>();
        for (String id : RUN_ORDER) {
            Operation operation = byId.get(id);
            String path = operation.path().replace("{externalId}", "user-123").replace("{endpoint}", "events")
                    .replace("{key}", "seats")
                    .replace("{id}", messageId == null ? "none" : messageId);
            TestServer.Reply reply = send(operation, path + query(operation), keys, messageId);
            String expected = successStatus(operation);
            if (!String.valueOf(reply.status()).equals(expected)) {
                problems.add(id + ": " + reply.status() + " instead of " + expected + ": " + reply.body());
                continue;
            }
            if (id.equals("createMessage")) messageId = reply.json().path("message").path("id").asText();
            JsonNode schema = schemas.resolve(operation.node().path("responses").path(expected)).path("content").path("application/json").path("schema");
            if (!schema.isMissingNode()) problems.addAll(schemas.check(schema, reply.json(), id + " answer"));
        }
        assertThat(problems).isEmpty();
    }

    /** The examples name a message by the id in {@link #EXAMPLE_MESSAGE_ID}: the one created here stands in for it. */
    private static TestServer.Reply send(Operation operation, String path, Keys keys, String messageId) {
        JsonNode security = operation.node().path("security");
        String key = security.toString().contains("publishableKey") ? keys.publishable()
                : security.toString().contains("secretKey") ? keys.secret() : null;
        JsonNode example = operation.node().path("requestBody").path("content").path("application/json").path("example");
        if (operation.method().equals("options")) {
            return server.sendWithHeaders("OPTIONS", path, Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "POST"));
        }
        String body = example.isMissingNode() ? null : example.toString().replace(EXAMPLE_MESSAGE_ID, String.valueOf(messageId));
        return server.send(key, operation.method().toUpperCase(), path, body, body == null ? null : "application/json");
    }

    /** Query parameters with an example are sent with it; the embed user is the one the examples create. */
    private static String query(Operation operation) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.node().path("parameters")) {
            if (!parameter.path("in").asText().equals("query") || !parameter.has("example")) continue;
            query.append(query.length() == 0 ? '?' : '&').append(parameter.get("name").asText()).append('=')
                    .append(URLEncoder.encode(parameter.get("example").asText(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String successStatus(Operation operation) {
        String first = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.node().path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            if (!response.getKey().startsWith("2")) continue;
            if (response.getValue().path("content").path("application/json").has("example")) return response.getKey();
            if (first == null) first = response.getKey();
        }
        return first;
    }

    private static Keys keys() {
        long now = System.currentTimeMillis();
        var workspace = new WorkspaceStore(server.database()).findOrCreate("openapi", now);
        KeyStore store = new KeyStore(server.database());
        new EmbedSettingsStore(server.database()).update(workspace.id(),
                current -> current.with(List.of(ORIGIN), EmbedSettings.Verification.OFF, now));
        return new Keys(store.create(workspace, ApiKey.Kind.SECRET, "openapi", now).plaintext(),
                store.create(workspace, ApiKey.Kind.PUBLISHABLE, "openapi", now).plaintext());
    }

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (method.getKey().startsWith("x-") || method.getKey().equals("parameters")) return;
            JsonNode id = method.getValue().get("operationId");
            assertThat(id).as(method.getKey() + " " + path.getKey() + " has an operationId").isNotNull();
            operations.add(new Operation(id.asText(), method.getKey(), path.getKey(), (ObjectNode) method.getValue()));
        }));
        return operations;
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/v1/")
                || Set.of("/health", "/metrics", "/embed.js", "/openapi.json").contains(path);
    }

    private record Operation(String id, String method, String path, ObjectNode node) {
    }

    private record Keys(String secret, String publishable) {
    }
}
