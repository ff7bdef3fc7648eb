package so.cueflow.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The store: a pooled DataSource for SQLite or PostgreSQL, chosen by URL, and its migrations. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Connections of their own for the per-page-view reads: as many as a 2-core machine keeps busy, and a few more. */
    private static final int PREPARED_READERS = 4;
    /** Threads reading batches of look-ups: each holds one prepared reader while it reads. */
    private static final int BATCH_READERS = 2;
    private static final int MAX_BATCH = 64;

    private final String url;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final PreparedReads preparedReads = new PreparedReads(this, PREPARED_READERS);
    private final java.util.List<BatchedLookups<?, ?>> batchedLookups = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Database(String url) {
        this.url = url;
        this.dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 8 : 16);
        config.setPoolName("cueflow");
        config.setDataSourceProperties(connectionProperties());
        // The row-lock reasoning in Dialect assumes READ COMMITTED: pinned, whatever the server's default.
        if (dialect == Dialect.POSTGRESQL) config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        this.pool = new HikariDataSource(config);
    }

    /** Opens and closes one connection, so a wrong password or an unreachable server is found before anything starts. */
    public static void probe(String url) throws SQLException {
        Properties properties = new Properties();
        if (Dialect.of(url) == Dialect.POSTGRESQL) properties.setProperty("connectTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            // reachable, and the credentials are accepted
        }
    }

    /** The URL with its password replaced by ***, for every place a URL is printed or logged. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@?]*:)[^@/?]*@", "$1***@");
    }

    /** This store's URL, safe to print. */
    public String describe() {
        return redact(url);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The SQLite database file; only for the embedded store. */
    public java.nio.file.Path sqliteFile() {
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        return java.nio.file.Path.of(query < 0 ? path : path.substring(0, query)).toAbsolutePath();
    }

    public void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration", "classpath:db/migration-" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .load()
                .migrate();
        // SQLite loads a schema's statistics when a connection first reads it: connections opened before a
        // migration that set statistics (V61) would plan without them.
        if (dialect == Dialect.SQLITE) pool.getHikariPoolMXBean().softEvictConnections();
    }

    /** Logs the server and its durability settings; warns when a commit would not survive a crash. */
    public void reportDurability() {
        if (dialect != Dialect.POSTGRESQL) return;
        read(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT current_setting('server_version'), current_setting('synchronous_commit'), current_setting('fsync'),"
                            + " datcollate FROM pg_database WHERE datname = current_database()")) {
                rows.next();
                String synchronousCommit = rows.getString(2);
                String fsync = rows.getString(3);
                String collation = rows.getString(4);
                LOG.info("PostgreSQL {}: synchronous_commit={}, fsync={}, collation {}", rows.getString(1), synchronousCommit, fsync, collation);
                if (!"C".equals(collation) && !"POSIX".equals(collation)) {
                    LOG.info("a database created with LC_COLLATE 'C' compares the text keys of every index faster (docs/deploy.md)");
                }
                if (!fsync.equals("on") || synchronousCommit.equals("off")) {
                    LOG.warn("PostgreSQL runs with fsync={} and synchronous_commit={}: an acknowledged event may be lost"
                            + " in a crash of the database server", fsync, synchronousCommit);
                }
                return null;
            }
        });
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A connection outside the pool, for the ingest writer that holds one for its lifetime. */
    public Connection dedicatedConnection() throws SQLException {
        Connection connection = DriverManager.getConnection(url, connectionProperties());
        if (dialect == Dialect.POSTGRESQL) connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return connection;
    }

    /** A write is not retried after a lost connection: whether it committed is unknown. */
    public <T> T inTransaction(Transaction<T> work) {
        try (Connection connection = connection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            if (dialect.connectionLost(e)) pool.getHikariPoolMXBean().softEvictConnections();
            throw new StoreException(e);
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code connection}, which is left in auto-commit:
     * the SQLite driver opens the next transaction right after a commit, and an idle connection
     * must not hold the write lock.
     */
    public <T> T inTransaction(Connection connection, Transaction<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (Throwable e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A read that meets a connection the database dropped runs once more, on a new connection. */
    public <T> T read(Transaction<T> work) {
        try {
            return readOnce(work);
        } catch (SQLException e) {
            if (!dialect.connectionLost(e)) throw new StoreException(e);
            // Most likely every other connection of the pool is gone too: replace them all at once.
            pool.getHikariPoolMXBean().softEvictConnections();
            try {
                return readOnce(work);
            } catch (SQLException again) {
                throw new StoreException(again);
            }
        }
    }

    private <T> T readOnce(Transaction<T> work) throws SQLException {
        try (Connection connection = connection()) {
            return work.run(connection);
        }
    }

    /**
     * A read of one statement that every request runs (see {@link PreparedReads}): the statement stays prepared.
     * The statement's result set must be closed by {@code read}, so that no read snapshot stays open.
     */
    public <T> T readPrepared(String sql, PreparedReads.Read<T> read) {
        try {
            return preparedReads.read(sql, read);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Look-ups by key read in batches ({@link BatchedLookups}), stopped when the store closes. {@code readBatch}
     * runs on the look-ups' own threads; it reads through {@link #readPrepared}.
     */
    public <K, V> BatchedLookups<K, V> batchedLookups(String name, java.util.function.Function<java.util.List<K>,
            java.util.Map<K, V>> readBatch) {
        BatchedLookups<K, V> lookups = new BatchedLookups<>(name, BATCH_READERS, MAX_BATCH, readBatch);
        batchedLookups.add(lookups);
        return lookups;
    }

    /**
     * A long read whose result sets stream ({@code setFetchSize}) rather than load whole. PostgreSQL
     * streams only inside a transaction, so there it runs in a read-only REPEATABLE READ one, which
     * also gives all its queries one snapshot (the pool resets the connection after). SQLite streams
     * in auto-commit, where a transaction would take the write lock.
     */
    public <T> T readStreaming(Transaction<T> work) {
        if (!dialect.streamsOnlyInTransaction()) return read(work);
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private Properties connectionProperties() {
        Properties properties = new Properties();
        if (dialect == Dialect.SQLITE) {
            properties.setProperty("journal_mode", "WAL");
            // FULL: a commit is fsynced to the WAL, so an acknowledged event survives a power loss.
            properties.setProperty("synchronous", "FULL");
            properties.setProperty("busy_timeout", "15000");
            // IMMEDIATE: a write transaction takes the write lock up front, so reads inside it are
            // never on a stale snapshot and no two writers deadlock on lock upgrade.
            properties.setProperty("transaction_mode", "IMMEDIATE");
            properties.setProperty("cache_size", "-65536");
            properties.setProperty("temp_store", "MEMORY");
        } else {
            properties.setProperty("ApplicationName", "cueflow");
            // A commit returns once its WAL is flushed, whatever the server's default; parameters
            // given in the URL (e.g. options=-c synchronous_commit=remote_apply) take precedence.
            // reWriteBatchedInserts stays off: the writer reads one update count per inserted row.
            properties.setProperty("options", "-c synchronous_commit=on");
        }
        return properties;
    }

    @Override
    public void close() {
        batchedLookups.forEach(BatchedLookups::close);
        preparedReads.close();
        pool.close();
    }

    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }
}
