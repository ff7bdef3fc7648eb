package so.cueflow.dashboard;

import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The users table. Emails are kept lower-cased ({@link Emails#normalise}), unique by constraint. */
public final class UserStore {
    private static final String COLUMNS = "id, email, name, password_changed_at, created_at";

    private final Database database;

    public UserStore(Database database) {
        this.database = database;
    }

    /** A user and their stored hash, for checking a password; nothing else reads the hash. */
    record Credentials(User user, String passwordHash) {
    }

    public boolean isEmpty() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM users");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        });
    }

    public Optional<User> findByEmail(String email) {
        return database.read(connection -> findByEmail(connection, email));
    }

    Optional<User> findByEmail(Connection connection, String email) throws SQLException {
        return find(connection, "email", Emails.normalise(email));
    }

    public Optional<User> findById(String id) {
        return database.read(connection -> find(connection, "id", id));
    }

    Optional<Credentials> credentials(String email) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + ", password_hash FROM users WHERE email = ?")) {
                select.setString(1, Emails.normalise(email));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Credentials(read(rows), rows.getString(6))) : Optional.empty();
                }
            }
        });
    }

    /** Inserts a user; empty when the email is taken (decided by the unique constraint, not a prior read). */
    Optional<User> create(Connection connection, String email, String name, String passwordHash, long now) throws SQLException {
        User user = new User(Ids.next(now), Emails.normalise(email), name, now, now);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (email) DO NOTHING")) {
            insert.setString(1, user.id());
            insert.setString(2, user.email());
            insert.setString(3, name);
            insert.setString(4, passwordHash);
            insert.setLong(5, now);
            insert.setLong(6, now);
            return insert.executeUpdate() == 1 ? Optional.of(user) : Optional.empty();
        }
    }

    void setPassword(Connection connection, String userId, String passwordHash, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")) {
            update.setString(1, passwordHash);
            update.setLong(2, now);
            update.setString(3, userId);
            update.executeUpdate();
        }
    }

    private static Optional<User> find(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static User read(ResultSet rows) throws SQLException {
        return new User(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getLong(5));
    }
}
