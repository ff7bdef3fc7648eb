package so.cueflow.dashboard;

import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The account_tokens table: one-time links, stored as hashes. */
public final class AccountTokenStore {
    private final Database database;

    public AccountTokenStore(Database database) {
        this.database = database;
    }

    /** Stores the token and returns it (the only time it is seen). */
    String create(AccountToken token, long now) {
        String plain = Secrets.token();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO account_tokens"
                    + " (token_hash, purpose, email, workspace_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, Secrets.hash(plain));
                insert.setString(2, token.purpose().name());
                insert.setString(3, token.email());
                insert.setString(4, token.workspaceId());
                insert.setString(5, token.role() == null ? null : token.role().name());
                insert.setLong(6, now);
                insert.setLong(7, token.expiresAt());
                return insert.executeUpdate();
            }
        });
        return plain;
    }

    /** The token while it is unused and unexpired. */
    Optional<AccountToken> findUsable(String plain, long now) {
        if (plain == null || plain.isEmpty()) return Optional.empty();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT purpose, email, workspace_id, role, expires_at"
                    + " FROM account_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
                select.setString(1, Secrets.hash(plain));
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) return Optional.empty();
                    String role = rows.getString(4);
                    return Optional.of(new AccountToken(AccountToken.Purpose.valueOf(rows.getString(1)), rows.getString(2),
                            rows.getString(3), role == null ? null : Role.valueOf(role), rows.getLong(5)));
                }
            }
        });
    }

    /** Marks the token used; false when it was already used or has expired (so two tabs cannot both use it). */
    boolean use(Connection connection, String plain, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
            update.setLong(1, now);
            update.setString(2, Secrets.hash(plain));
            update.setLong(3, now);
            return update.executeUpdate() == 1;
        }
    }
}
