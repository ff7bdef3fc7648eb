package so.cueflow.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads that run one of a few statements on every request (eligibility on every page view), on connections of their
 * own that keep each statement prepared: SQLite compiles a statement on every prepare, which cost as much as running
 * it. A reader whose connection the database dropped is replaced, and the read runs once more.
 */
public final class PreparedReads implements AutoCloseable {
    private final Database database;
    private final BlockingQueue<Reader> idle;

    @FunctionalInterface
    public interface Read<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private static final class Reader {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Reader(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // dropped already
            }
        }
    }

    PreparedReads(Database database, int readers) {
        this.database = database;
        this.idle = new ArrayBlockingQueue<>(readers);
        for (int i = 0; i < readers; i++) idle.add(new Reader(null));
    }

    <T> T read(String sql, Read<T> read) throws SQLException {
        Reader reader = take();
        try {
            if (reader.connection == null) reader = new Reader(database.dedicatedConnection());
            try {
                return read.run(reader.statement(sql));
            } catch (SQLException e) {
                if (!database.dialect().connectionLost(e)) throw e;
                reader.close();
                reader = new Reader(null);
                reader = new Reader(database.dedicatedConnection());
                return read.run(reader.statement(sql));
            }
        } finally {
            idle.add(reader);
        }
    }

    private Reader take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(new SQLException("interrupted while waiting for a reader", e));
        }
    }

    @Override
    public void close() {
        Reader reader;
        while ((reader = idle.poll()) != null) {
            if (reader.connection != null) reader.close();
        }
    }
}
