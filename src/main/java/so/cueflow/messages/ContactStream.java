package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.SqlCondition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The contacts of a scope that meet a condition (alias {@code c}), in id order, read as they are needed. */
final class ContactStream implements AutoCloseable {
    private final PreparedStatement statement;
    private final ResultSet rows;

    ContactStream(Connection connection, ContactScope scope, SqlCondition condition) throws SQLException {
        SqlCondition selected = scope.rows("c", "id").and(condition);
        statement = connection.prepareStatement("SELECT " + ContactStore.COLUMNS + " FROM contacts c WHERE " + selected.sql()
                + " ORDER BY c.id");
        selected.bind(statement, 1);
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
