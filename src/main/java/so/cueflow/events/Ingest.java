package so.cueflow.events;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import so.cueflow.http.ApiError;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.WalSync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit: request handlers submit validated events to a bounded queue; one writer thread
 * drains whatever is waiting (up to {@code maxBatch} events), stores it in one transaction and only
 * once that commit is durable completes each submission (on SQLite the fsync overlaps the next
 * batch, see {@link WalSync}). A full queue is refused at once (503), never buffered without bound.
 * On PostgreSQL, whose writer is bound by the CPU of its backend, {@link Dialect#writerConnections()}
 * writers take batches from the one queue, each on its own connection (a submission stays whole, in
 * one transaction; row locks taken in sorted order keep concurrent batches correct). A batch that
 * loses a deadlock or serialization check is retried whole, and a connection the database dropped
 * is replaced after the batch it failed.
 */
public final class Ingest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    private static final int MAX_ATTEMPTS = 3;

    private final Database database;
    private final int capacity;
    private final int maxBatch;
    private final LinkedBlockingDeque<Submission> queue = new LinkedBlockingDeque<>();
    private final Object draining = new Object();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private record Submission(List<EventDraft> drafts, Preparation preparation, Context context,
                              Promise<List<Outcome>> promise) {
        boolean exclusive() {
            return preparation != null && preparation.exclusive();
        }
    }

    /**
     * Work another feature does in the writer's transaction before a submission's events are
     * written (the Segment adapter creates contacts and merges identities here), so that it is
     * serialized with the writes. It returns the drafts to write, one for each submitted draft.
     * An exclusive preparation is committed in a transaction of its own, never batched with other
     * submissions; with one writer (SQLite) that also orders it after everything queued before it,
     * with several (PostgreSQL) the preparation's own row locks must order it.
     */
    public interface Preparation {
        List<EventDraft> prepare(Connection connection, List<EventDraft> drafts) throws SQLException;

        boolean exclusive();
    }

    private final IngestMetrics metrics;
    private final WalSync walSync;

    public Ingest(Database database, int capacity, int maxBatch, IngestMetrics metrics, WalSync.Step sync) {
        this.database = database;
        this.metrics = metrics;
        metrics.queueDepth(queuedEvents::get);
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.walSync = database.dialect() == Dialect.SQLITE ? new WalSync(database.sqliteFile(), metrics::synced, sync) : null;
        int writers = database.dialect().writerConnections();
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(new Writer()::run, writers == 1 ? "cueflow-ingest" : "cueflow-ingest-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Completes, on the caller's context, with one outcome per draft once they are committed. */
    public Future<List<Outcome>> submit(List<EventDraft> drafts) {
        return submit(drafts, null);
    }

    /** As {@link #submit(List)}, with {@code preparation} (may be null) run first in the writer's transaction. */
    public Future<List<Outcome>> submit(List<EventDraft> drafts, Preparation preparation) {
        if (!running) {
            metrics.rejected("shutting_down", drafts.size());
            return Future.failedFuture(unavailable("the server is shutting down"));
        }
        if (queuedEvents.addAndGet(drafts.size()) > capacity) {
            queuedEvents.addAndGet(-drafts.size());
            metrics.rejected("queue_full", drafts.size());
            return Future.failedFuture(unavailable("the ingest queue is full"));
        }
        Promise<List<Outcome>> promise = Promise.promise();
        queue.add(new Submission(drafts, preparation, Vertx.currentContext(), promise));
        return promise.future();
    }

    public int queuedEvents() {
        return queuedEvents.get();
    }

    private static ApiError unavailable(String why) {
        return ApiError.unavailable(why + "; retry after the time in Retry-After");
    }

    /** One writer thread with its own connection, prepared statements and catalog memory. */
    private final class Writer {
        private final EventWriter writer = new EventWriter(database.dialect());
        private Connection connection;

        private void run() {
            try {
                connection = open();
                while (running || !queue.isEmpty()) {
                    List<Submission> batch = nextBatch();
                    if (!batch.isEmpty()) write(batch);
                }
            } catch (SQLException | InterruptedException e) {
                LOG.error("the ingest writer stopped", e);
                failAll(e);
            } finally {
                closeQuietly(connection);
            }
        }

        private Connection open() throws SQLException {
            Connection opened = database.dedicatedConnection();
            if (walSync != null) WalSync.prepareWriter(opened);
            return opened;
        }

        /** After a failed batch: a connection the database dropped (say, a PostgreSQL restart) is replaced. */
        private void reconnectIfBroken() {
            try {
                if (!connection.isValid(2)) reconnected();
            } catch (SQLException e) {
                LOG.error("the ingest writer could not check its connection", e);
            }
        }

        private boolean reconnected() {
            writer.forgetStatements();
            closeQuietly(connection);
            try {
                connection = open();
                LOG.warn("the ingest writer lost its database connection and opened a new one");
                return true;
            } catch (SQLException e) {
                LOG.error("the ingest writer could not reconnect; it tries again after the next batch", e);
                return false;
            }
        }

        private void write(List<Submission> batch) {
            List<EventDraft> drafts = new ArrayList<>();
            batch.forEach(submission -> drafts.addAll(submission.drafts()));
            queuedEvents.addAndGet(-drafts.size());
            boolean prepared = batch.stream().anyMatch(submission -> submission.preparation() != null);
            for (int attempt = 1; ; attempt++) {
                boolean[] committing = {false};
                try {
                    long started = System.nanoTime();
                    List<Outcome> outcomes = database.inTransaction(connection, open -> {
                        List<Outcome> written = writer.write(open, prepared ? prepare(open, batch) : drafts);
                        committing[0] = true;
                        return written;
                    });
                    writer.finished(true);
                    metrics.committed(outcomes, System.nanoTime() - started);
                    WalSync.Acknowledgement acknowledgement = acknowledgement(batch, outcomes);
                    if (walSync == null) acknowledgement.durable();
                    else walSync.committed(acknowledgement);
                    return;
                } catch (SQLException | RuntimeException e) {
                    writer.finished(false);
                    if (attempt < MAX_ATTEMPTS && e instanceof SQLException sql && database.dialect().isTransient(sql)) {
                        LOG.warn("an ingest batch of {} events was rolled back ({}); retrying it", drafts.size(), sql.getMessage());
                        continue;
                    }
                    // A connection lost before the commit was sent committed nothing: the batch is safe to
                    // write again on a new one. Lost during the commit, the outcome is unknown: it fails.
                    if (attempt < MAX_ATTEMPTS && !committing[0] && e instanceof SQLException sql
                            && database.dialect().connectionLost(sql) && reconnected()) {
                        continue;
                    }
                    LOG.error("an ingest batch of {} events failed and was rolled back", drafts.size(), e);
                    batch.forEach(submission -> fail(submission, e));
                    reconnectIfBroken();
                    return;
                }
            }
        }
    }

    private static List<EventDraft> prepare(Connection connection, List<Submission> batch) throws SQLException {
        List<EventDraft> drafts = new ArrayList<>();
        for (Submission submission : batch) {
            drafts.addAll(submission.preparation() == null ? submission.drafts()
                    : submission.preparation().prepare(connection, submission.drafts()));
        }
        return drafts;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    private List<Submission> nextBatch() throws InterruptedException {
        List<Submission> batch = new ArrayList<>();
        Submission first = queue.pollFirst(50, TimeUnit.MILLISECONDS);
        if (first == null) return batch;
        batch.add(first);
        if (first.exclusive()) return batch;
        int events = first.drafts().size();
        synchronized (draining) {
            Submission next;
            while (events < maxBatch && (next = queue.pollFirst()) != null) {
                if (next.exclusive() || events + next.drafts().size() > maxBatch) {
                    queue.offerFirst(next);
                    break;
                }
                batch.add(next);
                events += next.drafts().size();
            }
        }
        return batch;
    }

    private static WalSync.Acknowledgement acknowledgement(List<Submission> batch, List<Outcome> outcomes) {
        return new WalSync.Acknowledgement() {
            @Override
            public void durable() {
                Map<Context, List<Runnable>> byContext = new IdentityHashMap<>();
                int from = 0;
                for (Submission submission : batch) {
                    List<Outcome> own = List.copyOf(outcomes.subList(from, from + submission.drafts().size()));
                    from += submission.drafts().size();
                    byContext.computeIfAbsent(submission.context(), c -> new ArrayList<>())
                            .add(() -> submission.promise().complete(own));
                }
                byContext.forEach(Ingest::dispatch);
            }

            @Override
            public void failed(Throwable cause) {
                batch.forEach(submission -> fail(submission, cause));
            }
        };
    }

    private static void fail(Submission submission, Throwable cause) {
        dispatch(submission.context(), List.of(() -> submission.promise().fail(cause)));
    }

    /** One hop per event loop for a whole batch, rather than one per request. */
    private static void dispatch(Context context, List<Runnable> actions) {
        if (context == null) actions.forEach(Runnable::run);
        else context.runOnContext(v -> actions.forEach(Runnable::run));
    }

    private void failAll(Throwable cause) {
        running = false;
        Submission submission;
        while ((submission = queue.poll()) != null) fail(submission, cause);
    }

    /** Stops taking events, commits everything already queued, then returns. */
    @Override
    public void close() {
        running = false;
        try {
            for (Thread thread : threads) thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (walSync != null) walSync.close();
        // A submission that raced with shutdown is refused rather than left waiting forever.
        failAll(unavailable("the server is shutting down"));
    }
}
