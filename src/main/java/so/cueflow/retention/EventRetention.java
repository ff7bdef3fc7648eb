package so.cueflow.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.events.DayCounts;
import so.cueflow.events.EventDayStore;
import so.cueflow.storage.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes raw events older than their workspace's {@code event_retention_days}, a few thousand rows
 * per transaction with a pause after each, so the ingest writer is never held up for long (on
 * SQLite each batch briefly holds the write lock; on PostgreSQL deletes do not block inserts).
 * Activity rollups are left alone: counts, first and last keep the whole history. The per-day
 * rollup ({@link EventDayStore}) loses the purged events in the same transaction: it counts stored events. Every server runs
 * the purge; on PostgreSQL concurrent purges skip each other's rows.
 */
public final class EventRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    public static final int BATCH_SIZE = 5_000;

    private final Database database;
    private final Clock clock;
    private final int batchSize;
    private final String deleteBatch;
    private final Consumer<String> afterPurge;
    private volatile boolean running = true;
    private ScheduledExecutorService scheduler;

    public EventRetention(Database database, Clock clock) {
        this(database, clock, BATCH_SIZE);
    }

    public EventRetention(Database database, Clock clock, int batchSize) {
        this(database, clock, batchSize, workspaceId -> { });
    }

    /** {@code afterPurge} is told each workspace whose window was purged, whoever deleted its rows (this server or another). */
    public EventRetention(Database database, Clock clock, int batchSize, Consumer<String> afterPurge) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.database = database;
        this.clock = clock;
        this.batchSize = batchSize;
        this.afterPurge = afterPurge;
        this.deleteBatch = "DELETE FROM events WHERE workspace_id = ? AND id IN (SELECT id FROM events"
                + " WHERE workspace_id = ? AND occurred_at < ? LIMIT ?" + database.dialect().skipLocked() + ")"
                + " RETURNING occurred_at, event_key";
    }

    private record Window(String workspaceId, String workspaceName, long cutoff) {
    }

    /** Runs {@link #purge()} every {@code periodMs} on a thread of its own, the first time after {@code initialDelayMs}. */
    public synchronized void schedule(long initialDelayMs, long periodMs) {
        if (scheduler != null) throw new IllegalStateException("already scheduled");
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cueflow-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                purge();
            } catch (RuntimeException e) {
                LOG.warn("the event retention purge failed; it runs again in {} s", periodMs / 1000, e);
            }
        }, initialDelayMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Blocking: deletes every expired event of every workspace that has a window; returns how many. */
    public long purge() {
        long deleted = 0;
        for (Window window : windows()) {
            long fromWorkspace = purge(window);
            afterPurge.accept(window.workspaceId());
            if (fromWorkspace > 0) {
                LOG.info("retention: deleted {} events of workspace \"{}\" that occurred before {}", fromWorkspace,
                        window.workspaceName(), java.time.Instant.ofEpochMilli(window.cutoff()));
            }
            deleted += fromWorkspace;
        }
        return deleted;
    }

    private List<Window> windows() {
        long now = clock.millis();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, event_retention_days FROM workspaces WHERE event_retention_days IS NOT NULL");
                 ResultSet rows = select.executeQuery()) {
                List<Window> windows = new ArrayList<>();
                while (rows.next()) windows.add(new Window(rows.getString(1), rows.getString(2), now - rows.getLong(3) * DAY_MS));
                return windows;
            }
        });
    }

    private long purge(Window window) {
        long deleted = 0;
        while (running) {
            long started = System.nanoTime();
            int batch = database.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement(deleteBatch)) {
                    delete.setString(1, window.workspaceId());
                    delete.setString(2, window.workspaceId());
                    delete.setLong(3, window.cutoff());
                    delete.setInt(4, batchSize);
                    DayCounts removed = new DayCounts();
                    int count = 0;
                    try (ResultSet rows = delete.executeQuery()) {
                        for (; rows.next(); count++) removed.add(window.workspaceId(), rows.getLong(1), rows.getString(2), -1);
                    }
                    EventDayStore.apply(connection, removed);
                    if (count > 0) WorkspaceStore.notePurgedBefore(connection, window.workspaceId(), window.cutoff());
                    return count;
                }
            });
            deleted += batch;
            if (batch < batchSize) break;
            pauseAfter(System.nanoTime() - started);
        }
        return deleted;
    }

    /** As long as the batch took (at least 10 ms): the purge uses at most about half of the store's write time. */
    private static void pauseAfter(long batchNanos) {
        try {
            Thread.sleep(Math.max(10, TimeUnit.NANOSECONDS.toMillis(batchNanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops between two batches; a batch in progress commits. */
    @Override
    public synchronized void close() {
        running = false;
        if (scheduler == null) return;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
