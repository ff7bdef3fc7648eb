package so.cueflow;

import picocli.CommandLine.Option;
import so.cueflow.storage.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The options every command shares to find the store. */
final class StoreOptions {
    @Option(names = "--data", defaultValue = "${env:CUEFLOW_DATA_DIR:-./data}",
            description = "Data directory of the embedded SQLite store (env CUEFLOW_DATA_DIR; default ./data).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:CUEFLOW_DATABASE_URL}",
            description = "JDBC URL of the store, jdbc:sqlite:... or jdbc:postgresql://... (env CUEFLOW_DATABASE_URL; default: SQLite in the data directory).")
    String databaseUrl;

    /** Opens the store, creating the data directory and migrating the schema if needed. */
    Database open() throws IOException {
        if (databaseUrl == null) Files.createDirectories(dataDir);
        Database database = new Database(jdbcUrl());
        database.migrate();
        return database;
    }

    String jdbcUrl() {
        return Config.jdbcUrl(dataDir, databaseUrl);
    }
}
