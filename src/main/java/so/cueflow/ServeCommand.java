package so.cueflow;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.storage.Database;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = "Start the HTTP server (creates and migrates the store if needed).")
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int loops = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
        Config config = new Config(host, port, store.dataDir, store.databaseUrl, ingestQueue, ingestMaxBatch, loops, rateLimitPerMinute,
                new Config.Http(headerTimeoutSeconds, keepAliveTimeoutSeconds, maxConnections));
        Database database = store.open();
        Clock clock = Clock.systemUTC();
        greetFirstStart(database, clock, spec.commandLine().getOut());
        Server server = Server.start(config, database, clock);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "cueflow-shutdown"));
        stopped.await();
        return 0;
    }

    /** On an empty store: the workspace "default" and a first secret key, shown this once. */
    private void greetFirstStart(Database database, Clock clock, PrintWriter out) {
        WorkspaceStore workspaces = new WorkspaceStore(database);
        if (!workspaces.isEmpty()) return;
        Workspace workspace = workspaces.findOrCreate("default", clock.millis());
        KeyStore.CreatedKey key = new KeyStore(database).create(workspace, ApiKey.Kind.SECRET, "first key", clock.millis());
        int shownPort = port == 0 ? 8080 : port;
        out.println("Created workspace \"default\" and its first secret key (shown only this once):");
        out.println();
        out.println("  " + key.plaintext());
        out.println();
        out.println("Try it:");
        out.println("  curl -s -X POST http://localhost:" + shownPort + "/api/v1/contacts -H 'Authorization: Bearer "
                + key.plaintext() + "' -H 'Content-Type: application/json' -d '{\"externalId\":\"user-123\",\"email\":\"user123@example.com\"}'");
        out.flush();
    }
}
