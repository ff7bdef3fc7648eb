package so.cueflow.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moves SQLite's write-ahead log into the database file from a thread of its own, so that the
 * ingest writer's commits never pay for a checkpoint. A passive checkpoint never blocks the writer;
 * if the log still outgrows {@link #RESTART_FRAMES} a restarting checkpoint briefly holds writers
 * back, so the log is reused from its start instead of growing: writing frames into new file blocks
 * costs the kernel a block allocation and zeroing per frame (a fifth of the writer's CPU in a profile).
 */
public final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final long INTERVAL_MS = 100;
    private static final int RESTART_FRAMES = 4_000;

    private final Database database;
    private final Thread thread;
    private volatile boolean running = true;

    public WalCheckpointer(Database database) {
        this.database = database;
        this.thread = new Thread(this::run, "cueflow-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Turns off the automatic checkpoint that would otherwise run inside a commit on this connection. */
    public static void leaveCheckpointsToBackground(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
        }
    }

    private void run() {
        try (Connection connection = database.dedicatedConnection(); Statement statement = connection.createStatement()) {
            while (running) {
                Thread.sleep(INTERVAL_MS);
                int logFrames = checkpoint(statement, "PASSIVE");
                if (logFrames > RESTART_FRAMES) checkpoint(statement, "RESTART");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.error("the WAL checkpointer stopped; SQLite will grow its log until restart", e);
        }
    }

    private static int checkpoint(Statement statement, String mode) throws SQLException {
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return result.next() ? result.getInt(2) : 0;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
