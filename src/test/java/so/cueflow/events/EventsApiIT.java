package so.cueflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.storage.Dialect;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EventsApiIT {
    private static final AtomicInteger CONTACTS = new AtomicInteger();
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        key = server.newKey("acme");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String newContact() {
        String externalId = "user-" + CONTACTS.incrementAndGet();
        assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"" + externalId + "\"}").status()).isEqualTo(201);
        return externalId;
    }

    private static TestServer.Reply track(String body) {
        return server.post(key, "/api/v1/events", body);
    }

    private static List<String> fields(TestServer.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
        return fields;
    }

    @Test
    void theSeedExampleIsStoredAndAnsweredWith201AndTheEvent() {
        String user = newContact();
        TestServer.Reply reply = track("{\"externalId\":\"" + user + "\",\"eventKey\":\"purchase_completed\","
                + "\"properties\":{\"plan\":\"pro\",\"amount\":99.99,\"currency\":\"USD\"}}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode event = reply.json().path("event");
        assertThat(reply.json().path("success").asBoolean()).isTrue();
        assertThat(event.path("id").asText()).hasSize(26);
        assertThat(event.path("eventKey").asText()).isEqualTo("purchase_completed");
        assertThat(event.path("externalId").asText()).isEqualTo(user);
        assertThat(event.path("contactId").asText()).isNotEmpty();
        assertThat(event.path("properties").path("amount").asDouble()).isEqualTo(99.99);
        assertThat(event.path("occurredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(event.path("createdAt").asText()).isNotEmpty();
    }

    @Test
    void anUnknownContactIs404ContactNotFoundAndNothingIsCreated() {
        TestServer.Reply reply = track("{\"externalId\":\"nobody-here\",\"eventKey\":\"signed_in\"}");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("contact_not_found");
        assertThat(server.get(key, "/api/v1/contacts/nobody-here").status()).isEqualTo(404);
    }

    @Test
    void nestedObjectsArraysAndNullsAreRejectedNamingEachKey() {
        String user = newContact();
        TestServer.Reply reply = track("{\"externalId\":\"" + user + "\",\"eventKey\":\"x\","
                + "\"properties\":{\"a\":{\"b\":1},\"c\":[1],\"d\":null,\"ok\":true}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_request");
        assertThat(fields(reply)).containsExactlyInAnyOrder("properties.a", "properties.c", "properties.d");
        assertThat(reply.body()).contains("keep properties flat");
    }

    @Test
    void aKeyThatIsNotSnakeCaseGetsTheSnakeCaseFormAsHint() {
        String user = newContact();
        TestServer.Reply reply = track("{\"externalId\":\"" + user + "\",\"eventKey\":\"PurchaseCompleted\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("eventKey");
        assertThat(reply.body()).contains("snake_case").contains("purchase_completed");
    }

    @Test
    void missingAndUnknownFieldsAreAllReported() {
        TestServer.Reply reply = track("{\"eventkey\":\"typo\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactlyInAnyOrder("eventkey", "externalId", "eventKey");
        assertThat(reply.body()).contains("allowed fields are");
    }

    @Test
    void wrongTypesAreRejected() {
        TestServer.Reply reply = track("{\"externalId\":5,\"eventKey\":true,\"properties\":[],\"timestamp\":12,\"eventId\":{}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactlyInAnyOrder("externalId", "eventKey", "properties", "timestamp", "eventId");
    }

    @Test
    void moreThanFiftyPropertiesAreRejected() {
        String user = newContact();
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i < 51; i++) properties.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":1");
        TestServer.Reply reply = track("{\"externalId\":\"" + user + "\",\"eventKey\":\"x\",\"properties\":{" + properties + "}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("properties");
    }

    @Test
    void overLongValuesAreRejected() {
        String longText = "a".repeat(1001);
        TestServer.Reply reply = track("{\"externalId\":\"" + "e".repeat(256) + "\",\"eventKey\":\"" + "k".repeat(101)
                + "\",\"eventId\":\"" + "i".repeat(129) + "\",\"properties\":{\"s\":\"" + longText + "\",\""
                + "k".repeat(65) + "\":1}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactlyInAnyOrder("externalId", "eventKey", "eventId", "properties.s",
                "properties." + "k".repeat(65));
    }

    @Test
    void aTimestampMoreThanADayAheadIsRejectedButOneHourAheadIsKept() {
        String user = newContact();
        String farAhead = Instant.now().plus(25, ChronoUnit.HOURS).toString();
        String nearAhead = Instant.now().plus(1, ChronoUnit.HOURS).toString();

        assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"x\",\"timestamp\":\"" + farAhead + "\"}").status()).isEqualTo(400);
        assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"x\",\"timestamp\":\"" + nearAhead + "\"}").status()).isEqualTo(201);
        assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"x\",\"timestamp\":\"yesterday\"}").status()).isEqualTo(400);
    }

    @Test
    void aBodyOverThirtyTwoKibibytesIs413() {
        String user = newContact();
        TestServer.Reply reply = track("{\"externalId\":\"" + user + "\",\"eventKey\":\"x\",\"properties\":{\"s\":\""
                + "a".repeat(33 * 1024) + "\"}}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void malformedJsonAndNonObjectsAre400AndOtherMediaTypes415() {
        assertThat(track("{\"externalId\":").status()).isEqualTo(400);
        assertThat(track("[1,2]").status()).isEqualTo(400);
        assertThat(track("{\"a\":1}{\"b\":2}").status()).isEqualTo(400);
        assertThat(track("{\"externalId\":\"a\",\"externalId\":\"b\",\"eventKey\":\"x\"}").status()).isEqualTo(400);
        TestServer.Reply form = server.send(key, "POST", "/api/v1/events", "externalId=a", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.errorCode()).isEqualTo("unsupported_media_type");
    }

    @Test
    void errorBodiesCarryNoInternals() {
        TestServer.Reply reply = track("{\"externalId\":");

        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("so.cueflow").doesNotContain("SQL");
        assertThat(reply.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void repeatingAnEventIdAnswers200WithTheOriginalAndCountsOnce() {
        String user = newContact();
        String body = "{\"externalId\":\"" + user + "\",\"eventKey\":\"order_placed\",\"eventId\":\"order-" + user + "\"}";
        TestServer.Reply first = track(body);
        TestServer.Reply again = track(body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("event").path("id").asText()).isEqualTo(first.json().path("event").path("id").asText());
        JsonNode activity = server.get(key, "/api/v1/contacts/" + user + "/activity").json().path("activity");
        assertThat(activity.get(0).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void propertiesAreReadBackAsTheTextTheyWereStoredAs() {
        String user = newContact();
        String body = "{\"externalId\":\"" + user + "\",\"eventKey\":\"odd_values\",\"eventId\":\"odd-" + user + "\","
                + "\"properties\":{\"quote\":\"a\\\"b\\\\c\\n\\t\\u0000\\u001f\\u2028 é 😀 </script>\",\"big\":123456789012345678901234567890,"
                + "\"decimal\":1.50,\"exponent\":1E+5,\"tiny\":-1.0e-300,\"flag\":false,\"empty\":\"\"}}";
        TestServer.Reply stored = track(body);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        String written = properties(stored.body());
        assertThat(written).contains("\"big\":123456789012345678901234567890", "\"tiny\":-1.0E-300");
        assertThat(properties(server.get(key, "/api/v1/contacts/" + user + "/events").body())).isEqualTo(written);
        assertThat(properties(track(body).body())).as("the duplicate's answer, read from the store").isEqualTo(written);
    }

    @Test
    void onPostgresqlEveryEventWrittenKeepsAJsonbCopyOfItsPropertiesUnlessJsonbRefusesThem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.database().dialect() == Dialect.POSTGRESQL, "V70's copy is PostgreSQL's");
        String user = newContact();
        assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"copied\",\"properties\":{\"amount\":1.5e3,"
                + "\"note\":\"é\\n\"}}").status()).isEqualTo(201);
        assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"refused\",\"properties\":{\"note\":\"a\\u0000b\"}}")
                .status()).isEqualTo(201);
        assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"empty\"}").status()).isEqualTo(201);

        Map<String, String> copies = server.database().read(connection -> {
            Map<String, String> byKey = new java.util.TreeMap<>();
            try (java.sql.PreparedStatement select = connection.prepareStatement("SELECT e.event_key,"
                    + " CASE WHEN e.properties_jsonb IS NULL THEN 'none' WHEN e.properties_jsonb = e.properties::jsonb THEN 'same'"
                    + " ELSE 'differs' END FROM events e JOIN contacts c ON c.id = e.contact_id WHERE c.external_id = ?")) {
                select.setString(1, user);
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    while (rows.next()) byKey.put(rows.getString(1), rows.getString(2));
                }
            }
            return byKey;
        });
        assertThat(copies).containsExactlyInAnyOrderEntriesOf(Map.of("copied", "same", "empty", "same", "refused", "none"));
    }

    /** The raw text of the first "properties" object in a body whose property values hold no closing brace. */
    private static String properties(String body) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"properties\":(\\{[^}]*})").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    @Test
    void activityStaysExactAfterLateAndOutOfOrderEvents() {
        String user = newContact();
        for (String at : List.of("2026-03-10T10:00:00.000Z", "2026-01-05T08:00:00.000Z", "2026-06-01T12:30:00.000Z", "2026-02-01T00:00:00.000Z")) {
            assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"report_viewed\",\"timestamp\":\"" + at + "\"}").status()).isEqualTo(201);
        }

        JsonNode row = server.get(key, "/api/v1/contacts/" + user + "/activity").json().path("activity").get(0);
        assertThat(row.path("eventKey").asText()).isEqualTo("report_viewed");
        assertThat(row.path("count").asLong()).isEqualTo(4);
        assertThat(row.path("firstAt").asText()).isEqualTo("2026-01-05T08:00:00.000Z");
        assertThat(row.path("lastAt").asText()).isEqualTo("2026-06-01T12:30:00.000Z");
    }

    @Test
    void theTimelineIsNewestFirstAndPagesWithACursor() {
        String user = newContact();
        for (int day = 1; day <= 5; day++) {
            track("{\"externalId\":\"" + user + "\",\"eventKey\":\"page_seen\",\"timestamp\":\"2026-04-0" + day + "T00:00:00Z\"}");
        }
        track("{\"externalId\":\"" + user + "\",\"eventKey\":\"other_thing\"}");

        TestServer.Reply first = server.get(key, "/api/v1/contacts/" + user + "/events?eventKey=page_seen&limit=3");
        JsonNode events = first.json().path("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).path("occurredAt").asText()).startsWith("2026-04-05");
        String cursor = first.json().path("nextCursor").asText();
        JsonNode rest = server.get(key, "/api/v1/contacts/" + user + "/events?eventKey=page_seen&limit=3&cursor=" + cursor)
                .json();
        assertThat(rest.path("events")).hasSize(2);
        assertThat(rest.path("events").get(1).path("occurredAt").asText()).startsWith("2026-04-01");
        assertThat(rest.path("nextCursor").isNull()).isTrue();
        assertThat(server.get(key, "/api/v1/contacts/" + user + "/events?cursor=garbage!").status()).isEqualTo(400);
    }

    @Test
    void theCatalogListsKeysWithDisplayNameCountsAndPropertyTypes() {
        String a = newContact();
        String b = newContact();
        track("{\"externalId\":\"" + a + "\",\"eventKey\":\"export_completed\",\"properties\":{\"rows\":10,\"format\":\"csv\"}}");
        track("{\"externalId\":\"" + b + "\",\"eventKey\":\"export_completed\",\"properties\":{\"rows\":\"many\"}}");
        track("{\"externalId\":\"" + b + "\",\"eventKey\":\"export_completed\"}");

        JsonNode type = null;
        for (JsonNode each : server.get(key, "/api/v1/event-types").json().path("eventTypes")) {
            if (each.path("eventKey").asText().equals("export_completed")) type = each;
        }
        assertThat(type).isNotNull();
        assertThat(type.path("displayName").asText()).isEqualTo("Export Completed");
        assertThat(type.path("count").asLong()).isEqualTo(3);
        assertThat(type.path("contacts").asLong()).isEqualTo(2);
        assertThat(type.path("properties").toString()).contains("\"format\"").contains("\"rows\"")
                .contains("[\"number\",\"string\"]");
    }

    @Test
    void aBatchStoresValidItemsAndReportsEachOne() {
        String user = newContact();
        TestServer.Reply reply = server.post(key, "/api/v1/events/batch", "{\"events\":["
                + "{\"externalId\":\"" + user + "\",\"eventKey\":\"a_thing\",\"eventId\":\"b-" + user + "\"},"
                + "{\"externalId\":\"ghost\",\"eventKey\":\"a_thing\"},"
                + "{\"externalId\":\"" + user + "\",\"eventKey\":\"Bad Key\"},"
                + "{\"externalId\":\"" + user + "\",\"eventKey\":\"a_thing\",\"eventId\":\"b-" + user + "\"}]}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("duplicates").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(2);
        assertThat(body.path("results").get(1).path("status").asInt()).isEqualTo(404);
        assertThat(body.path("results").get(2).path("error").path("details").get(0).path("field").asText())
                .isEqualTo("events[2].eventKey");
        assertThat(server.get(key, "/api/v1/contacts/" + user + "/activity").json().path("activity").get(0).path("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void aBatchOverOneThousandItemsIsRefusedWhole() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 1001; i++) items.append(i == 0 ? "" : ",").append("{\"externalId\":\"x\",\"eventKey\":\"k\"}");
        TestServer.Reply reply = server.post(key, "/api/v1/events/batch", "{\"events\":[" + items + "]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(server.post(key, "/api/v1/events/batch", "{\"items\":[]}").status()).isEqualTo(400);
    }

    @Test
    void acknowledgedEventsSurviveARestart() throws Exception {
        String user = newContact();
        for (int i = 0; i < 20; i++) assertThat(track("{\"externalId\":\"" + user + "\",\"eventKey\":\"kept\"}").status()).isEqualTo(201);

        server.restart();

        JsonNode activity = server.get(key, "/api/v1/contacts/" + user + "/activity").json().path("activity");
        assertThat(activity.get(0).path("count").asLong()).isEqualTo(20);
        assertThat(server.get(key, "/api/v1/contacts/" + user + "/events?limit=100").json().path("events")).hasSize(20);
    }
}
