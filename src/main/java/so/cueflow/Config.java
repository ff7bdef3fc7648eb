package so.cueflow;

import java.nio.file.Path;

/** Everything a server is started with; every key has a default and is listed in the README. */
public record Config(String host, int port, Path dataDir, String databaseUrl, int ingestQueueCapacity,
                     int ingestMaxBatch, int eventLoops, long rateLimitPerMinute) {

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
