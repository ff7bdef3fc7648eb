package so.cueflow.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.Config;
import so.cueflow.TestServer;
import so.cueflow.auth.Authenticator;
import so.cueflow.auth.KeyStore;
import so.cueflow.storage.Database;
import so.cueflow.storage.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose answer fails while it is being written still gets one: a 500 with an errorId,
 * never a connection left hanging. The real route table, with one extra route whose answer cannot be
 * written as JSON (the storage does not matter here, so it runs on whichever store the suite uses).
 */
class AnswerAlwaysIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Vertx vertx;
    private static Database database;
    private static int port;

    /** Jackson calls the getter while writing the answer, and it fails. */
    record Unwritable(String name) {
        public String getBroken() {
            throw new IllegalStateException("cannot be written");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = new Database(TestDatabase.freshUrl(Files.createTempDirectory("cueflow-answer")));
        database.migrate();
        Clock clock = Clock.systemUTC();
        Consumer<Router> unwritable = router -> {
            router.get("/test/unwritable-after-blocking").handler(ctx -> Blocking.respond(ctx, 200, () -> new Unwritable("x")));
            router.get("/test/unwritable").handler(ctx -> Responses.json(ctx, 200, new Unwritable("x")));
        };
        HttpServer http = new HttpServer(new Authenticator(new KeyStore(database), clock),
                new RateLimitHandler(new RateLimiter(0), clock), new HttpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                List.of(unwritable), Config.Http.DEFAULTS.limits());
        vertx = Vertx.vertx();
        port = TestServer.freePort();
        http.start(vertx, "127.0.0.1", port, 1).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        database.close();
    }

    @Test
    void anAnswerThatCannotBeWrittenBecomesA500WithAnErrorId() throws Exception {
        for (String path : List.of("/test/unwritable-after-blocking", "/test/unwritable")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(Json.parse(response.body().getBytes(StandardCharsets.UTF_8)).path("error").path("errorId").asText())
                    .as(response.body()).isNotBlank();
        }
    }
}
