package so.cueflow.auth;

import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

public final class WorkspaceStore {
    private final Database database;

    public WorkspaceStore(Database database) {
        this.database = database;
    }

    public boolean isEmpty() {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM workspaces");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        });
    }

    public Optional<Workspace> findByName(String name) {
        return database.read(connection -> find(connection, name));
    }

    /** The workspace of that name, created if new; concurrent creators all get the same one. */
    public Workspace findOrCreate(String name, long now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, Ids.next(now));
                insert.setString(2, name);
                insert.setLong(3, now);
                insert.executeUpdate();
            }
            return find(connection, name).orElseThrow();
        });
    }

    /**
     * Keeps the workspace's raw events for {@code days} days (by occurredAt), or forever when null;
     * the retention purge deletes older ones, activity keeps their counts. False if no such workspace.
     */
    public boolean setEventRetentionDays(String workspaceName, Integer days) {
        if (days != null && days < 1) throw new IllegalArgumentException("event retention must be at least 1 day, or null to keep events forever");
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE workspaces SET event_retention_days = ? WHERE name = ?")) {
                if (days == null) update.setNull(1, java.sql.Types.BIGINT);
                else update.setLong(1, days);
                update.setString(2, workspaceName);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Days of raw events the workspace keeps, or empty when it keeps them forever. */
    public Optional<Integer> eventRetentionDays(String workspaceId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT event_retention_days FROM workspaces WHERE id = ?")) {
                select.setString(1, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) return Optional.empty();
                    long days = rows.getLong(1);
                    return rows.wasNull() ? Optional.empty() : Optional.of((int) days);
                }
            }
        });
    }

    /**
     * The instant from which the workspace's raw events are all kept: the retention purge has deleted none that
     * occurred at or after it. {@code Long.MIN_VALUE} when none was ever deleted.
     */
    public static long eventsKeptFrom(Connection connection, String workspaceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT events_purged_before FROM workspaces WHERE id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) return Long.MIN_VALUE;
                long purgedBefore = rows.getLong(1);
                return rows.wasNull() ? Long.MIN_VALUE : purgedBefore;
            }
        }
    }

    /** In the purge's transaction: raw events before {@code cutoff} were deleted, so those kept start there at the earliest. */
    public static void notePurgedBefore(Connection connection, String workspaceId, long cutoff) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE workspaces SET events_purged_before = ?"
                + " WHERE id = ? AND (events_purged_before IS NULL OR events_purged_before < ?)")) {
            update.setLong(1, cutoff);
            update.setString(2, workspaceId);
            update.setLong(3, cutoff);
            update.executeUpdate();
        }
    }

    private static Optional<Workspace> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, name, created_at FROM workspaces WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) return Optional.empty();
                return Optional.of(new Workspace(rows.getString(1), rows.getString(2), rows.getLong(3)));
            }
        }
    }
}
