package so.cueflow.dashboard;

import so.cueflow.auth.Workspace;
import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The memberships table: which user has which role in which workspace. */
public final class MembershipStore {
    private final Database database;

    public MembershipStore(Database database) {
        this.database = database;
    }

    /** The user's workspaces by name. */
    public List<Membership> of(String userId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT w.id, w.name, w.created_at, m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id"
                            + " WHERE m.user_id = ? ORDER BY w.name")) {
                select.setString(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    List<Membership> memberships = new ArrayList<>();
                    while (rows.next()) {
                        memberships.add(new Membership(new Workspace(rows.getString(1), rows.getString(2), rows.getLong(3)),
                                Role.valueOf(rows.getString(4))));
                    }
                    return memberships;
                }
            }
        });
    }

    /** The user's membership of the named workspace; empty when there is none (or no such workspace). */
    public Optional<Membership> find(String userId, String workspaceName) {
        return of(userId).stream().filter(m -> m.workspace().name().equals(workspaceName)).findFirst();
    }

    /** Adds the user to the workspace, or changes their role there. */
    void put(Connection connection, String workspaceId, String userId, Role role, long now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role")) {
            upsert.setString(1, workspaceId);
            upsert.setString(2, userId);
            upsert.setString(3, role.name());
            upsert.setLong(4, now);
            upsert.executeUpdate();
        }
    }

    public void put(String workspaceId, String userId, Role role, long now) {
        database.inTransaction(connection -> {
            put(connection, workspaceId, userId, role, now);
            return null;
        });
    }
}
