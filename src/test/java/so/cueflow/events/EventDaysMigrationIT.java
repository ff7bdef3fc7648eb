package so.cueflow.events;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import so.cueflow.storage.Database;
import so.cueflow.storage.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration that adds the per-day rollup fills it from the events already stored. */
class EventDaysMigrationIT {
    private static final long DAY = DayCounts.DAY_MS;

    @Test
    void theRollupOfAnExistingStoreEqualsARecountRightAfterTheMigration() throws Exception {
        Path dir = Files.createTempDirectory("cueflow-migration");
        String url = TestDatabase.freshUrl(dir);
        try (Database database = new Database(url)) {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                    .target(MigrationVersion.fromVersion("20")).load().migrate();
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (workspace_id, id, contact_id,"
                        + " event_key, properties, occurred_at, created_at, event_id) VALUES (?, ?, 'c', ?, '{}', ?, 0, NULL)")) {
                    long[] times = {5 * DAY + 1, 5 * DAY + DAY - 1, 6 * DAY, 20_000 * DAY + 123, 20_000 * DAY + 456};
                    String[] keys = {"a", "a", "a", "b", "a"};
                    for (int i = 0; i < times.length; i++) {
                        for (String workspace : new String[]{"w1", "w2"}) {
                            if (workspace.equals("w2") && i > 1) continue;
                            insert.setString(1, workspace);
                            insert.setString(2, "e" + i);
                            insert.setString(3, keys[i]);
                            insert.setLong(4, times[i]);
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return null;
            });
            database.migrate();

            Map<String, Long> rollup = query(database, "SELECT workspace_id, day, event_key, event_count FROM event_days");
            assertThat(rollup).isEqualTo(query(database, "SELECT workspace_id, occurred_at / 86400000, event_key, COUNT(*) FROM events"
                    + " GROUP BY workspace_id, occurred_at / 86400000, event_key"));
            assertThat(rollup).containsExactlyInAnyOrderEntriesOf(Map.of("w1/5/a", 2L, "w1/6/a", 1L, "w1/20000/b", 1L,
                    "w1/20000/a", 1L, "w2/5/a", 2L));
        } finally {
            TestDatabase.drop(url);
        }
    }

    private static Map<String, Long> query(Database database, String sql) {
        return database.read(connection -> {
            Map<String, Long> rows = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
                while (result.next()) rows.put(result.getString(1) + "/" + result.getLong(2) + "/" + result.getString(3), result.getLong(4));
            }
            return rows;
        });
    }
}
