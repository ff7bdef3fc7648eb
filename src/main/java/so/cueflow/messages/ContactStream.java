package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;
import so.cueflow.storage.SqlCondition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The contacts of a workspace that meet a condition (alias {@code c}), in id order, read as they are needed. */
final class ContactStream implements AutoCloseable {
    private final PreparedStatement statement;
    private final ResultSet rows;

    ContactStream(Connection connection, String workspaceId, SqlCondition condition) throws SQLException {
        statement = connection.prepareStatement("SELECT " + ContactStore.COLUMNS + " FROM contacts c"
                + " WHERE c.workspace_id = ? AND (" + condition.sql() + ") ORDER BY c.id");
        statement.setString(1, workspaceId);
        condition.bind(statement, 2);
        statement.setFetchSize(1_000);
        rows = statement.executeQuery();
    }

    Contact next() throws SQLException {
        return rows.next() ? ContactStore.read(rows) : null;
    }

    @Override
    public void close() throws SQLException {
        rows.close();
        statement.close();
    }
}
