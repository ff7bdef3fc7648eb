package so.cueflow;

import com.sun.management.UnixOperatingSystemMXBean;
import so.cueflow.http.HttpLimits;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

/** Everything a server is started with; every key has a default and is listed in the README. */
public record Config(String host, int port, Path dataDir, String databaseUrl, int ingestQueueCapacity,
                     int ingestMaxBatch, int eventLoops, long rateLimitPerMinute, Http http, boolean accessLog,
                     String publicUrl, int sessionIdleDays, int previewThreads) {
    public static final int DEFAULT_SESSION_IDLE_DAYS = 14;
    /** Beyond four, more connections than a preview's share of the pool (8 on SQLite). */
    static final int MOST_PREVIEW_THREADS = 4;
    /**
     * Descriptors kept back from connections, for what the process opens besides them: the store and
     * its log, the jars, sockets to PostgreSQL, the log file (about 50 in all when idle).
     */
    static final int RESERVED_FILES = 256;

    /**
     * The HTTP connection limits: seconds allowed for a new connection's request headers and for an
     * idle keep-alive connection's next request, and the most connections open (0: derived from the
     * process's open-file limit, see {@link #connectionsFor}).
     */
    public record Http(int headerTimeoutSeconds, int keepAliveTimeoutSeconds, int maxConnections) {
        public static final Http DEFAULTS = new Http(10, 30, 0);

        public Http {
            require(headerTimeoutSeconds >= 1, "--header-timeout-seconds (CUEFLOW_HEADER_TIMEOUT_SECONDS)", "must be at least 1");
            require(keepAliveTimeoutSeconds >= 1, "--keep-alive-timeout-seconds (CUEFLOW_KEEP_ALIVE_TIMEOUT_SECONDS)", "must be at least 1");
            require(maxConnections >= 0, "--max-connections (CUEFLOW_MAX_CONNECTIONS)", "must be 0 (derived from the open-file limit) or more");
        }

        /** With the transport epoll, which frees a closed connection's descriptor at once. */
        public HttpLimits limits() {
            return limits(true);
        }

        public HttpLimits limits(boolean descriptorFreedOnClose) {
            int max = maxConnections > 0 ? maxConnections : fromOpenFileLimit(descriptorFreedOnClose);
            return new HttpLimits(Duration.ofSeconds(headerTimeoutSeconds), Duration.ofSeconds(keepAliveTimeoutSeconds), max);
        }

        private static int fromOpenFileLimit(boolean descriptorFreedOnClose) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
                return connectionsFor(unix.getMaxFileDescriptorCount(), descriptorFreedOnClose);
            }
            return 10_000;
        }

        /**
         * The connection cap for a process allowed {@code openFiles} descriptors: less {@link #RESERVED_FILES}
         * (or a quarter, if less) when a closed connection's descriptor is freed at once (epoll); half
         * when it is freed only on the event loop's next poll (Java NIO), when under a flood of
         * connections many closed ones still hold theirs.
         */
        static int connectionsFor(long openFiles, boolean descriptorFreedOnClose) {
            long reserve = descriptorFreedOnClose ? Math.min(RESERVED_FILES, openFiles / 4) : openFiles / 2;
            return (int) Math.max(64, Math.min(Integer.MAX_VALUE, openFiles - reserve));
        }
    }

    public Config {
        require(port >= 0 && port <= 65535, "--port (CUEFLOW_PORT)", "must be from 0 to 65535, not " + port);
        require(host != null && !host.isBlank(), "--host (CUEFLOW_HOST)", "must name an address, such as 0.0.0.0 or 127.0.0.1");
        require(ingestQueueCapacity >= 1, "--ingest-queue (CUEFLOW_INGEST_QUEUE)", "must be at least 1, not " + ingestQueueCapacity);
        require(ingestMaxBatch >= 1, "--ingest-max-batch (CUEFLOW_INGEST_MAX_BATCH)", "must be at least 1, not " + ingestMaxBatch);
        require(rateLimitPerMinute >= 0, "--rate-limit-per-minute (CUEFLOW_RATE_LIMIT_PER_MINUTE)", "must be 0 (off) or more, not " + rateLimitPerMinute);
        require(eventLoops >= 1, "--event-loops (CUEFLOW_EVENT_LOOPS)", "must be at least 1, not " + eventLoops);
        requireDatabaseUrl(databaseUrl);
        require(publicUrl == null || publicUrl.matches("https?://[^/?#\\s]+/?"),
                "--public-url (CUEFLOW_PUBLIC_URL)", "must be http(s)://HOST[:PORT] without a path, e.g. https://cueflow.example.com");
        require(sessionIdleDays >= 1, "--session-idle-days (CUEFLOW_SESSION_IDLE_DAYS)", "must be at least 1, not " + sessionIdleDays);
        require(previewThreads >= 1 && previewThreads <= MOST_PREVIEW_THREADS, "--preview-threads (CUEFLOW_PREVIEW_THREADS)",
                "must be from 1 to " + MOST_PREVIEW_THREADS + " (or 0: one per core), not " + previewThreads);
        if (publicUrl != null && publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }

    public Config(String host, int port, Path dataDir, String databaseUrl, int ingestQueueCapacity,
                  int ingestMaxBatch, int eventLoops, long rateLimitPerMinute) {
        this(host, port, dataDir, databaseUrl, ingestQueueCapacity, ingestMaxBatch, eventLoops, rateLimitPerMinute, Http.DEFAULTS, false,
                null, DEFAULT_SESSION_IDLE_DAYS, previewThreadsPerCore());
    }

    /** One thread per core, up to the most a preview may use. */
    public static int previewThreadsPerCore() {
        return Math.min(Runtime.getRuntime().availableProcessors(), MOST_PREVIEW_THREADS);
    }

    /** A database URL the server can open: absent (SQLite in the data directory), SQLite or PostgreSQL. */
    public static void requireDatabaseUrl(String databaseUrl) {
        require(databaseUrl == null || databaseUrl.startsWith("jdbc:sqlite:") || databaseUrl.startsWith("jdbc:postgresql:"),
                "--database-url (CUEFLOW_DATABASE_URL)", "must start with jdbc:sqlite: or jdbc:postgresql:, such as"
                        + " jdbc:postgresql://db.example.com/cueflow?user=cueflow&password=...");
    }

    /** The address people reach the server at: the public URL, or this host and port (localhost for 0.0.0.0). */
    public String baseUrl() {
        if (publicUrl != null) return publicUrl;
        return localUrl(host, port);
    }

    public static String localUrl(String host, int port) {
        boolean any = host == null || host.equals("0.0.0.0") || host.equals("::");
        return "http://" + (any ? "localhost" : host) + ":" + port;
    }

    /** Dashboard cookies are marked Secure when people reach the server over https. */
    public boolean secureCookies() {
        return publicUrl != null && publicUrl.startsWith("https://");
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

    private static void require(boolean ok, String setting, String message) {
        if (!ok) throw new ConfigException(setting + " " + message);
    }
}
