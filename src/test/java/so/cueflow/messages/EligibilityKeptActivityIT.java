package so.cueflow.messages;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.messages.Workspace.allOf;
import static so.cueflow.messages.Workspace.event;

/**
 * Eligibility keeps each contact's activity between page views: every way a contact's history changes is seen by
 * the very next request — a new event under a windowed where rule, a merge of an anonymous history, the retention
 * purge, an erase and re-creation of the same externalId. Each check asks once before the change, so that the
 * contact's activity is kept when the change happens.
 */
class EligibilityKeptActivityIT {
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

    @Test
    void eachNewEventIsCountedByWindowedWhereRulesAtOnce() {
        String bigSpenders = ws.published(Map.of("frequency", "every_time", "targeting", allOf(event("purchase", "count_greater_than",
                "value", 1, "withinDays", 7, "where", List.of(Map.of("property", "amount", "operator", "greater_than", "value", 100))))));
        String buyer = ws.contact("buyer");
        ws.track(buyer, "purchase", null, Map.of("amount", 150));
        assertThat(ws.sees(buyer)).isEmpty();
        assertThat(ws.sees(buyer)).as("asked twice: now kept").isEmpty();
        ws.track(buyer, "purchase", null, Map.of("amount", 50));
        assertThat(ws.sees(buyer)).as("a small purchase does not count").isEmpty();
        ws.track(buyer, "purchase", Instant.now().minus(Duration.ofDays(8)), Map.of("amount", 300));
        assertThat(ws.sees(buyer)).as("a back-filled purchase outside the window does not count").isEmpty();
        ws.track(buyer, "purchase", null, Map.of("amount", 200));
        assertThat(ws.sees(buyer)).containsExactly(bigSpenders);
    }

    @Test
    void aMergedAnonymousHistoryCountsAtOnce() {
        String regular = ws.published(Map.of("frequency", "every_time", "targeting", allOf(event("viewed_item", "count_greater_than", "value", 2))));
        String user = ws.contact("merging-user");
        ws.track(user, "viewed_item");
        assertThat(ws.sees(user)).isEmpty();
        segment("/v1/track", "{\"anonymousId\": \"anon-1\", \"event\": \"Viewed Item\"}");
        segment("/v1/track", "{\"anonymousId\": \"anon-1\", \"event\": \"Viewed Item\"}");
        assertThat(ws.sees(user)).as("the anonymous views are not the user's yet").isEmpty();
        segment("/v1/identify", "{\"userId\": \"merging-user\", \"anonymousId\": \"anon-1\"}");
        assertThat(ws.sees(user)).containsExactly(regular);
    }

    @Test
    void theRetentionPurgeIsSeenByTheNextRequest() {
        String pricingVisitors = ws.published(Map.of("frequency", "every_time", "targeting", allOf(event("visit", "has_done",
                "where", List.of(Map.of("property", "page", "operator", "equals", "value", "/pricing"))))));
        String visitor = ws.contact("old-visitor");
        ws.track(visitor, "visit", Instant.now().minus(Duration.ofDays(40)), Map.of("page", "/pricing"));
        assertThat(ws.sees(visitor)).containsExactly(pricingVisitors);

        assertThat(new WorkspaceStore(server.database()).setEventRetentionDays(ws.workspaceName(), 30)).isTrue();
        assertThat(server.purgeExpiredEvents()).isEqualTo(1);

        assertThat(ws.sees(visitor)).as("the purged visit is no longer there to filter").isEmpty();
    }

    @Test
    void aContactErasedAndCreatedAgainStartsWithNoHistory() {
        String newcomers = ws.published(Map.of("frequency", "every_time", "targeting", allOf(event("signed_in", "has_not_done"))));
        String returning = ws.contact("returning");
        ws.track(returning, "signed_in");
        assertThat(ws.sees(returning)).isEmpty();
        assertThat(server.delete(ws.key, "/api/v1/contacts/returning").status()).isIn(200, 204);
        ws.contact("returning");
        assertThat(ws.sees(returning)).containsExactly(newcomers);
    }

    @Test
    void keptFactsOutliveTheReloadOfAnUnchangedPublishedList() throws InterruptedException {
        ws.published(Map.of("frequency", "every_time", "targeting", allOf(event("opened_report", "count_greater_than", "value", 3,
                "withinDays", 7))));
        String reader = ws.contact("reader");
        ws.track(reader, "opened_report");
        ws.sees(reader);
        double hitsBefore = metric("cueflow_eligibility_cache_hits_total");
        Thread.sleep(1_500); // the published list is re-read after a second

        ws.sees(reader);

        assertThat(metric("cueflow_eligibility_cache_hits_total")).as("the same targetings keep the contact's facts")
                .isEqualTo(hitsBefore + 1);
    }

    private static double metric(String name) {
        String text = server.get(null, "/metrics").body();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private void segment(String path, String json) {
        TestServer.Reply reply = server.post(ws.key, path, json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
