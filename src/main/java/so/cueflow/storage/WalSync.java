package so.cueflow.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Makes the ingest writer's SQLite commits durable without making the writer wait for the disk.
 * The writer commits with {@code synchronous=NORMAL} (no fsync) and hands each commit here; this
 * thread fsyncs the write-ahead log once for every commit that finished before the fsync began, and
 * only then acknowledges them. So a commit is acknowledged only once its log frames are on disk —
 * what {@code synchronous=FULL} guarantees — while the writer already builds the next batch.
 * (SQLite itself syncs the log before every checkpoint and the database after it, so frames a
 * checkpoint moves are durable too before the log is reused.)
 */
public final class WalSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalSync.class);

    private final Path walFile;
    private final LinkedBlockingQueue<Acknowledgement> committed = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final SyncTimer timer;
    private final Step step;
    private FileChannel channel;
    private volatile boolean running = true;

    /** What to do once a commit is durable, or when it cannot be made so. */
    public interface Acknowledgement {
        void durable();

        void failed(Throwable cause);
    }

    /** The step that puts the log on disk; tests wrap it to see (and hold) exactly when it runs. */
    @FunctionalInterface
    public interface Step {
        Step FORCE = log -> log.force(false);

        void sync(FileChannel log) throws IOException;
    }

    @FunctionalInterface
    public interface SyncTimer {
        void synced(int commits, long nanos);
    }

    public WalSync(Path databaseFile, SyncTimer timer, Step step) {
        this.walFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.timer = timer;
        this.step = step;
        this.thread = new Thread(this::run, "cueflow-wal-sync");
        this.thread.start();
    }

    /** Sets up the writer's connection: no fsync in its commits, and no checkpoint inside them either. */
    public static void prepareWriter(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous = NORMAL");
        }
        WalCheckpointer.leaveCheckpointsToBackground(connection);
    }

    /** Called by the writer right after a commit returns. */
    public void committed(Acknowledgement acknowledgement) {
        committed.add(acknowledgement);
    }

    private void run() {
        List<Acknowledgement> batch = new ArrayList<>();
        while (running || !committed.isEmpty()) {
            try {
                Acknowledgement first = committed.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                committed.drainTo(batch);
                long started = System.nanoTime();
                sync();
                timer.synced(batch.size(), System.nanoTime() - started);
                batch.forEach(Acknowledgement::durable);
            } catch (IOException | RuntimeException e) {
                LOG.error("fsync of the write-ahead log failed; {} commits are not acknowledged", batch.size(), e);
                batch.forEach(acknowledgement -> acknowledgement.failed(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batch.clear();
        }
    }

    private void sync() throws IOException {
        if (channel == null) channel = FileChannel.open(walFile, StandardOpenOption.WRITE);
        step.sync(channel);
    }

    /** Acknowledges every commit already handed over, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
            if (channel != null) channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the write-ahead log handle failed", e);
        }
    }
}
