package so.cueflow.storage;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.sql.SQLException;

/**
 * What truly differs between the embedded store (SQLite) and PostgreSQL. SQLite has one writer at
 * a time (write transactions are taken IMMEDIATE), so it needs no row locks; PostgreSQL runs
 * writers from every server at once, at READ COMMITTED, and needs them.
 */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    /**
     * Suffix of a SELECT that locks rows the transaction will update but not delete. On PostgreSQL
     * {@code FOR NO KEY UPDATE}: it excludes other updaters and deleters, but not the ingest writer's
     * {@link #lockAgainstDelete()}, so events keep flowing while a contact is edited.
     */
    public String forUpdate() {
        return this == POSTGRESQL ? " FOR NO KEY UPDATE" : "";
    }

    /** Suffix of a SELECT that locks rows the transaction will delete. */
    public String forDelete() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * Suffix of a SELECT that keeps the rows it returns from being deleted until commit: the ingest
     * writer locks the contacts it stores events for, so an erase running on another server either
     * waits for the batch (and then erases its events too) or has committed first (and then the
     * writer no longer finds the contact). Without it, events could outlive their contact.
     */
    public String lockAgainstDelete() {
        return this == POSTGRESQL ? " FOR KEY SHARE" : "";
    }

    /** Suffix of a sub-SELECT choosing rows to delete, so concurrent purgers take disjoint rows. */
    public String skipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * A condition that {@code column} is one of a list of texts bound to one parameter by {@link #bindTexts}: the
     * same statement, kept prepared, for lists of any length.
     */
    public String isOneOf(String column) {
        return this == POSTGRESQL ? column + " = ANY(?)" : column + " IN (SELECT value FROM json_each(?))";
    }

    /** Binds the list of texts of an {@link #isOneOf} condition: a text array on PostgreSQL, a JSON array on SQLite. */
    public void bindTexts(java.sql.PreparedStatement statement, int index, java.util.List<String> texts) throws SQLException {
        if (this == POSTGRESQL) {
            statement.setArray(index, statement.getConnection().createArrayOf("text", texts.toArray()));
        } else {
            StringBuilder json = new StringBuilder("[");
            for (String text : texts) {
                if (json.length() > 1) json.append(',');
                json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
            }
            statement.setString(index, json.append(']').toString());
        }
    }

    /** The distinct values of a text expression over a group, joined by commas (in no set order). */
    public String distinctTextList(String expression) {
        return this == POSTGRESQL ? "string_agg(DISTINCT " + expression + ", ',')" : "group_concat(DISTINCT " + expression + ")";
    }

    /**
     * PostgreSQL's JDBC driver streams a result set (honours {@code setFetchSize}) only inside a
     * transaction; in auto-commit it reads every row into memory first. SQLite always streams.
     */
    public boolean streamsOnlyInTransaction() {
        return this == POSTGRESQL;
    }

    /**
     * Whether the writer binds a batch's rows as one array per column ({@link ColumnArrays}) and
     * writes them with one statement. Only PostgreSQL has arrays; SQLite runs a JDBC batch, which
     * costs it little (no round trips, no per-statement planning in another process).
     */
    public boolean bindsRowsAsArrays() {
        return this == POSTGRESQL;
    }

    /**
     * Connections the ingest writer commits on at once. SQLite has one writer at a time. PostgreSQL's
     * writer is bound by the CPU of its backend process, and a second connection lets a second
     * backend work (bench/StorageCeiling.java on 2 cores, batches of 1,000: 18,300 events/s with one
     * connection, 24,600–31,800 with two; more than two did not help there).
     */
    public int writerConnections() {
        return this == POSTGRESQL ? 2 : 1;
    }

    /**
     * A failure that a retry of the whole transaction can succeed after: a deadlock or a
     * serialization failure (PostgreSQL aborts one of the transactions involved).
     */
    public boolean isTransient(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    /** The database ended the connection: class 08, or 57P01–57P03 (shut down, crashed, restarting). */
    public boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:): " + jdbcUrl);
    }
}
