package so.cueflow.dashboard;

import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The invitations table. A link works while it is neither accepted, revoked nor expired. */
public final class InvitationStore {
    private static final String COLUMNS = "i.workspace_id, w.name, i.id, i.role, i.invited_by, i.created_at, i.expires_at";
    private static final String FROM = " FROM invitations i JOIN workspaces w ON w.id = i.workspace_id";
    private static final String USABLE = " accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?";

    private final Database database;

    public InvitationStore(Database database) {
        this.database = database;
    }

    /** Stores an invitation and returns its token (the only time it is seen). */
    String create(String workspaceId, Role role, String invitedBy, long now, long expiresAt) {
        String token = Secrets.token();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO invitations"
                    + " (workspace_id, id, token_hash, role, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, workspaceId);
                insert.setString(2, Ids.next(now));
                insert.setString(3, Secrets.hash(token));
                insert.setString(4, role.name());
                insert.setString(5, invitedBy);
                insert.setLong(6, now);
                insert.setLong(7, expiresAt);
                return insert.executeUpdate();
            }
        });
        return token;
    }

    /** The workspace's invitations that still work, newest first. */
    List<Invitation> pending(String workspaceId, long now) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + FROM
                    + " WHERE i.workspace_id = ? AND" + USABLE + " ORDER BY i.created_at DESC")) {
                select.setString(1, workspaceId);
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    List<Invitation> invitations = new ArrayList<>();
                    while (rows.next()) invitations.add(read(rows));
                    return invitations;
                }
            }
        });
    }

    Optional<Invitation> findUsable(String token, long now) {
        if (token == null || token.isEmpty()) return Optional.empty();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + FROM
                    + " WHERE i.token_hash = ? AND" + USABLE)) {
                select.setString(1, Secrets.hash(token));
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** False when the invitation was no longer pending (so one link admits one person). */
    boolean accept(Connection connection, String token, String userId, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE token_hash = ? AND" + USABLE)) {
            update.setLong(1, now);
            update.setString(2, userId);
            update.setString(3, Secrets.hash(token));
            update.setLong(4, now);
            return update.executeUpdate() == 1;
        }
    }

    /** Revokes a pending invitation of the workspace; false when there is none with that id. */
    boolean revoke(String workspaceId, String id, long now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE invitations SET revoked_at = ?"
                    + " WHERE workspace_id = ? AND id = ? AND" + USABLE)) {
                update.setLong(1, now);
                update.setString(2, workspaceId);
                update.setString(3, id);
                update.setLong(4, now);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static Invitation read(ResultSet rows) throws SQLException {
        return new Invitation(rows.getString(1), rows.getString(2), rows.getString(3), Role.valueOf(rows.getString(4)),
                rows.getString(5), rows.getLong(6), rows.getLong(7));
    }
}
