package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.messages.Workspace.allOf;
import static so.cueflow.messages.Workspace.event;
import static so.cueflow.messages.Workspace.fields;

/** GET /api/v1/contacts/{externalId}/messages: targeting, frequency, schedule, priority and pages, in real time. */
class EligibilityIT {
    private static final Map<String, Object> FEATURE_ADOPTION = allOf(
            event("advanced_export_viewed", "has_done"),
            event("advanced_export_used", "has_not_done"));

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
    void theSeedsFeatureAdoptionCampaignReachesViewersAndStopsTheMomentTheyUseTheFeature() {
        String campaign = ws.published(Map.of("name", "Try advanced export", "frequency", "every_time",
                "targeting", FEATURE_ADOPTION));
        String viewer = ws.contact("viewer");
        String stranger = ws.contact("stranger");
        ws.track(viewer, "advanced_export_viewed");

        assertThat(ws.sees(viewer)).containsExactly(campaign);
        assertThat(ws.sees(stranger)).isEmpty();

        ws.track(viewer, "advanced_export_used");

        assertThat(ws.sees(viewer)).isEmpty();
    }

    @Test
    void theVeryNextRequestAfterA201ReflectsTheEventEveryTime() {
        String campaign = ws.published(Map.of("frequency", "every_time", "targeting", FEATURE_ADOPTION));
        for (int i = 0; i < 20; i++) {
            String contact = ws.contact("adopter-" + i);
            ws.track(contact, "advanced_export_viewed");
            assertThat(ws.sees(contact)).as("after viewed, attempt %d", i).containsExactly(campaign);
            ws.track(contact, "advanced_export_used");
            assertThat(ws.sees(contact)).as("after used, attempt %d", i).isEmpty();
        }
    }

    @Test
    void anUnknownContactIs404() {
        TestServer.Reply reply = ws.eligibility("nobody", null, false);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("contact_not_found");
    }

    @Test
    void onceIsNotShownAgainAfterAView() {
        String once = ws.published(Map.of("name", "once"));
        String contact = ws.contact("c");

        assertThat(ws.sees(contact)).containsExactly(once);
        assertThat(ws.interact(once, contact, "view", null).status()).isEqualTo(201);
        assertThat(ws.sees(contact)).isEmpty();
        assertThat(ws.explain(contact, null, once).path("reason").asText()).contains("already seen");
    }

    @Test
    void untilDismissedStaysAfterAViewAndGoesAfterADismiss() {
        String message = ws.published(Map.of("frequency", "until_dismissed"));
        String contact = ws.contact("c");

        ws.interact(message, contact, "view", null);
        ws.interact(message, contact, "click", "primary");
        assertThat(ws.sees(contact)).containsExactly(message);

        ws.interact(message, contact, "dismiss", null);
        assertThat(ws.sees(contact)).isEmpty();
    }

    @Test
    void everyTimeIsShownWhateverTheContactDid() {
        String message = ws.published(Map.of("frequency", "every_time"));
        String contact = ws.contact("c");

        ws.interact(message, contact, "view", null);
        ws.interact(message, contact, "dismiss", null);
        ws.interact(message, contact, "view", null);

        assertThat(ws.sees(contact)).containsExactly(message);
    }

    @Test
    void aViewOfOneMessageDoesNotHideAnotherOrTheSameMessageFromAnotherContact() {
        String first = ws.published(Map.of("name", "first", "priority", 2));
        String second = ws.published(Map.of("name", "second", "priority", 1));
        String ada = ws.contact("ada");
        String bob = ws.contact("bob");

        ws.interact(first, ada, "view", null);

        assertThat(ws.sees(ada)).containsExactly(second);
        assertThat(ws.sees(bob)).containsExactly(first, second);
    }

    @Test
    void theScheduleIsInWholeUtcDaysWithBothEndsIncluded() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String future = ws.published(Map.of("name", "future", "startDate", today.plusDays(1).toString()));
        String past = ws.published(Map.of("name", "past", "endDate", today.minusDays(1).toString()));
        String onlyToday = ws.published(Map.of("name", "today", "startDate", today.toString(), "endDate", today.toString()));
        String around = ws.published(Map.of("name", "around", "startDate", today.minusDays(3).toString(),
                "endDate", today.plusDays(3).toString()));
        String contact = ws.contact("c");

        assertThat(ws.sees(contact)).containsExactlyInAnyOrder(onlyToday, around);
        assertThat(ws.explain(contact, null, future).path("reason").asText()).isEqualTo("schedule");
        assertThat(ws.explain(contact, null, past).path("reason").asText()).isEqualTo("schedule");
    }

    @Test
    void messagesComeHighestPriorityFirst() {
        String low = ws.published(Map.of("name", "low", "priority", 5));
        String high = ws.published(Map.of("name", "high", "priority", 500));
        String middle = ws.published(Map.of("name", "middle", "priority", 50));
        String contact = ws.contact("c");

        assertThat(ws.sees(contact)).containsExactly(high, middle, low);
    }

    @Test
    void draftsAndArchivedMessagesAreNeverShown() {
        String draft = ws.message(Map.of("name", "draft"));
        String archived = ws.published(Map.of("name", "archived"));
        String live = ws.published(Map.of("name", "live"));
        assertThat(ws.post("/api/v1/messages/" + archived + "/archive", "").status()).isEqualTo(200);
        String contact = ws.contact("c");

        TestServer.Reply reply = ws.eligibility(contact, null, true);

        assertThat(ws.sees(contact)).containsExactly(live);
        assertThat(reply.body()).doesNotContain(draft).doesNotContain(archived);
    }

    @Test
    void aPatchOrDeleteOfAPublishedMessageIsSeenByTheNextRequest() {
        String message = ws.published(Map.of("frequency", "every_time"));
        String contact = ws.contact("c");
        assertThat(ws.sees(contact)).containsExactly(message);

        server.patch(ws.key, "/api/v1/messages/" + message, Workspace.json(Map.of("targeting", allOf(event("never_done", "has_done")))));
        assertThat(ws.sees(contact)).isEmpty();

        server.patch(ws.key, "/api/v1/messages/" + message, "{\"targeting\": null}");
        assertThat(ws.sees(contact)).containsExactly(message);

        server.delete(ws.key, "/api/v1/messages/" + message);
        assertThat(ws.sees(contact)).isEmpty();
    }

    @Test
    void pageRulesMatchThePathOfTheReportedUrlAndAreFalseWithoutAPage() {
        String settings = ws.published(Map.of("frequency", "every_time", "targeting",
                allOf(Map.of("type", "page", "field", "path", "operator", "starts_with", "value", "/settings"))));
        String anywhereButHome = ws.published(Map.of("frequency", "every_time", "targeting",
                allOf(Map.of("type", "page", "field", "url", "operator", "not_contains", "value", "/home"))));
        String contact = ws.contact("c");

        assertThat(ws.sees(contact, "/settings/x")).containsExactlyInAnyOrder(settings, anywhereButHome);
        assertThat(ws.sees(contact, "https://app.example.com/settings/billing?tab=1")).containsExactlyInAnyOrder(settings, anywhereButHome);
        assertThat(ws.sees(contact, "/home")).isEmpty();
        assertThat(ws.sees(contact, "https://app.example.com/home?next=/settings")).isEmpty();
        assertThat(ws.sees(contact)).isEmpty();
    }

    @Test
    void aUrlThatIsNeitherAnAbsoluteUrlNorAPathIs400() {
        String contact = ws.contact("c");

        TestServer.Reply reply = ws.eligibility(contact, "http://", false);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("url");
    }

    @Test
    void explainGivesEveryRulesVerdictWithTheNumbersBehindIt() {
        String message = ws.published(Map.of("frequency", "every_time", "targeting", Map.of("groups", List.of(
                Map.of("rules", List.of(
                        event("report_exported", "count_greater_than", "value", 2, "withinDays", 7),
                        Map.of("type", "contact", "field", "plan", "operator", "equals", "value", "pro"),
                        Map.of("type", "page", "field", "path", "operator", "starts_with", "value", "/reports"))),
                Map.of("rules", List.of(event("report_exported", "last_done_within", "days", 1)))))));
        String contact = ws.contact(Map.of("externalId", "c", "plan", "pro"));
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MILLIS);
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        ws.track(contact, "report_exported", tenDaysAgo, Map.of());
        ws.track(contact, "report_exported", twoHoursAgo, Map.of());
        ws.track(contact, "report_exported", twoHoursAgo.plusSeconds(60), Map.of());

        JsonNode verdict = ws.explain(contact, "/reports/weekly", message);

        assertThat(verdict.path("eligible").asBoolean()).isTrue();
        assertThat(verdict.path("reason").asText()).isEqualTo("eligible");
        JsonNode explanation = verdict.path("explanation");
        Instant evaluatedAt = Instant.parse(explanation.path("evaluatedAt").asText());
        JsonNode count = explanation.path("groups").get(0).path("rules").get(0);
        assertThat(count.path("matches").asBoolean()).isFalse();
        assertThat(count.path("count").asLong()).isEqualTo(2);
        assertThat(count.path("threshold").asLong()).isEqualTo(2);
        assertThat(count.path("firstAt").asText()).isEqualTo(Workspace.iso(tenDaysAgo));
        assertThat(count.path("lastAt").asText()).isEqualTo(Workspace.iso(twoHoursAgo.plusSeconds(60)));
        assertThat(Instant.parse(count.path("windowStart").asText())).isEqualTo(evaluatedAt.minus(Duration.ofDays(7)));
        JsonNode plan = explanation.path("groups").get(0).path("rules").get(1);
        assertThat(plan.path("matches").asBoolean()).isTrue();
        assertThat(plan.path("actual").asText()).isEqualTo("pro");
        JsonNode page = explanation.path("groups").get(0).path("rules").get(2);
        assertThat(page.path("matches").asBoolean()).isTrue();
        assertThat(page.path("actual").asText()).isEqualTo("/reports/weekly");
        JsonNode last = explanation.path("groups").get(1).path("rules").get(0);
        assertThat(last.path("matches").asBoolean()).isTrue();
        assertThat(last.path("count").asLong()).isEqualTo(3);
        assertThat(Instant.parse(last.path("windowStart").asText())).isEqualTo(evaluatedAt.minus(Duration.ofDays(1)));
        assertThat(explanation.path("groups").get(0).path("matches").asBoolean()).isFalse();
        assertThat(explanation.path("matches").asBoolean()).isTrue();
    }

    @Test
    void withoutExplainTheReplyCarriesOnlyTheMessages() {
        ws.published(Map.of("frequency", "every_time"));
        String contact = ws.contact("c");

        JsonNode body = ws.eligibility(contact, null, false).json();

        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.has("explain")).isFalse();
        assertThat(body.path("messages")).hasSize(1);
    }

    @Test
    void manyRequestsAtOnceFromTwoWorkspacesEachGetTheirOwnContactsAnswer() throws Exception {
        Workspace other = Workspace.fresh(server);
        Map<String, Object> didExport = allOf(event("advanced_export_used", "has_done"));
        String here = ws.published(Map.of("frequency", "every_time", "targeting", didExport));
        String there = other.published(Map.of("frequency", "every_time", "targeting", didExport));
        List<String> ids = new java.util.ArrayList<>(List.of("quote\"d", "back\\slash", "ünïcødé", "emoji-😀", "comma,id",
                "[\"bracket\"]", "space d"));
        for (int i = 0; i < 24; i++) ids.add("user-" + i);
        Map<String, Boolean> didHere = new java.util.HashMap<>();
        Map<String, Boolean> didThere = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            ws.contact(id);
            if (i % 2 == 0) ws.track(id, "advanced_export_used");
            didHere.put(id, i % 2 == 0);
            if (i % 3 == 0) continue; // no such contact in the other workspace
            other.contact(id);
            if (i % 2 == 1) other.track(id, "advanced_export_used");
            didThere.put(id, i % 2 == 1);
        }

        var pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            List<java.util.concurrent.Future<String>> mismatches = new java.util.ArrayList<>();
            for (int round = 0; round < 12; round++) {
                for (String id : ids) {
                    mismatches.add(pool.submit(() -> mismatch(ws, id, didHere.get(id), here)));
                    mismatches.add(pool.submit(() -> mismatch(other, id, didThere.get(id), there)));
                }
            }
            for (var mismatch : mismatches) assertThat(mismatch.get(60, java.util.concurrent.TimeUnit.SECONDS)).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Null when the contact's answer is right: 404 when it does not exist, else the message exactly when it did export. */
    private static String mismatch(Workspace workspace, String externalId, Boolean didExport, String messageId) {
        String path = "/api/v1/contacts/" + java.net.URLEncoder.encode(externalId, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "/messages";
        TestServer.Reply reply = workspace.get(path);
        if (didExport == null) return reply.status() == 404 ? null : externalId + ": expected 404, got " + reply.body();
        if (reply.status() != 200) return externalId + ": " + reply.status() + " " + reply.body();
        List<String> seen = new java.util.ArrayList<>();
        reply.json().path("messages").forEach(message -> seen.add(message.path("id").asText()));
        List<String> expected = didExport ? List.of(messageId) : List.of();
        return seen.equals(expected) ? null : externalId + " in " + workspace.workspaceName() + ": saw " + seen + ", expected " + expected;
    }
}
