package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.http.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Official Segment and RudderStack SDKs, unmodified, pointed at Cueflow by their documented host
 * option; each sends anonymous calls, an identify that joins them, a track and a page, flushed as
 * batches, and the result is read through Cueflow's own API.
 */
class SegmentSdkIT {
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
    void segmentsNodeSdkLandsMergedAndItsRetryAfterA503IsStoredOnce() throws Exception {
        NpmPackages.require("@segment/analytics-node");
        SegmentClient segment = new SegmentClient(server, server.newKey("sdk-segment-node"));

        JsonNode output = node("analytics-node.js", segment.key);

        assertThat(output.path("errors").size()).as(output.toString()).isZero();
        JsonNode statuses = output.path("statuses");
        assertThat(statuses.get(0).path("sdkSaw").asInt()).as("the first answer the SDK saw").isEqualTo(503);
        assertThat(statuses.get(0).path("cueflow").asInt()).as("though Cueflow had stored it").isEqualTo(200);
        assertThat(statuses.size()).as("the SDK retried").isGreaterThan(1);
        assertMerged(segment, "node-user", "node-anon", "node@example.com", "Node User", "pro");
        assertThat(segment.timeline("node-user")).as("4 calls, 3 of them events, each once despite the retry").hasSize(3);
        JsonNode order = segment.timeline("node-user").stream()
                .filter(event -> event.path("eventKey").asText().equals("order_completed")).findFirst().orElseThrow();
        assertThat(order.path("properties").toString()).isEqualTo(
                "{\"revenue\":42.5,\"currency\":\"EUR\",\"products\":\"[{\\\"sku\\\":\\\"a-1\\\"}]\",\"shipping_method\":\"express\"}");
        assertThat(segment.contact("node-user").path("customAttributes").path("company_name").asText()).isEqualTo("Acme");
    }

    @Test
    void rudderStacksNodeSdkWithItsGzippedBatchesLandsMerged() throws Exception {
        NpmPackages.require("@rudderstack/rudder-sdk-node");
        SegmentClient segment = new SegmentClient(server, server.newKey("sdk-rudder-node"));

        JsonNode output = node("rudder-node.js", segment.key);

        assertThat(output.path("statuses").findValuesAsText("cueflow")).as(output.toString()).containsOnly("200");
        assertMerged(segment, "rudder-user", "rudder-anon", "rudder@example.com", "Rudder User", "team");
        assertThat(segment.timeline("rudder-user")).hasSize(3);
    }

    @Test
    void segmentsJavaLibraryLandsMerged() throws Exception {
        SegmentClient segment = new SegmentClient(server, server.newKey("sdk-segment-java"));
        Analytics analytics = Analytics.builder(segment.key).endpoint(server.baseUrl()).flushQueueSize(2)
                .flushInterval(1, TimeUnit.SECONDS).build();

        analytics.enqueue(TrackMessage.builder("Pricing Viewed").anonymousId("java-anon").properties(Map.of("plan", "pro")));
        analytics.enqueue(PageMessage.builder("Pricing").anonymousId("java-anon")
                .properties(Map.of("url", "https://app.example.com/pricing", "path", "/pricing")));
        analytics.enqueue(IdentifyMessage.builder().userId("java-user").anonymousId("java-anon")
                .traits(Map.of("email", "java@example.com", "name", "Java User", "plan", "pro")));
        analytics.enqueue(TrackMessage.builder("Order Completed").userId("java-user")
                .properties(Map.of("revenue", 7, "items", List.of("a", "b"))));
        analytics.flush();
        awaitEvents(segment, "java-user", 3);
        analytics.shutdown();

        assertMerged(segment, "java-user", "java-anon", "java@example.com", "Java User", "pro");
        assertThat(segment.timeline("java-user")).hasSize(3);
    }

    /** Checked through Cueflow's API: the contact, its activity, its timeline and the catalog. */
    private static void assertMerged(SegmentClient segment, String userId, String anonymousId, String email, String name,
                                     String plan) {
        JsonNode contact = segment.contact(userId);
        assertThat(contact.path("email").asText()).isEqualTo(email);
        assertThat(contact.path("name").asText()).isEqualTo(name);
        assertThat(contact.path("plan").asText()).isEqualTo(plan);
        assertThat(segment.contactStatus("anonymous:" + anonymousId)).as("merged away").isEqualTo(404);
        assertThat(segment.count(userId, "pricing_viewed")).isEqualTo(1);
        assertThat(segment.count(userId, "page_viewed")).isEqualTo(1);
        assertThat(segment.count(userId, "order_completed")).isEqualTo(1);
        assertThat(segment.timeline(userId)).extracting(event -> event.path("eventKey").asText())
                .containsExactlyInAnyOrder("pricing_viewed", "page_viewed", "order_completed");
        assertThat(segment.eventType("order_completed").path("displayName").asText()).isEqualTo("Order Completed");
        assertThat(segment.eventType("order_completed").path("contacts").asLong()).isEqualTo(1);
    }

    private static void awaitEvents(SegmentClient segment, String userId, int events) throws InterruptedException {
        for (int i = 0; i < 100 && !(segment.contactStatus(userId) == 200 && segment.timeline(userId).size() >= events); i++) {
            Thread.sleep(100);
        }
    }

    private static JsonNode node(String script, String key) throws Exception {
        Path program = Path.of("src/test/node/segment", script).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("node", program.toString()).redirectErrorStream(false);
        builder.environment().put("NODE_PATH", NpmPackages.modules().toString());
        builder.environment().put("CUEFLOW_URL", server.baseUrl());
        builder.environment().put("CUEFLOW_KEY", key);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("node finished within 90 s").isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stdout + stderr).isZero();
        return Json.parse(stdout.trim().lines().reduce((a, b) -> b).orElse("").getBytes(StandardCharsets.UTF_8));
    }
}
