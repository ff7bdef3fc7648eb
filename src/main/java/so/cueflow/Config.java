package so.cueflow;

import com.sun.management.UnixOperatingSystemMXBean;
import so.cueflow.http.HttpLimits;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/** Everything a server is started with; every key has a default and is listed in the README. */
public record Config(String host, int port, Path dataDir, String databaseUrl, int ingestQueueCapacity,
                     int ingestMaxBatch, int eventLoops, long rateLimitPerMinute, Http http) {

    /**
     * The HTTP connection limits: seconds allowed for a new connection's request headers and for an
     * idle keep-alive connection's next request, and the most connections open (0: the process's
     * half the open-file limit: the other half covers the store's files and the sockets that are being
     * accepted or closed at any moment, which under a flood of connections is many).
     */
    public record Http(int headerTimeoutSeconds, int keepAliveTimeoutSeconds, int maxConnections) {
        public static final Http DEFAULTS = new Http(10, 30, 0);

        public Http {
            require(headerTimeoutSeconds >= 1, "header timeout (CUEFLOW_HEADER_TIMEOUT_SECONDS)", "must be at least 1");
            require(keepAliveTimeoutSeconds >= 1, "keep-alive timeout (CUEFLOW_KEEP_ALIVE_TIMEOUT_SECONDS)", "must be at least 1");
            require(maxConnections >= 0, "max connections (CUEFLOW_MAX_CONNECTIONS)", "must be 0 (half the open-file limit) or more");
        }

        public HttpLimits limits() {
            int max = maxConnections > 0 ? maxConnections : fromOpenFileLimit();
            return new HttpLimits(Duration.ofSeconds(headerTimeoutSeconds), Duration.ofSeconds(keepAliveTimeoutSeconds), max);
        }

        private static int fromOpenFileLimit() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
                return (int) Math.max(64, Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount() / 2));
            }
            return 10_000;
        }
    }

    public Config {
        require(port >= 0 && port <= 65535, "port", "must be from 0 to 65535");
        require(ingestQueueCapacity >= 1, "ingest queue capacity (CUEFLOW_INGEST_QUEUE)", "must be at least 1");
        require(ingestMaxBatch >= 1, "ingest max batch (CUEFLOW_INGEST_MAX_BATCH)", "must be at least 1");
        require(rateLimitPerMinute >= 0, "rate limit (CUEFLOW_RATE_LIMIT_PER_MINUTE)", "must be 0 (off) or more");
        require(eventLoops >= 1, "event loops (CUEFLOW_EVENT_LOOPS)", "must be at least 1");
        require(databaseUrl == null || databaseUrl.startsWith("jdbc:sqlite:") || databaseUrl.startsWith("jdbc:postgresql:"),
                "database URL (CUEFLOW_DATABASE_URL)", "must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    /** The explicit database URL, or the SQLite file in the data directory. */
    public String jdbcUrl() {
        return jdbcUrl(dataDir, databaseUrl);
    }

    public static String jdbcUrl(Path dataDir, String databaseUrl) {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("cueflow.db").toAbsolutePath();
    }

    public boolean embedded() {
        return databaseUrl == null;
    }

    private static void require(boolean ok, String key, String message) {
        if (!ok) throw new IllegalArgumentException("invalid configuration: " + key + " " + message);
    }
}
