import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;

/**
 * Seeds a store with contacts user-0 .. user-(N-1) in one transaction (much faster than N upserts
 * over HTTP) and prints a new secret key of its workspace on stdout. Run it before starting the server:
 *
 *   java -cp target/cueflow.jar bench/SeedContacts.java DATA_DIR 100000
 */
public final class SeedContacts {
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int contacts = Integer.parseInt(args[1]);
        Files.createDirectories(dataDir);
        try (Database database = new Database("jdbc:sqlite:" + dataDir.resolve("cueflow.db").toAbsolutePath())) {
            database.migrate();
            long now = System.currentTimeMillis();
            Workspace workspace = new WorkspaceStore(database).findOrCreate("default", now);
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contacts (workspace_id, id, external_id,"
                        + " custom_attributes, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?)")) {
                    for (int i = 0; i < contacts; i++) {
                        insert.setString(1, workspace.id());
                        insert.setString(2, Ids.next(now));
                        insert.setString(3, "user-" + i);
                        insert.setLong(4, now);
                        insert.setLong(5, now);
                        insert.addBatch();
                        if (i % 10_000 == 9_999) insert.executeBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
            System.out.println(new KeyStore(database).create(workspace, ApiKey.Kind.SECRET, "bench", 0L, now).plaintext());
        }
    }
}
