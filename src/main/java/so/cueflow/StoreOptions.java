package so.cueflow;

import picocli.CommandLine.Option;
import so.cueflow.storage.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** The options every command shares to find the store. */
final class StoreOptions {
    static final String DATABASE_SETTING = "--database-url (CUEFLOW_DATABASE_URL)";

    @Option(names = "--data", defaultValue = "${env:CUEFLOW_DATA_DIR:-./data}",
            description = "Data directory of the embedded SQLite store (env CUEFLOW_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:CUEFLOW_DATABASE_URL}",
            description = "JDBC URL of the store, jdbc:sqlite:... or jdbc:postgresql://... (env CUEFLOW_DATABASE_URL; default: SQLite in the data directory).")
    String databaseUrl;

    /**
     * Opens the store, creating the data directory and migrating the schema if needed. A URL that
     * cannot work, a database that refuses or cannot be reached, is one {@link ConfigException}.
     */
    Database open() {
        Config.requireDatabaseUrl(databaseUrl);
        if (databaseUrl == null) createDataDir();
        String url = jdbcUrl();
        try {
            Database.probe(url);
        } catch (SQLException e) {
            throw new ConfigException(setting() + " cannot open " + Database.redact(url) + ": " + firstLine(e));
        }
        Database database = new Database(url);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw new ConfigException(setting() + " cannot migrate " + Database.redact(url) + ": " + firstLine(rootCause(e)));
        }
        return database;
    }

    String jdbcUrl() {
        return Config.jdbcUrl(dataDir, databaseUrl);
    }

    private String setting() {
        return databaseUrl == null ? "--data (CUEFLOW_DATA_DIR)" : DATABASE_SETTING;
    }

    private void createDataDir() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException("--data (CUEFLOW_DATA_DIR) " + dataDir.toAbsolutePath() + " cannot be created: " + firstLine(e));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        return cause;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }
}
