package so.cueflow.deploy;

import so.cueflow.TestServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/cueflow.jar serve} as its own process on a free port, with its log in a file. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts without waiting; see {@link #awaitHealthy()}. */
    static ServerProcess start(String databaseUrl, Path logDir, String name) throws IOException {
        return start(databaseUrl, logDir, name, List.of(), List.of());
    }

    /** With a command to run it under (such as {@code prlimit --nofile=N:N}) and extra {@code serve} options. */
    static ServerProcess start(String databaseUrl, Path logDir, String name, List<String> wrapper, List<String> options)
            throws IOException {
        int port = TestServer.freePort();
        Path log = logDir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(java, "-Xmx512m", "-jar", new File("target/cueflow.jar").getAbsolutePath(),
                "serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--database-url", databaseUrl, "--event-loops", "2"));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServerProcess(process, port, log);
    }

    ServerProcess awaitHealthy() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) throw new AssertionError("the server exited: " + log());
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) return this;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not answer /health within 60 s: " + log());
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (a graceful shutdown), then SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
