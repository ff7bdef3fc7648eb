package so.cueflow.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The store: a pooled DataSource for SQLite or PostgreSQL, chosen by URL, and its migrations. */
public final class Database implements AutoCloseable {
    private final String url;
    private final Dialect dialect;
    private final HikariDataSource pool;

    public Database(String url) {
        this.url = url;
        this.dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 8 : 16);
        config.setPoolName("cueflow");
        config.setDataSourceProperties(connectionProperties());
        this.pool = new HikariDataSource(config);
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
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A connection outside the pool, for the ingest writer that holds one for its lifetime. */
    public Connection dedicatedConnection() throws SQLException {
        return DriverManager.getConnection(url, connectionProperties());
    }

    public <T> T inTransaction(Transaction<T> work) {
        try (Connection connection = connection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
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

    public <T> T read(Transaction<T> work) {
        try (Connection connection = connection()) {
            return work.run(connection);
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
        }
        return properties;
    }

    @Override
    public void close() {
        pool.close();
    }

    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }
}
