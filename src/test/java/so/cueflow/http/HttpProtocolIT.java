package so.cueflow.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.Config;
import so.cueflow.TestServer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server does at the protocol level: framing (RFC 9112 §6.1), HEAD, 413, slow and idle connections. */
class HttpProtocolIT {
    private static final String SMUGGLED = "GET /api/v1/contacts HTTP/1.1\r\nHost: x\r\n\r\n";
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new Config.Http(1, 2, 0));
        key = server.newKey("protocol");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private String post(String framingHeaders, String body) {
        return "POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\n"
                + "Content-Type: application/json\r\n" + framingHeaders + "\r\n" + body;
    }

    private static String chunked(String json) {
        return Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndNothingAfterItIsServed() throws Exception {
        String body = chunked("{\"externalId\":\"smuggler-1\"}");
        for (String framing : List.of(
                "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n",
                "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
                "Transfer-Encoding: chunked, identity\r\n",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                "Transfer-Encoding: chunked, chunked\r\n",
                "Transfer-Encoding: identity\r\n",
                "Transfer-Encoding: gzip, chunked\r\n")) {
            try (RawConnection connection = new RawConnection(server.port())) {
                RawConnection.Received received = connection.send(post(framing, body) + SMUGGLED).readUntilClosed(5_000);

                assertThat(received.text()).as(framing).startsWith("HTTP/1.1 400");
                assertThat(received.text()).as(framing).contains("Transfer-Encoding");
                assertThat(received.responses()).as(framing).isEqualTo(1);
                assertThat(received.closed()).as(framing).isTrue();
            }
        }
        assertThat(server.get(key, "/api/v1/contacts/smuggler-1").status()).isEqualTo(404);
    }

    @Test
    void aPlainChunkedRequestIsStillServed() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Received received = connection.send(post("Transfer-Encoding: chunked\r\n",
                    chunked("{\"externalId\":\"chunked-1\"}"))).readUntilClosed(5_000);

            assertThat(received.text()).startsWith("HTTP/1.1 201");
        }
    }

    @Test
    void headIsAnsweredWhereverGetIsWithTheSameHeadersAndNoBody() throws Exception {
        for (String path : List.of("/health", "/embed.js", "/api/v1/contacts", "/api/v1/messages")) {
            String request = " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\n\r\n";
            String get;
            String head;
            try (RawConnection connection = new RawConnection(server.port())) {
                get = connection.send("GET" + request).readUntilClosed(500).text();
            }
            try (RawConnection connection = new RawConnection(server.port())) {
                head = connection.send("HEAD" + request).readUntilClosed(500).text();
            }

            assertThat(head).as(path).startsWith("HTTP/1.1 200");
            assertThat(head).as(path).endsWith("\r\n\r\n");
            assertThat(header(head, "content-type")).as(path).isEqualTo(header(get, "content-type"));
            assertThat(header(head, "content-length")).as(path).isEqualTo(header(get, "content-length"));
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndTheConnectionIsClosed() throws Exception {
        String big = "{\"externalId\":\"" + "x".repeat(40_000) + "\"}";
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Received received = connection.send(post("Content-Length: " + big.length() + "\r\n", big))
                    .readUntilClosed(5_000);

            assertThat(received.text()).startsWith("HTTP/1.1 413");
            assertThat(received.closed()).isTrue();
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            long started = System.currentTimeMillis();
            RawConnection.Received received = connection.send("GET /health HTTP/1.1\r\nHost: x\r\n").readUntilClosed(4_000);

            assertThat(received.closed()).isTrue();
            assertThat(System.currentTimeMillis() - started).isBetween(800L, 2_500L);
        }
    }

    @Test
    void headersTrickledOneLineAtATimeAreCutOffAtTheHeaderTimeout() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            long started = System.currentTimeMillis();
            connection.send("GET /health HTTP/1.1\r\n");
            boolean closed = false;
            for (int line = 0; line < 20 && !closed; line++) {
                Thread.sleep(250);
                try {
                    connection.send("X-Slow-" + line + ": y\r\n");
                } catch (java.io.UncheckedIOException reset) {
                    closed = true;
                }
                closed = closed || connection.readUntilClosed(1).closed();
            }

            assertThat(closed).isTrue();
            assertThat(System.currentTimeMillis() - started).isLessThan(2_500L);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            RawConnection.Received first = connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").readUntilClosed(1_500);
            assertThat(first.text()).startsWith("HTTP/1.1 200");
            assertThat(first.closed()).as("still open after 1.5 s, within the 2 s keep-alive").isFalse();

            RawConnection.Received later = connection.readUntilClosed(3_000);

            assertThat(later.closed()).isTrue();
        }
    }

    @Test
    void aConnectionAnsweredManyTimesInARowStaysOpenAndIsClosedOnceIdleForTheKeepAliveTimeout() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            long started = System.currentTimeMillis();
            for (int request = 0; request < 200; request++) {
                RawConnection.Received answer = connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").readResponses(1, 2_000);
                assertThat(answer.text()).as("request %d", request).startsWith("HTTP/1.1 200");
                assertThat(answer.closed()).as("request %d", request).isFalse();
                Thread.sleep(15);
            }
            assertThat(System.currentTimeMillis() - started).as("the requests spanned more than the 2 s keep-alive").isGreaterThan(2_000L);

            assertThat(connection.readUntilClosed(1_500).closed()).as("still open 1.5 s after the last answer").isFalse();
            assertThat(connection.readUntilClosed(2_500).closed()).as("closed once idle for the keep-alive").isTrue();
        }
    }

    @Test
    void aRequestInFlightForLongerThanBothTimeoutsIsNotCutOff() throws Exception {
        String body = "{\"externalId\":\"slow-body-1\"}";
        try (RawConnection connection = new RawConnection(server.port())) {
            assertThat(connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").readResponses(1, 2_000).text()).startsWith("HTTP/1.1 200");
            connection.send(post("Content-Length: " + body.length() + "\r\n", ""));
            for (char part : body.toCharArray()) {
                Thread.sleep(3_000 / body.length());
                connection.send(String.valueOf(part));
            }

            RawConnection.Received answer = connection.readResponses(1, 5_000);

            assertThat(answer.text()).as("the body took 3 s to arrive; keep-alive 2 s, header timeout 1 s").startsWith("HTTP/1.1 201");
            assertThat(answer.closed()).isFalse();
        }
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }
}
