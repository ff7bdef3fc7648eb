package so.cueflow.storage;

/** What truly differs between the embedded store (SQLite) and PostgreSQL. */
public enum Dialect {
    SQLITE(""),
    POSTGRESQL(" FOR UPDATE");

    private final String forUpdate;

    Dialect(String forUpdate) {
        this.forUpdate = forUpdate;
    }

    /** Row lock suffix; SQLite needs none because its write transactions are taken IMMEDIATE. */
    public String forUpdate() {
        return forUpdate;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:): " + jdbcUrl);
    }
}
