package so.cueflow.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The store itself, on whichever engine the suite runs on: durable settings, migrations, streaming, retries. */
class DatabaseIT {
    private ScratchStore store;
    private Database database;

    @BeforeEach
    void open() throws Exception {
        store = ScratchStore.open("cueflow-db");
        database = store.database();
        database.migrate();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void everyConnectionCommitsDurablyAtReadCommittedWhateverTheServerDefault() throws Exception {
        try (Connection pooled = database.connection(); Connection dedicated = database.dedicatedConnection()) {
            for (Connection connection : List.of(pooled, dedicated)) {
                if (database.dialect() == Dialect.POSTGRESQL) {
                    // The embedded test server defaults to synchronous_commit=off: the store must turn it on.
                    assertThat(one(connection, "SHOW synchronous_commit")).isEqualTo("on");
                    assertThat(one(connection, "SHOW transaction_isolation")).isEqualTo("read committed");
                } else {
                    assertThat(one(connection, "PRAGMA journal_mode")).isEqualTo("wal");
                    assertThat(one(connection, "PRAGMA synchronous")).isEqualTo("2"); // FULL
                }
            }
        }
    }

    @Test
    void theMigrationsCreateTheSameSchemaOnBothEnginesAndRunningThemAgainChangesNothing() throws Exception {
        database.migrate();
        List<String> versions = database.read(connection -> {
            List<String> applied = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
                while (rows.next()) applied.add(rows.getString(1));
            }
            return applied;
        });
        assertThat(versions).contains("1", "2", "3", "4", "5").doesNotHaveDuplicates();
        String retained = database.read(connection -> one(connection, "SELECT COUNT(event_retention_days) FROM workspaces"));
        assertThat(retained).isEqualTo("0");
    }

    @Test
    void aStreamingReadHoldsAnOpenCursorInsteadOfLoadingEveryRow() throws Exception {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 0)")) {
                for (int i = 0; i < 500; i++) {
                    insert.setString(1, "w" + i);
                    insert.setString(2, "streamed-" + i);
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
        int[] seen = new int[2];
        database.readStreaming(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM workspaces ORDER BY id")) {
                select.setFetchSize(50);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    // A portal left open by a partial fetch shows in pg_cursors; a fully loaded result leaves none.
                    if (database.dialect() == Dialect.POSTGRESQL) seen[1] = Integer.parseInt(one(connection, "SELECT COUNT(*) FROM pg_cursors"));
                    seen[0] = 1;
                    while (rows.next()) seen[0]++;
                }
            }
            return null;
        });
        assertThat(seen[0]).isEqualTo(500);
        if (database.dialect() == Dialect.POSTGRESQL) assertThat(seen[1]).as("open cursors while streaming").isPositive();
    }

    @Test
    void twoTransactionsLockingRowsInOppositeOrderEitherQueueOrFailWithARetryableDeadlock() throws Exception {
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO workspaces (id, name, created_at) VALUES ('a', 'a', 0), ('b', 'b', 0)");
            }
        });
        // SQLite takes its one write lock up front (IMMEDIATE), so the second transaction queues behind the first.
        CyclicBarrier bothLocked = database.dialect() == Dialect.POSTGRESQL ? new CyclicBarrier(2) : null;
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> lockInOrder("a", "b", bothLocked));
        CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> lockInOrder("b", "a", bothLocked));
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Throwable> attempt : List.of(first, second)) {
            Throwable failure = attempt.get(30, TimeUnit.SECONDS);
            if (failure != null) failures.add(failure);
        }
        if (database.dialect() == Dialect.SQLITE) {
            assertThat(failures).isEmpty();
            String updates = database.read(connection -> one(connection, "SELECT SUM(created_at) FROM workspaces"));
            assertThat(updates).isEqualTo("4");
            return;
        }
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).isInstanceOf(SQLException.class);
        assertThat(database.dialect().isTransient((SQLException) failures.get(0))).isTrue();
    }

    private Throwable lockInOrder(String one, String other, CyclicBarrier bothLocked) {
        try {
            database.inTransaction(connection -> {
                update(connection, one);
                try {
                    if (bothLocked != null) bothLocked.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                update(connection, other);
                return null;
            });
            return null;
        } catch (StoreException e) {
            return e.getCause();
        }
    }

    private static void update(Connection connection, String id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE workspaces SET created_at = created_at + 1 WHERE id = ?")) {
            update.setString(1, id);
            update.executeUpdate();
        }
    }
}
