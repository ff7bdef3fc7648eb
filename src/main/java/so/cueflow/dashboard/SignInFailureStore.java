package so.cueflow.dashboard;

import so.cueflow.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** The sign_in_failures table: consecutive failed sign-ins per subject ("email:…", "address:…"). */
public final class SignInFailureStore {
    private final Database database;

    public SignInFailureStore(Database database) {
        this.database = database;
    }

    record Failures(long count, long lastFailedAt) {
    }

    Optional<Failures> of(String subject) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT failures, last_failed_at FROM sign_in_failures WHERE subject = ?")) {
                select.setString(1, subject);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Failures(rows.getLong(1), rows.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    /** Counts one more failure; a count whose last failure is older than {@code forgetBefore} starts again at 1. */
    void record(String subject, long now, long forgetBefore) {
        database.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO sign_in_failures (subject, failures, last_failed_at) VALUES (?, 1, ?)"
                            + " ON CONFLICT (subject) DO UPDATE SET failures = CASE WHEN sign_in_failures.last_failed_at < ?"
                            + " THEN 1 ELSE sign_in_failures.failures + 1 END, last_failed_at = excluded.last_failed_at")) {
                upsert.setString(1, subject);
                upsert.setLong(2, now);
                upsert.setLong(3, forgetBefore);
                return upsert.executeUpdate();
            }
        });
    }

    void clear(String subject) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sign_in_failures WHERE subject = ?")) {
                delete.setString(1, subject);
                return delete.executeUpdate();
            }
        });
    }
}
