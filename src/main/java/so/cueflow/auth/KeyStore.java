package so.cueflow.auth;

import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;
import so.cueflow.storage.Rows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class KeyStore {
    private static final String COLUMNS = "k.id, k.workspace_id, w.name, k.kind, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at, k.rate_limit_per_minute";
    private static final String FROM = " FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id";

    private final Database database;

    public KeyStore(Database database) {
        this.database = database;
    }

    public record CreatedKey(ApiKey key, String plaintext) {
    }

    public CreatedKey create(Workspace workspace, ApiKey.Kind kind, String name, long now) {
        return create(workspace, kind, name, null, now);
    }

    /** {@code rateLimitPerMinute}: null for the deployment's default, 0 for unlimited. */
    public CreatedKey create(Workspace workspace, ApiKey.Kind kind, String name, Long rateLimitPerMinute, long now) {
        String plaintext = KeyMaterial.generate(kind);
        ApiKey key = new ApiKey(Ids.next(now), workspace.id(), workspace.name(), kind, name,
                KeyMaterial.prefix(plaintext), now, null, null, rateLimitPerMinute);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_keys (workspace_id, id, kind, name, prefix, key_hash, created_at, rate_limit_per_minute)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, key.workspaceId());
                insert.setString(2, key.id());
                insert.setString(3, kind.name());
                insert.setString(4, name);
                insert.setString(5, key.prefix());
                insert.setString(6, KeyMaterial.hash(plaintext));
                insert.setLong(7, now);
                if (rateLimitPerMinute == null) insert.setNull(8, java.sql.Types.BIGINT);
                else insert.setLong(8, rateLimitPerMinute);
                return insert.executeUpdate();
            }
        });
        return new CreatedKey(key, plaintext);
    }

    public Optional<ApiKey> findByHash(String hash) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE k.key_hash = ?")) {
                statement.setString(1, hash);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    public List<ApiKey> list() {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + FROM + " ORDER BY w.name, k.created_at");
                 ResultSet rows = statement.executeQuery()) {
                List<ApiKey> keys = new ArrayList<>();
                while (rows.next()) keys.add(read(rows));
                return keys;
            }
        });
    }

    /** One workspace's keys, oldest first. */
    public List<ApiKey> listOf(String workspaceId) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + FROM + " WHERE k.workspace_id = ? ORDER BY k.created_at")) {
                statement.setString(1, workspaceId);
                try (ResultSet rows = statement.executeQuery()) {
                    List<ApiKey> keys = new ArrayList<>();
                    while (rows.next()) keys.add(read(rows));
                    return keys;
                }
            }
        });
    }

    /** The keys whose prefix starts with the given text, so a caller can refuse an ambiguous one. */
    public List<ApiKey> findByPrefix(String prefix) {
        return list().stream().filter(key -> key.prefix().startsWith(prefix) || prefix.startsWith(key.prefix())).toList();
    }

    public void revoke(ApiKey key, long now) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL")) {
                update.setLong(1, now);
                update.setString(2, key.workspaceId());
                update.setString(3, key.id());
                return update.executeUpdate();
            }
        });
    }

    public List<String> revokedIdsSince(long since) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM api_keys WHERE revoked_at >= ?")) {
                statement.setLong(1, since);
                try (ResultSet rows = statement.executeQuery()) {
                    List<String> ids = new ArrayList<>();
                    while (rows.next()) ids.add(rows.getString(1));
                    return ids;
                }
            }
        });
    }

    /** Records when keys were last used; batched so that requests never write. */
    public void recordLastUsed(Map<ApiKey, Long> lastUsed) {
        if (lastUsed.isEmpty()) return;
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET last_used_at = ? WHERE workspace_id = ? AND id = ?")) {
                for (Map.Entry<ApiKey, Long> entry : lastUsed.entrySet()) {
                    update.setLong(1, entry.getValue());
                    update.setString(2, entry.getKey().workspaceId());
                    update.setString(3, entry.getKey().id());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    private static ApiKey read(ResultSet rows) throws SQLException {
        return new ApiKey(rows.getString(1), rows.getString(2), rows.getString(3), ApiKey.Kind.valueOf(rows.getString(4)),
                rows.getString(5), rows.getString(6), rows.getLong(7), Rows.nullableLong(rows, 8),
                Rows.nullableLong(rows, 9), Rows.nullableLong(rows, 10));
    }
}
