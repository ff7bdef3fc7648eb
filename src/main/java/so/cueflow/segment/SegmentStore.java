package so.cueflow.segment;

import so.cueflow.storage.ColumnArrays;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL of {@code segment_aliases}: which contact each joined anonymousId belongs to. */
public final class SegmentStore {
    private static final int IN_CHUNK = 400;

    /** Forgets the anonymousIds joined to a contact, in the caller's (erasing) transaction. */
    public static void eraseContact(Connection connection, String workspaceId, String contactId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM segment_aliases WHERE workspace_id = ? AND contact_id = ?")) {
            delete.setString(1, workspaceId);
            delete.setString(2, contactId);
            delete.executeUpdate();
        }
    }

    /** Joins the anonymousId to the contact unless it is joined already; true when this call joined it. */
    boolean link(Connection connection, String workspaceId, String anonymousId, String contactId, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO segment_aliases (workspace_id, anonymous_id,"
                + " contact_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, anonymous_id) DO NOTHING")) {
            insert.setString(1, workspaceId);
            insert.setString(2, anonymousId);
            insert.setString(3, contactId);
            insert.setLong(4, now);
            return insert.executeUpdate() == 1;
        }
    }

    /** The externalId (userId) of the contact each of these anonymousIds is joined to, for those joined. */
    Map<String, String> aliases(Connection connection, String workspaceId, Collection<String> anonymousIds) throws SQLException {
        Map<String, String> found = new HashMap<>();
        List<String> ids = List.copyOf(anonymousIds);
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(from + IN_CHUNK, ids.size()));
            try (PreparedStatement select = connection.prepareStatement("SELECT a.anonymous_id, c.external_id FROM segment_aliases a"
                    + " JOIN contacts c ON c.workspace_id = a.workspace_id AND c.id = a.contact_id"
                    + " WHERE a.workspace_id = ? AND a.anonymous_id IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                select.setString(1, workspaceId);
                for (int i = 0; i < chunk.size(); i++) select.setString(i + 2, chunk.get(i));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) found.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return found;
    }
}
