package so.cueflow.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request body is decoded one strict way: bytes, Unicode, numbers, dates, media types. */
class RequestBodyRulesIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        key = server.newKey("bodies");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void anUnpairedSurrogateEscapeIsRefusedNamingTheFieldAndNothingIsStored() {
        TestServer.Reply high = server.post(key, "/api/v1/contacts", "{\"externalId\":\"lone\\ud800\"}");
        TestServer.Reply low = server.post(key, "/api/v1/contacts", "{\"externalId\":\"lone\\udc00\"}");
        TestServer.Reply reversed = server.post(key, "/api/v1/contacts", "{\"name\":\"x\\udc00\\ud800\",\"externalId\":\"r\"}");

        assertBadField(high, "externalId");
        assertBadField(low, "externalId");
        assertBadField(reversed, "name");
        assertThat(server.get(key, "/api/v1/contacts?limit=100").json().path("contacts").toString()).doesNotContain("lone");
    }

    @Test
    void eventIdsThatDifferOnlyInAnUnpairedSurrogateNeverCollide() {
        String user = newContact();
        TestServer.Reply first = server.post(key, "/api/v1/events",
                "{\"externalId\":\"" + user + "\",\"eventKey\":\"a\",\"eventId\":\"X\\ud800\"}");
        TestServer.Reply second = server.post(key, "/api/v1/events",
                "{\"externalId\":\"" + user + "\",\"eventKey\":\"b\",\"eventId\":\"X\\udc00\"}");

        assertBadField(first, "eventId");
        assertBadField(second, "eventId");
        assertThat(server.get(key, "/api/v1/contacts/" + user + "/events").json().path("events")).isEmpty();
    }

    @Test
    void invalidUtf8IsRefusedNamingTheFieldWhateverTheForm() {
        byte[][] invalid = {
                {(byte) 0xC0, (byte) 0xAF},                          // overlong "/"
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},             // overlong "/", three bytes
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong "/", four bytes
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000, beyond Unicode
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},             // a surrogate encoded as UTF-8
                {(byte) 0xE2, (byte) 0x82},                          // truncated
                {(byte) 0xFF}};
        for (byte[] bad : invalid) {
            byte[] body = concat("{\"externalId\":\"utf", bad, "\",\"name\":\"n\"}");
            assertBadField(sendBytes("/api/v1/contacts", body, "application/json"), "externalId");
        }
        assertThat(server.get(key, "/api/v1/contacts?limit=100").json().path("contacts").toString()).doesNotContain("utf");
    }

    @Test
    void aBatchWithOneInvalidUtf8ItemStoresNothingAndNamesTheItem() {
        String user = newContact();
        byte[] body = concat("{\"events\":[{\"externalId\":\"" + user + "\",\"eventKey\":\"good\"},"
                + "{\"externalId\":\"" + user + "\",\"eventKey\":\"bad", new byte[]{(byte) 0xC0, (byte) 0xAF}, "\"}]}");

        TestServer.Reply reply = sendBytes("/api/v1/events/batch", body, "application/json");

        assertBadField(reply, "events[1].eventKey");
        assertThat(server.get(key, "/api/v1/contacts/" + user + "/events").json().path("events")).isEmpty();
    }

    @Test
    void anIntegerBeyondSixtyFourBitsIsRefusedRatherThanWrapped() {
        TestServer.Reply reply = server.post(key, "/api/v1/messages", "{\"name\":\"n\",\"type\":\"banner\","
                + "\"content\":{\"title\":\"t\"},\"priority\":18446744073709551616}");

        assertBadField(reply, "priority");
    }

    @Test
    void jsonSyntaxErrorsAreExplainedInTheProjectsOwnWords() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String longNumber = "{\"name\":" + "9".repeat(200_000) + "}";
        for (String body : List.of("{\"name\":\"n\"} trailing", "{\"name\":\"n\"}{}", deep, "{\"a\":NaN}",
                "{\"a\":Infinity}", "{\"a\":-Infinity}", longNumber, "{\"a\":1,\"a\":2}", "{\"a\":")) {
            // The batch endpoint, whose 1 MiB limit admits the 200,000-digit number.
            TestServer.Reply reply = server.post(key, "/api/v1/events/batch", body);

            assertThat(reply.status()).as(body.substring(0, Math.min(40, body.length()))).isEqualTo(400);
            assertThat(reply.body()).doesNotContainIgnoringCase("jackson").doesNotContain("Feature")
                    .doesNotContain("StreamReadConstraints").doesNotContain("`").doesNotContain("JsonNode");
        }
    }

    @Test
    void datesOutsideTheYears1970To9999AreRefusedNamingTheField() {
        String user = newContact();
        for (String date : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z")) {
            assertBadField(server.post(key, "/api/v1/events",
                    "{\"externalId\":\"" + user + "\",\"eventKey\":\"a\",\"timestamp\":\"" + date + "\"}"), "timestamp");
            assertBadField(server.post(key, "/api/v1/contacts",
                    "{\"externalId\":\"" + user + "\",\"signedUpAt\":\"" + date + "\"}"), "signedUpAt");
            assertBadField(server.patch(key, "/api/v1/contacts/" + user, "{\"signedUpAt\":\"" + date + "\"}"), "signedUpAt");
        }
        assertThat(server.patch(key, "/api/v1/contacts/" + user, "{\"signedUpAt\":\"9999-12-31T23:59:59.999Z\"}").status())
                .isEqualTo(200);
        assertBadField(server.post(key, "/api/v1/messages", "{\"name\":\"n\",\"type\":\"banner\","
                + "\"content\":{\"title\":\"t\"},\"startDate\":\"0001-01-01\"}"), "startDate");
    }

    @Test
    void aMultipartBodyGets415() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"externalId\"\r\n\r\nm\r\n--b--\r\n";
        TestServer.Reply reply = server.send(key, "POST", "/api/v1/contacts", body, "multipart/form-data; boundary=b");

        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("unsupported_media_type");
    }

    @Test
    void aFormBodyGets415() {
        TestServer.Reply reply = server.send(key, "POST", "/api/v1/contacts", "externalId=f", "application/x-www-form-urlencoded");

        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
    }

    private static void assertBadField(TestServer.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        reply.json().path("error").path("details").forEach(detail -> fields.add(detail.path("field").asText()));
        assertThat(fields).as(reply.body()).contains(field);
    }

    private static String newContact() {
        String externalId = "body-user-" + NAMES.incrementAndGet();
        assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"" + externalId + "\"}").status()).isEqualTo(201);
        return externalId;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static TestServer.Reply sendBytes(String path, byte[] body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new TestServer.Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
