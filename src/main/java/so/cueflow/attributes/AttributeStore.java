package so.cueflow.attributes;

import so.cueflow.contacts.ContactStore;
import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of declared custom attributes (table {@code attributes}). */
public final class AttributeStore {
    private static final String COLUMNS = "attribute_key, name, value_type, created_at";

    private final Database database;
    private final ContactStore contacts;

    public AttributeStore(Database database, ContactStore contacts) {
        this.database = database;
        this.contacts = contacts;
    }

    public record Usage(Attribute attribute, long contacts) {
    }

    public List<Attribute> list(String workspaceId) {
        return database.read(connection -> select(connection, "SELECT " + COLUMNS + " FROM attributes WHERE workspace_id = ?"
                + " ORDER BY attribute_key", workspaceId));
    }

    /** Each attribute with the number of contacts that carry a value for it. */
    public List<Usage> usage(String workspaceId) {
        List<Usage> usage = new ArrayList<>();
        for (Attribute attribute : list(workspaceId)) {
            usage.add(new Usage(attribute, contacts.countWithAttribute(workspaceId, attribute.key())));
        }
        return usage;
    }

    public Optional<Attribute> find(String workspaceId, String key) {
        return database.read(connection -> select(connection, "SELECT " + COLUMNS + " FROM attributes WHERE workspace_id = ?"
                + " AND attribute_key = ?", workspaceId, key).stream().findFirst());
    }

    /** False when the key is already declared. */
    public boolean create(String workspaceId, Attribute attribute) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attributes (workspace_id, " + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, attribute_key) DO NOTHING")) {
                insert.setString(1, workspaceId);
                insert.setString(2, attribute.key());
                insert.setString(3, attribute.name());
                insert.setString(4, attribute.type().wireName());
                insert.setLong(5, attribute.createdAtMillis());
                return insert.executeUpdate() == 1;
            }
        });
    }

    public Optional<Attribute> rename(String workspaceId, String key, String name) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE attributes SET name = ? WHERE workspace_id = ? AND attribute_key = ?")) {
                update.setString(1, name);
                update.setString(2, workspaceId);
                update.setString(3, key);
                if (update.executeUpdate() == 0) return Optional.empty();
            }
            return select(connection, "SELECT " + COLUMNS + " FROM attributes WHERE workspace_id = ? AND attribute_key = ?",
                    workspaceId, key).stream().findFirst();
        });
    }

    /** Removes the declaration and the attribute's value from every contact, in one transaction; empty if unknown. */
    public Optional<Long> delete(String workspaceId, String key) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM attributes WHERE workspace_id = ? AND attribute_key = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, key);
                if (delete.executeUpdate() == 0) return Optional.empty();
            }
            return Optional.of(contacts.removeAttribute(connection, workspaceId, key));
        });
    }

    /** The declared types of those of {@code keys} that are declared, read in the caller's transaction. */
    public static Map<String, AttributeType> typesOf(Connection connection, String workspaceId, Set<String> keys) throws SQLException {
        Map<String, AttributeType> types = new HashMap<>();
        if (keys.isEmpty()) return types;
        try (PreparedStatement select = connection.prepareStatement("SELECT attribute_key, value_type FROM attributes"
                + " WHERE workspace_id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (keys.contains(rows.getString(1))) types.put(rows.getString(1), AttributeType.fromWire(rows.getString(2)).orElseThrow());
                }
            }
        }
        return types;
    }

    private static List<Attribute> select(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) select.setString(i + 1, parameters[i]);
            List<Attribute> attributes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attributes.add(new Attribute(rows.getString(1), rows.getString(2),
                            AttributeType.fromWire(rows.getString(3)).orElseThrow(), rows.getLong(4)));
                }
            }
            return attributes;
        }
    }
}
