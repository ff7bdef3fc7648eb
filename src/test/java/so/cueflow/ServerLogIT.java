package so.cueflow;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The server as a process with --access-log: its start-up line, one line per request (never the query), and what SIGTERM drained. */
class ServerLogIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theLogTellsVersionStoreRequestsAndTheStop() throws Exception {
        Path scratch = Files.createTempDirectory("cueflow-log");
        Path log = scratch.resolve("server.log");
        int port = TestServer.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", new File("target/cueflow.jar").getAbsolutePath(), "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", scratch.resolve("data").toString(), "--access-log"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(base, process, log);
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contacts?cursor=secret-in-query")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log);
            assertThat(output).containsPattern("Cueflow \\S+ listening on http://127\\.0\\.0\\.1:" + port + ", store jdbc:sqlite:\\S+cueflow\\.db, access log on")
                    .containsPattern("access - GET /health 200 \\d+B \\d+ms")
                    .containsPattern("access - GET /api/v1/contacts 401 \\d+B \\d+ms")
                    .doesNotContain("secret-in-query")
                    .contains("received a stop signal (SIGTERM or Ctrl-C)")
                    .containsPattern("stopped in \\d+ ms: 0 queued events committed and answered");
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static void awaitHealthy(String base, Process process, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the server exited: " + Files.readString(log));
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer on /health within 120 s: " + Files.readString(log));
    }
}
