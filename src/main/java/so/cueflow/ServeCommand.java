package so.cueflow;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.dashboard.AccountLinks;
import so.cueflow.dashboard.UserStore;
import so.cueflow.storage.Database;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start the HTTP server (creates and migrates the store if needed).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "${env:CUEFLOW_PORT:-8080}", description = "HTTP port (env CUEFLOW_PORT; default 8080).")
    int port;

    @Option(names = "--host", defaultValue = "${env:CUEFLOW_HOST:-0.0.0.0}", description = "Address to listen on (env CUEFLOW_HOST; default 0.0.0.0).")
    String host;

    @Option(names = "--ingest-queue", defaultValue = "${env:CUEFLOW_INGEST_QUEUE:-50000}",
            description = "Events that may wait for the writer before requests get 503 (env CUEFLOW_INGEST_QUEUE; default 50000).")
    int ingestQueue;

    @Option(names = "--ingest-max-batch", defaultValue = "${env:CUEFLOW_INGEST_MAX_BATCH:-5000}",
            description = "Most events committed in one transaction (env CUEFLOW_INGEST_MAX_BATCH; default 5000).")
    int ingestMaxBatch;

    @Option(names = "--event-loops", defaultValue = "${env:CUEFLOW_EVENT_LOOPS:-0}",
            description = "HTTP event loops; 0 means one per core (env CUEFLOW_EVENT_LOOPS; default 0).")
    int eventLoops;

    @Option(names = "--rate-limit-per-minute", defaultValue = "${env:CUEFLOW_RATE_LIMIT_PER_MINUTE:-0}",
            description = "Requests a minute per API key unless the key sets its own; 0 means off (env CUEFLOW_RATE_LIMIT_PER_MINUTE; default 0).")
    long rateLimitPerMinute;

    @Option(names = "--header-timeout-seconds", defaultValue = "${env:CUEFLOW_HEADER_TIMEOUT_SECONDS:-10}",
            description = "Seconds a new connection has to send its request line and headers (env CUEFLOW_HEADER_TIMEOUT_SECONDS; default 10).")
    int headerTimeoutSeconds;

    @Option(names = "--keep-alive-timeout-seconds", defaultValue = "${env:CUEFLOW_KEEP_ALIVE_TIMEOUT_SECONDS:-30}",
            description = "Seconds an idle keep-alive connection may wait for its next request (env CUEFLOW_KEEP_ALIVE_TIMEOUT_SECONDS; default 30).")
    int keepAliveTimeoutSeconds;

    @Option(names = "--max-connections", defaultValue = "${env:CUEFLOW_MAX_CONNECTIONS:-0}",
            description = "Most open HTTP connections; 0 means half the open-file limit (env CUEFLOW_MAX_CONNECTIONS; default 0).")
    int maxConnections;

    @Option(names = "--access-log", defaultValue = "${env:CUEFLOW_ACCESS_LOG:-false}", fallbackValue = "true", arity = "0..1",
            description = "Log one line per request: method, path (never the query), status, bytes, milliseconds (env CUEFLOW_ACCESS_LOG; default false).")
    boolean accessLog;

    @Option(names = "--public-url", defaultValue = "${env:CUEFLOW_PUBLIC_URL}",
            description = "The URL people reach this server at, e.g. https://cueflow.example.com: used in printed links;"
                    + " https marks the dashboard's cookies Secure (env CUEFLOW_PUBLIC_URL; default http://HOST:PORT).")
    String publicUrl;

    @Option(names = "--session-idle-days", defaultValue = "${env:CUEFLOW_SESSION_IDLE_DAYS:-14}",
            description = "Days a dashboard session may stay unused before it ends (env CUEFLOW_SESSION_IDLE_DAYS; default 14).")
    int sessionIdleDays;

    @Option(names = "--preview-threads", defaultValue = "${env:CUEFLOW_PREVIEW_THREADS:-0}",
            description = "Connections one audience count reads a large workspace on at once, each a range of its contacts;"
                    + " 0 means one per core, at most 4 (env CUEFLOW_PREVIEW_THREADS; default 0).")
    int previewThreads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Every setting is checked, and the port found free, before anything is created or printed. */
    @Override
    public Integer call() throws Exception {
        int loops = eventLoops == 0 ? Runtime.getRuntime().availableProcessors() : eventLoops;
        Config config = new Config(host, port, store.dataDir, store.databaseUrl, ingestQueue, ingestMaxBatch, loops, rateLimitPerMinute,
                new Config.Http(headerTimeoutSeconds, keepAliveTimeoutSeconds, maxConnections), accessLog, publicUrl, sessionIdleDays,
                previewThreads == 0 ? Config.previewThreadsPerCore() : previewThreads);
        requirePortFree(config.host(), config.port());
        Database database = store.open();
        Clock clock = Clock.systemUTC();
        Server server = startOrExplain(config, database, clock);
        greetFirstStart(database, clock, config, spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ServeCommand.class).info("received a stop signal (SIGTERM or Ctrl-C)");
            server.close();
            stopped.countDown();
        }, "cueflow-shutdown"));
        stopped.await();
        return 0;
    }

    static void requirePortFree(String host, int port) {
        if (port == 0) return;
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw portInUse(host, port);
        } catch (IOException e) {
            throw new ConfigException("--host (CUEFLOW_HOST) " + host + " cannot be listened on: " + e.getMessage());
        }
    }

    /** The port may be taken between the check and the bind: the same one line then, and nothing greeted. */
    private static Server startOrExplain(Config config, Database database, Clock clock) throws Exception {
        try {
            return Server.start(config, database, clock);
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) throw portInUse(config.host(), config.port());
            }
            throw e;
        }
    }

    private static ConfigException portInUse(String host, int port) {
        return new ConfigException("--port (CUEFLOW_PORT) " + port + " is already in use on " + host
                + ": stop the other server or choose another port");
    }

    /**
     * On an empty store: the workspace "default" and a first secret key, shown this once. While the
     * store has no dashboard user: a one-time link that creates the first admin of "default".
     */
    private void greetFirstStart(Database database, Clock clock, Config config, PrintWriter out) {
        WorkspaceStore workspaces = new WorkspaceStore(database);
        if (workspaces.isEmpty()) {
            Workspace workspace = workspaces.findOrCreate("default", clock.millis());
            KeyStore.CreatedKey key = new KeyStore(database).create(workspace, ApiKey.Kind.SECRET, "first key", clock.millis());
            out.println("Created workspace \"default\" and its first secret key (shown only this once):");
            out.println();
            out.println("  " + key.plaintext());
            out.println();
            out.println("Try it:");
            out.println("  curl -s -X POST " + config.baseUrl() + "/api/v1/contacts -H 'Authorization: Bearer "
                    + key.plaintext() + "' -H 'Content-Type: application/json' -d '{\"externalId\":\"user-123\",\"email\":\"user123@example.com\"}'");
            out.println();
        }
        java.util.Optional<Workspace> workspace = workspaces.findByName("default");
        if (new UserStore(database).isEmpty() && workspace.isPresent()) {
            out.println("Open this link within " + AccountLinks.VALIDITY.toHours() + " hours to create the dashboard's first admin"
                    + " (it works once):");
            out.println();
            out.println("  " + config.baseUrl() + new AccountLinks(database, clock).firstAdmin(workspace.get()));
            out.println();
        }
        out.flush();
    }
}
