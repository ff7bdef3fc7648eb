package so.cueflow.dashboard;

import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The sessions table, shared by every server of a deployment. */
public final class SessionStore {
    private final Database database;

    public SessionStore(Database database) {
        this.database = database;
    }

    /** Starts a session and returns the cookie's token (stored only as its hash). */
    String create(Connection connection, String userId, long now) throws SQLException {
        String token = Secrets.token();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, Secrets.hash(token));
            insert.setString(2, userId);
            insert.setString(3, Secrets.token());
            insert.setLong(4, now);
            insert.setLong(5, now);
            insert.executeUpdate();
        }
        return token;
    }

    String create(String userId, long now) {
        return database.inTransaction(connection -> create(connection, userId, now));
    }

    Optional<Session> find(String token) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?")) {
                select.setString(1, Secrets.hash(token));
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) return Optional.empty();
                    return Optional.of(new Session(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getLong(4), rows.getLong(5)));
                }
            }
        });
    }

    void touch(Session session, long now) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")) {
                update.setLong(1, now);
                update.setString(2, session.tokenHash());
                return update.executeUpdate();
            }
        });
    }

    void delete(Session session) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                delete.setString(1, session.tokenHash());
                return delete.executeUpdate();
            }
        });
    }

    /** Signs the user out everywhere. */
    void deleteAllOf(Connection connection, String userId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
            delete.setString(1, userId);
            delete.executeUpdate();
        }
    }

    /** Removes sessions idle since before {@code cutoff}; returns how many. */
    int deleteIdleSince(long cutoff) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE last_seen_at < ?")) {
                delete.setLong(1, cutoff);
                return delete.executeUpdate();
            }
        });
    }
}
