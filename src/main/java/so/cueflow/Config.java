package so.cueflow;

import java.nio.file.Path;

/** Everything a server is started with; every key has a default and is listed in the README. */
public record Config(String host, int port, Path dataDir, String databaseUrl, int ingestQueueCapacity,
                     int ingestMaxBatch, int eventLoops, long rateLimitPerMinute, String publicUrl, int sessionIdleDays) {
    public static final int DEFAULT_SESSION_IDLE_DAYS = 14;

    public Config {
        require(port >= 0 && port <= 65535, "port", "must be from 0 to 65535");
        require(ingestQueueCapacity >= 1, "ingest queue capacity (CUEFLOW_INGEST_QUEUE)", "must be at least 1");
        require(ingestMaxBatch >= 1, "ingest max batch (CUEFLOW_INGEST_MAX_BATCH)", "must be at least 1");
        require(rateLimitPerMinute >= 0, "rate limit (CUEFLOW_RATE_LIMIT_PER_MINUTE)", "must be 0 (off) or more");
        require(eventLoops >= 1, "event loops (CUEFLOW_EVENT_LOOPS)", "must be at least 1");
        require(databaseUrl == null || databaseUrl.startsWith("jdbc:sqlite:") || databaseUrl.startsWith("jdbc:postgresql:"),
                "database URL (CUEFLOW_DATABASE_URL)", "must start with jdbc:sqlite: or jdbc:postgresql:");
        require(publicUrl == null || publicUrl.matches("https?://[^/?#\\s]+/?"),
                "public URL (CUEFLOW_PUBLIC_URL)", "must be http(s)://HOST[:PORT] without a path, e.g. https://cueflow.example.com");
        require(sessionIdleDays >= 1, "session idle days (CUEFLOW_SESSION_IDLE_DAYS)", "must be at least 1");
        if (publicUrl != null && publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }

    /** The settings before the dashboard: no public URL, sessions idle out after 14 days. */
    public Config(String host, int port, Path dataDir, String databaseUrl, int ingestQueueCapacity,
                  int ingestMaxBatch, int eventLoops, long rateLimitPerMinute) {
        this(host, port, dataDir, databaseUrl, ingestQueueCapacity, ingestMaxBatch, eventLoops, rateLimitPerMinute,
                null, DEFAULT_SESSION_IDLE_DAYS);
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

    private static void require(boolean ok, String key, String message) {
        if (!ok) throw new IllegalArgumentException("invalid configuration: " + key + " " + message);
    }
}
