package so.cueflow.embed;

import com.fasterxml.jackson.core.type.TypeReference;
import so.cueflow.http.Json;
import so.cueflow.storage.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

public final class EmbedSettingsStore {
    private static final String COLUMNS = "workspace_id, allowed_origins, identity_verification, identity_secret, updated_at";
    private static final TypeReference<List<String>> ORIGINS = new TypeReference<>() {
    };

    private final Database database;

    public EmbedSettingsStore(Database database) {
        this.database = database;
    }

    /** The workspace's settings; the defaults when it was never configured. */
    public EmbedSettings of(String workspaceId) {
        return database.read(connection -> find(connection, workspaceId)).orElse(EmbedSettings.defaults(workspaceId));
    }

    /** Every configured workspace's settings, for the in-memory snapshot. */
    public Map<String, EmbedSettings> all() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM workspace_settings");
                 ResultSet rows = select.executeQuery()) {
                Map<String, EmbedSettings> byWorkspace = new HashMap<>();
                while (rows.next()) {
                    EmbedSettings settings = read(rows);
                    byWorkspace.put(settings.workspaceId(), settings);
                }
                return byWorkspace;
            }
        });
    }

    /** Applies {@code change} to the current settings (the defaults if none) in one transaction; returns the result. */
    public EmbedSettings update(String workspaceId, UnaryOperator<EmbedSettings> change) {
        return database.inTransaction(connection -> {
            EmbedSettings updated = change.apply(find(connection, workspaceId).orElse(EmbedSettings.defaults(workspaceId)));
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO workspace_settings (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET allowed_origins = excluded.allowed_origins,"
                    + " identity_verification = excluded.identity_verification, identity_secret = excluded.identity_secret,"
                    + " updated_at = excluded.updated_at")) {
                upsert.setString(1, workspaceId);
                upsert.setString(2, Json.writeString(updated.allowedOrigins()));
                upsert.setString(3, updated.verification().wireName());
                upsert.setString(4, updated.identitySecret());
                upsert.setLong(5, updated.updatedAt());
                upsert.executeUpdate();
            }
            return updated;
        });
    }

    /** Replaces the identity secret; the old one stops working at once. Returns the new secret. */
    public String rotateSecret(String workspaceId, long now) {
        String secret = IdentityHashes.newSecret();
        update(workspaceId, current -> current.withSecret(secret, now));
        return secret;
    }

    private static Optional<EmbedSettings> find(Connection connection, String workspaceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM workspace_settings WHERE workspace_id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static EmbedSettings read(ResultSet rows) throws SQLException {
        try {
            List<String> origins = Json.MAPPER.readValue(rows.getString(2), ORIGINS);
            return new EmbedSettings(rows.getString(1), origins, EmbedSettings.Verification.parse(rows.getString(3)),
                    rows.getString(4), rows.getLong(5));
        } catch (IOException e) {
            throw new UncheckedIOException("stored allowed origins are not a JSON array", e);
        }
    }
}
