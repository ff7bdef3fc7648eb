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

    /** What a change of the team came to. */
    enum Change { DONE, NOT_A_MEMBER, LAST_ADMIN }

    /** The workspace's members, admins first, then by name. */
    public List<Member> members(String workspaceId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT u.id, u.email, u.name, u.password_changed_at, u.created_at, m.role, m.created_at"
                            + " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?"
                            + " ORDER BY CASE WHEN m.role = 'ADMIN' THEN 0 ELSE 1 END, u.name, u.email")) {
                select.setString(1, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    List<Member> members = new ArrayList<>();
                    while (rows.next()) {
                        User user = new User(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getLong(5));
                        members.add(new Member(user, Role.valueOf(rows.getString(6)), rows.getLong(7)));
                    }
                    return members;
                }
            }
        });
    }

    /** Changes a member's role; never leaves the workspace without an admin. */
    Change changeRole(String workspaceId, String userId, Role role) {
        return guarded(workspaceId, userId, role == Role.ADMIN, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?")) {
                update.setString(1, role.name());
                update.setString(2, workspaceId);
                update.setString(3, userId);
                update.executeUpdate();
            }
        });
    }

    /** Removes a member from the workspace (their account stays); never the last admin. */
    Change remove(String workspaceId, String userId) {
        return guarded(workspaceId, userId, false, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, userId);
                delete.executeUpdate();
            }
        });
    }

    private interface Write {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code write} unless it would take away the last admin. The workspace's membership rows are
     * locked first (PostgreSQL), so two admins demoting each other at once cannot both succeed.
     */
    private Change guarded(String workspaceId, String userId, boolean staysAdmin, Write write) {
        return database.inTransaction(connection -> {
            int admins = 0;
            Role target = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_id, role FROM memberships WHERE workspace_id = ?" + database.dialect().forDelete())) {
                select.setString(1, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Role role = Role.valueOf(rows.getString(2));
                        if (role == Role.ADMIN) admins++;
                        if (rows.getString(1).equals(userId)) target = role;
                    }
                }
            }
            if (target == null) return Change.NOT_A_MEMBER;
            if (target == Role.ADMIN && !staysAdmin && admins <= 1) return Change.LAST_ADMIN;
            write.run(connection);
            return Change.DONE;
        });
    }

    public void put(String workspaceId, String userId, Role role, long now) {
        database.inTransaction(connection -> {
            put(connection, workspaceId, userId, role, now);
            return null;
        });
    }
}
