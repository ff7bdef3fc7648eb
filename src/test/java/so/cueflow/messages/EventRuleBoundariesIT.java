package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.messages.Workspace.allOf;
import static so.cueflow.messages.Workspace.event;

/**
 * The boundaries over HTTP with back-filled timestamps. The server's clock is real, so windows
 * are probed a minute either side of their edge; the exact edge is unit-tested in targeting.
 */
class EventRuleBoundariesIT {
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

    private static Instant ago(Duration duration) {
        return Instant.now().minus(duration).truncatedTo(ChronoUnit.MILLIS);
    }

    private String everyTime(Map<String, Object> rule) {
        return ws.published(Map.of("frequency", "every_time", "targeting", allOf(rule)));
    }

    private JsonNode rule(String contact, String message) {
        return ws.explain(contact, null, message).path("explanation").path("groups").get(0).path("rules").get(0);
    }

    @Test
    void countGreaterThanIsFalseWhenTheCountEqualsTheValueAndTrueOneEventLater() {
        String message = everyTime(event("file_uploaded", "count_greater_than", "value", 3));
        String contact = ws.contact("c");
        for (int day = 1; day <= 3; day++) ws.track(contact, "file_uploaded", ago(Duration.ofDays(day * 10L)), Map.of());

        assertThat(ws.sees(contact)).isEmpty();
        assertThat(rule(contact, message).path("count").asLong()).isEqualTo(3);
        assertThat(rule(contact, message).path("threshold").asLong()).isEqualTo(3);

        ws.track(contact, "file_uploaded", ago(Duration.ofDays(45)), Map.of());

        assertThat(ws.sees(contact)).containsExactly(message);
        assertThat(rule(contact, message).path("count").asLong()).isEqualTo(4);
    }

    @Test
    void aRepeatedEventIdIsCountedOnce() {
        String message = everyTime(event("invoice_paid", "count_greater_than", "value", 1));
        String contact = ws.contact("c");
        String body = Workspace.json(Map.of("externalId", contact, "eventKey", "invoice_paid", "eventId", "inv-1"));

        assertThat(ws.post("/api/v1/events", body).status()).isEqualTo(201);
        assertThat(ws.post("/api/v1/events", body).status()).isEqualTo(200);

        assertThat(ws.sees(contact)).isEmpty();
        assertThat(rule(contact, message).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void aContactWithNoEventsHasNotDoneAnything() {
        String notDone = everyTime(event("signed_in", "has_not_done"));
        everyTime(event("signed_in", "has_done"));
        everyTime(event("signed_in", "count_greater_than", "value", 0));
        everyTime(event("signed_in", "first_done_within", "days", 365));
        everyTime(event("signed_in", "last_done_within", "days", 365));
        String other = ws.contact("other");
        ws.track(other, "signed_in");
        String fresh = ws.contact("fresh");

        assertThat(ws.sees(fresh)).containsExactly(notDone);
        assertThat(ws.sees(other)).doesNotContain(notDone).hasSize(4);
    }

    @Test
    void aBackFilledEventOlderThanFirstAtMovesItAndFirstDoneWithinFlips() {
        String firstWithin = everyTime(event("project_created", "first_done_within", "days", 2));
        String lastWithin = everyTime(event("project_created", "last_done_within", "days", 2));
        String contact = ws.contact("c");
        Instant recent = ago(Duration.ofHours(1));
        ws.track(contact, "project_created", recent, Map.of());
        assertThat(ws.sees(contact)).containsExactlyInAnyOrder(firstWithin, lastWithin);

        Instant old = ago(Duration.ofDays(5));
        ws.track(contact, "project_created", old, Map.of());

        assertThat(ws.sees(contact)).containsExactly(lastWithin);
        JsonNode rule = rule(contact, firstWithin);
        assertThat(rule.path("firstAt").asText()).isEqualTo(Workspace.iso(old));
        assertThat(rule.path("lastAt").asText()).isEqualTo(Workspace.iso(recent));
        JsonNode activity = ws.get("/api/v1/contacts/" + contact + "/activity").json().path("activity").get(0);
        assertThat(activity.path("count").asLong()).isEqualTo(2);
        assertThat(activity.path("firstAt").asText()).isEqualTo(Workspace.iso(old));
        assertThat(activity.path("lastAt").asText()).isEqualTo(Workspace.iso(recent));
    }

    @Test
    void aBackFilledEventNewerThanLastAtMovesLastDoneWithin() {
        String lastWithin = everyTime(event("project_created", "last_done_within", "days", 1));
        String contact = ws.contact("c");
        ws.track(contact, "project_created", ago(Duration.ofDays(3)), Map.of());
        assertThat(ws.sees(contact)).isEmpty();

        ws.track(contact, "project_created", ago(Duration.ofHours(23)), Map.of());

        assertThat(ws.sees(contact)).containsExactly(lastWithin);
    }

    @Test
    void lastDoneWithinCountsFromOneMinuteInsideTheWindowButNotOneMinuteOutside() {
        String lastWithin = everyTime(event("report_viewed", "last_done_within", "days", 7));
        String inside = ws.contact("inside");
        String outside = ws.contact("outside");
        ws.track(inside, "report_viewed", ago(Duration.ofDays(7).minusMinutes(1)), Map.of());
        ws.track(outside, "report_viewed", ago(Duration.ofDays(7).plusMinutes(1)), Map.of());

        assertThat(ws.sees(inside)).containsExactly(lastWithin);
        assertThat(ws.sees(outside)).isEmpty();
    }

    @Test
    void whereCountsOnlyTheEventsWhosePropertiesMatch() {
        Map<String, Object> pro = Map.of("property", "plan", "operator", "equals", "value", "pro");
        String message = everyTime(event("purchase_completed", "count_greater_than", "value", 1, "where", List.of(pro)));
        String contact = ws.contact("c");
        ws.track(contact, "purchase_completed", null, Map.of("plan", "pro", "amount", 10));
        ws.track(contact, "purchase_completed", null, Map.of("plan", "free", "amount", 10));
        ws.track(contact, "purchase_completed", null, Map.of("plan", "pro_trial"));
        ws.track(contact, "purchase_completed", null, Map.of("amount", 10));

        assertThat(ws.sees(contact)).isEmpty();
        assertThat(rule(contact, message).path("count").asLong()).isEqualTo(1);

        ws.track(contact, "purchase_completed", null, Map.of("plan", "pro"));

        assertThat(ws.sees(contact)).containsExactly(message);
        assertThat(rule(contact, message).path("count").asLong()).isEqualTo(2);
    }

    @Test
    void hasNotDoneWithWhereIgnoresEventsThatDoNotMatch() {
        Map<String, Object> big = Map.of("property", "amount", "operator", "greater_than", "value", 100);
        Map<String, Object> web = Map.of("property", "source", "operator", "equals", "value", "web");
        String message = everyTime(event("purchase_completed", "has_not_done", "where", List.of(big, web)));
        String contact = ws.contact("c");
        ws.track(contact, "purchase_completed", null, Map.of("amount", 50, "source", "web"));
        ws.track(contact, "purchase_completed", null, Map.of("amount", 500, "source", "ios"));
        ws.track(contact, "purchase_completed", null, Map.of("amount", 100, "source", "web"));
        assertThat(ws.sees(contact)).containsExactly(message);

        ws.track(contact, "purchase_completed", null, Map.of("amount", 100.5, "source", "web"));

        assertThat(ws.sees(contact)).isEmpty();
    }

    @Test
    void withinDaysCountsOnlyTheEventsOfTheLastDays() {
        String message = everyTime(event("search_performed", "count_greater_than", "value", 1, "withinDays", 7));
        String contact = ws.contact("c");
        for (int i = 0; i < 5; i++) ws.track(contact, "search_performed", ago(Duration.ofDays(8 + i)), Map.of());
        ws.track(contact, "search_performed", ago(Duration.ofDays(7).plusMinutes(1)), Map.of());
        ws.track(contact, "search_performed", ago(Duration.ofDays(7).minusMinutes(1)), Map.of());

        assertThat(ws.sees(contact)).isEmpty();
        JsonNode explanation = ws.explain(contact, null, message).path("explanation");
        JsonNode rule = explanation.path("groups").get(0).path("rules").get(0);
        assertThat(rule.path("count").asLong()).isEqualTo(1);
        assertThat(Instant.parse(rule.path("windowStart").asText()))
                .isEqualTo(Instant.parse(explanation.path("evaluatedAt").asText()).minus(Duration.ofDays(7)));

        ws.track(contact, "search_performed", ago(Duration.ofDays(6)), Map.of());

        assertThat(ws.sees(contact)).containsExactly(message);
    }

    @Test
    void withinDaysAndWhereTogetherCountMatchingEventsInsideTheWindow() {
        Map<String, Object> ios = Map.of("property", "source", "operator", "equals", "value", "ios");
        String message = everyTime(event("app_opened", "count_greater_than", "value", 1, "withinDays", 3, "where", List.of(ios)));
        String contact = ws.contact("c");
        ws.track(contact, "app_opened", ago(Duration.ofDays(10)), Map.of("source", "ios"));
        ws.track(contact, "app_opened", ago(Duration.ofDays(1)), Map.of("source", "web"));
        ws.track(contact, "app_opened", ago(Duration.ofDays(1)), Map.of("source", "ios"));
        assertThat(ws.sees(contact)).isEmpty();

        ws.track(contact, "app_opened", ago(Duration.ofDays(2)), Map.of("source", "ios"));

        assertThat(ws.sees(contact)).containsExactly(message);
    }

    @Test
    void contactRulesReadFieldsAndCustomAttributes() {
        String message = ws.published(Map.of("frequency", "every_time", "targeting", allOf(
                Map.of("type", "contact", "field", "plan", "operator", "equals", "value", "pro"),
                Map.of("type", "contact", "field", "customAttributes.seats", "operator", "greater_than", "value", 10),
                Map.of("type", "contact", "field", "signedUpAt", "operator", "is_within", "days", 30))));
        String yes = ws.contact(Map.of("externalId", "yes", "plan", "pro", "customAttributes", Map.of("seats", 11),
                "signedUpAt", ago(Duration.ofDays(29)).toString()));
        String fewSeats = ws.contact(Map.of("externalId", "few", "plan", "pro", "customAttributes", Map.of("seats", 10),
                "signedUpAt", ago(Duration.ofDays(1)).toString()));
        String old = ws.contact(Map.of("externalId", "old", "plan", "pro", "customAttributes", Map.of("seats", 50),
                "signedUpAt", ago(Duration.ofDays(31)).toString()));

        assertThat(ws.sees(yes)).containsExactly(message);
        assertThat(ws.sees(fewSeats)).isEmpty();
        assertThat(ws.sees(old)).isEmpty();

        server.patch(ws.key, "/api/v1/contacts/few", "{\"customAttributes\": {\"seats\": 12}}");

        assertThat(ws.sees(fewSeats)).containsExactly(message);
    }

    @Test
    void hasNotDoneWithinSevenDaysSelectsTheInactiveAndTheNeverActiveButNotTheRecentlyActive() {
        String inactive = everyTime(event("session_started", "has_not_done", "withinDays", 7));
        String active = everyTime(event("session_started", "has_done", "withinDays", 7));
        String never = ws.contact("never");
        String lapsed = ws.contact("lapsed");
        String recent = ws.contact("recent");
        ws.track(lapsed, "session_started", ago(Duration.ofDays(7).plusMinutes(1)), Map.of());
        ws.track(recent, "session_started", ago(Duration.ofDays(7).minusMinutes(1)), Map.of());

        assertThat(ws.sees(never)).containsExactly(inactive);
        assertThat(ws.sees(lapsed)).containsExactly(inactive);
        assertThat(ws.sees(recent)).containsExactly(active);

        ws.track(lapsed, "session_started", ago(Duration.ofDays(6)), Map.of());

        assertThat(ws.sees(lapsed)).containsExactly(active);
    }

    @Test
    void countLessThanAndCountEqualsCountBackFilledEventsInsideTheirWindowOnly() {
        String fewerThanTwo = everyTime(event("file_uploaded", "count_less_than", "value", 2, "withinDays", 7));
        String exactlyTwo = everyTime(event("file_uploaded", "count_equals", "value", 2, "withinDays", 7));
        String contact = ws.contact("c");
        ws.track(contact, "file_uploaded", ago(Duration.ofDays(7).plusMinutes(1)), Map.of());
        ws.track(contact, "file_uploaded", ago(Duration.ofDays(7).minusMinutes(1)), Map.of());
        assertThat(ws.sees(contact)).containsExactly(fewerThanTwo);
        assertThat(rule(contact, exactlyTwo).path("count").asLong()).isEqualTo(1);

        ws.track(contact, "file_uploaded", ago(Duration.ofDays(3)), Map.of());

        assertThat(ws.sees(contact)).containsExactly(exactlyTwo);
        JsonNode rule = rule(contact, exactlyTwo);
        assertThat(rule.path("count").asLong()).isEqualTo(2);
        assertThat(rule.path("threshold").asLong()).isEqualTo(2);
    }

    @Test
    void countEqualsZeroIsTrueOnlyForAContactWhoNeverDidIt() {
        String never = everyTime(event("invite_sent", "count_equals", "value", 0));
        String fresh = ws.contact("fresh");
        String inviter = ws.contact("inviter");
        ws.track(inviter, "invite_sent", ago(Duration.ofDays(400)), Map.of());

        assertThat(ws.sees(fresh)).containsExactly(never);
        assertThat(ws.sees(inviter)).isEmpty();
    }

    @Test
    void withinDaysOnLastDoneWithinIsTheSameAsDaysAndBothDifferentIs400() {
        String byWithinDays = everyTime(event("report_viewed", "last_done_within", "withinDays", 2));
        String contact = ws.contact("c");
        ws.track(contact, "report_viewed", ago(Duration.ofDays(2).minusMinutes(1)), Map.of());
        assertThat(ws.sees(contact)).containsExactly(byWithinDays);

        TestServer.Reply reply = ws.post("/api/v1/messages", Workspace.json(Map.of("name", "m", "type", "banner",
                "content", Map.of("title", "t"),
                "targeting", allOf(event("report_viewed", "last_done_within", "withinDays", 2, "days", 3)))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(Workspace.fields(reply)).containsExactly("targeting.groups[0].rules[0].withinDays");
    }

    @Test
    void explainWritesEveryInstantAsAnIsoUtcString() {
        String message = everyTime(event("report_viewed", "count_greater_than", "value", 0, "withinDays", 7));
        String contact = ws.contact("c");
        Instant at = ago(Duration.ofDays(1));
        ws.track(contact, "report_viewed", at, Map.of());

        JsonNode explanation = ws.explain(contact, null, message).path("explanation");
        JsonNode rule = explanation.path("groups").get(0).path("rules").get(0);

        assertThat(explanation.path("evaluatedAt").isTextual()).isTrue();
        assertThat(rule.path("firstAt").asText()).isEqualTo(Workspace.iso(at));
        assertThat(rule.path("lastAt").asText()).isEqualTo(Workspace.iso(at));
        assertThat(rule.path("windowStart").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }
}
