package so.cueflow.messages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import so.cueflow.storage.SqlCondition;

/**
 * Rows ordered by contact id (column 1) and carrying an event key (column 2), read beside a stream of contacts in
 * the same order: the audience scans merge them contact by contact. The query's parameters are the workspace,
 * then the keys.
 */
final class KeyedCursor<T> implements AutoCloseable {
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowReader<T> reader;
    private boolean hasRow;

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    @FunctionalInterface
    interface RowSink<T> {
        void accept(String eventKey, T value);
    }

    KeyedCursor(Connection connection, String sql, String workspaceId, Set<String> keys, RowReader<T> reader)
            throws SQLException {
        this(connection, sql, workspaceId, keys, List.of(), reader);
    }

    /** {@code more}: the values of the query's marks after the keys'. */
    KeyedCursor(Connection connection, String sql, String workspaceId, Set<String> keys, List<Object> more,
                RowReader<T> reader) throws SQLException {
        this.statement = connection.prepareStatement(sql);
        this.reader = reader;
        statement.setString(1, workspaceId);
        int index = 2;
        for (String key : keys) statement.setString(index++, key);
        SqlCondition.bind(statement, index, more);
        statement.setFetchSize(1_000);
        rows = statement.executeQuery();
        hasRow = rows.next();
    }

    /** Hands over the rows of this contact; rows of contacts that no longer exist are skipped. */
    void drain(String contactId, RowSink<T> sink) throws SQLException {
        while (hasRow && rows.getString(1).compareTo(contactId) < 0) hasRow = rows.next();
        while (hasRow && rows.getString(1).equals(contactId)) {
            sink.accept(rows.getString(2), reader.read(rows));
            hasRow = rows.next();
        }
    }

    @Override
    public void close() throws SQLException {
        rows.close();
        statement.close();
    }
}
