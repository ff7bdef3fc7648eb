package so.cueflow.events;

import so.cueflow.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/** Display names of event keys (table {@code event_names}), shown in the dashboard's catalog. */
public final class EventNameStore {
    public static final int MAX_NAME = 100;

    private final Database database;

    public EventNameStore(Database database) {
        this.database = database;
    }

    public Map<String, String> names(String workspaceId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_key, display_name FROM event_names WHERE workspace_id = ?")) {
                select.setString(1, workspaceId);
                Map<String, String> names = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) names.put(rows.getString(1), rows.getString(2));
                }
                return names;
            }
        });
    }

    /** Sets the display name; null or blank removes it (the key is shown instead). */
    public void rename(String workspaceId, String eventKey, String displayName) {
        database.inTransaction(connection -> {
            String sql = displayName == null || displayName.isBlank()
                    ? "DELETE FROM event_names WHERE workspace_id = ? AND event_key = ?"
                    : "INSERT INTO event_names (workspace_id, event_key, display_name) VALUES (?, ?, ?)"
                    + " ON CONFLICT (workspace_id, event_key) DO UPDATE SET display_name = excluded.display_name";
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                write.setString(1, workspaceId);
                write.setString(2, eventKey);
                if (displayName != null && !displayName.isBlank()) write.setString(3, displayName.trim());
                return write.executeUpdate();
            }
        });
    }
}
