package so.cueflow;

import com.fasterxml.jackson.databind.JsonNode;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.http.Json;
import so.cueflow.storage.Database;
import so.cueflow.storage.TestDatabase;
import so.cueflow.storage.WalSync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The real server on a free port over a fresh store — a temporary SQLite file, or a new PostgreSQL
 * database when {@code -Dcueflow.test.store=postgres} (see {@link TestDatabase}) — and a real HTTP
 * client for it.
 */
public final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Ports the tests may listen on, {@code -Dcueflow.test.ports=FROM-TO}. */
    private static final String PORTS = System.getProperty("cueflow.test.ports", "21000-21999");
    /** Three, whatever the machine's cores: every large enough workspace is counted in three ranges at once. */
    private static final int PREVIEW_THREADS = 3;

    private final Path dataDir;
    private final String databaseUrl;
    private final int port;
    private Database database;
    private Server server;

    private final int queueCapacity;
    private final long rateLimitPerMinute;
    private final Config.Http http;
    private final Clock clock;
    private final WalSync.Step walSync;

    private TestServer(Path dataDir, int queueCapacity, long rateLimitPerMinute, Config.Http http, Clock clock,
                       WalSync.Step walSync) throws Exception {
        this.http = http;
        this.walSync = walSync;
        this.dataDir = dataDir;
        this.queueCapacity = queueCapacity;
        this.rateLimitPerMinute = rateLimitPerMinute;
        this.clock = clock;
        this.port = freePort();
        this.databaseUrl = TestDatabase.freshUrl(dataDir);
        this.database = new Database(databaseUrl);
        database.migrate();
        this.server = Server.start(config(), database, clock, walSync);
    }

    public static TestServer start() throws Exception {
        return start(50_000, 0);
    }

    public static TestServer start(int queueCapacity, long rateLimitPerMinute) throws Exception {
        return new TestServer(Files.createTempDirectory("cueflow-it"), queueCapacity, rateLimitPerMinute, Config.Http.DEFAULTS, Clock.systemUTC(),
                WalSync.Step.FORCE);
    }

    /** With the step that fsyncs SQLite's log wrapped, so a test can see and hold it. */
    public static TestServer start(WalSync.Step walSync) throws Exception {
        return new TestServer(Files.createTempDirectory("cueflow-it"), 50_000, 0, Config.Http.DEFAULTS, Clock.systemUTC(), walSync);
    }

    /** With its own HTTP connection limits (timeouts, most connections). */
    public static TestServer start(Config.Http http) throws Exception {
        return new TestServer(Files.createTempDirectory("cueflow-it"), 50_000, 0, http, Clock.systemUTC(), WalSync.Step.FORCE);
    }

    /** A server whose idea of now is {@code clock} (e.g. one a test moves forward). */
    public static TestServer start(Clock clock) throws Exception {
        return new TestServer(Files.createTempDirectory("cueflow-it"), 50_000, 0, Config.Http.DEFAULTS, clock, WalSync.Step.FORCE);
    }

    public int port() {
        return port;
    }

    private Config config() {
        String explicitUrl = TestDatabase.postgres() ? databaseUrl : null;
        return new Config("127.0.0.1", port, dataDir, explicitUrl, queueCapacity, 5_000, 2, rateLimitPerMinute, http, false, null, Config.DEFAULT_SESSION_IDLE_DAYS,
                PREVIEW_THREADS);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public java.util.List<io.vertx.ext.web.Route> routes() {
        return server.routes();
    }

    /** The server's own retention purge, run now (it also forgets what the server kept of the purged events). */
    public long purgeExpiredEvents() {
        return server.purgeExpiredEvents();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Database database() {
        return database;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    /** The command-line option that names this server's store: {@code --data} (SQLite) or {@code --database-url}. */
    public String storeFlag() {
        return TestDatabase.cliOptions(dataDir, databaseUrl).get(0);
    }

    /** The value of {@link #storeFlag()}: the data directory or the database URL. */
    public String storeLocation() {
        return TestDatabase.cliOptions(dataDir, databaseUrl).get(1);
    }

    /** A new secret key of the named workspace (created if new). */
    public String newKey(String workspace) {
        long now = System.currentTimeMillis();
        var found = new WorkspaceStore(database).findOrCreate(workspace, now);
        return new KeyStore(database).create(found, ApiKey.Kind.SECRET, "test", now).plaintext();
    }

    public Reply post(String key, String path, String json) {
        return send(key, "POST", path, json, "application/json");
    }

    public Reply patch(String key, String path, String json) {
        return send(key, "PATCH", path, json, "application/json");
    }

    public Reply get(String key, String path) {
        return send(key, "GET", path, null, null);
    }

    public Reply delete(String key, String path) {
        return send(key, "DELETE", path, null, null);
    }

    /** A request without a body, with these headers. */
    public Reply sendWithHeaders(String method, String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return exchange(request);
    }

    public Reply send(String key, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) request.header("Authorization", "Bearer " + key);
        if (contentType != null) request.header("Content-Type", contentType);
        return exchange(request);
    }

    private static Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server as a graceful shutdown would, and starts a new one on the same store. */
    public void restart() throws Exception {
        server.close();
        database = new Database(databaseUrl);
        server = Server.start(config(), database, clock, walSync);
    }

    @Override
    public void close() throws IOException {
        server.close();
        TestDatabase.drop(databaseUrl);
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A port of 127.0.0.1 in the tests' range (21000–21999 unless cueflow.test.ports says otherwise) that is free now. */
    public static int freePort() {
        String[] range = PORTS.split("-");
        int from = Integer.parseInt(range[0].trim());
        int to = Integer.parseInt(range[1].trim());
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, to + 1);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in " + PORTS);
    }

    public record Reply(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            return Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
