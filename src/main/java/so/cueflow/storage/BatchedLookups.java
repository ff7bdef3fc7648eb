package so.cueflow.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Look-ups of one row by key that requests make at a high rate (eligibility, on every page view), read in batches:
 * the look-ups asked while a batch is being read wait for the next, which reads them all in one statement. Under load
 * one statement then answers many requests: on PostgreSQL one round trip instead of one per request, and one wake-up
 * of its backend. Alone, a look-up waits for nothing but its own read.
 * <p>
 * Each batch is read after every look-up in it was asked, so it sees everything committed before any of them.
 */
public final class BatchedLookups<K, V> implements AutoCloseable {
    private final BlockingQueue<Pending<K, V>> asked = new LinkedBlockingQueue<>();
    private final Function<List<K>, Map<K, V>> readBatch;
    private final int maxBatch;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean closed;

    private record Pending<K, V>(K key, CompletableFuture<V> answer) {
    }

    /**
     * {@code readBatch} reads the rows of distinct keys at once and answers those found (a key it leaves out has no
     * row); {@code readers} threads read batches side by side, each of at most {@code maxBatch} keys.
     */
    public BatchedLookups(String name, int readers, int maxBatch, Function<List<K>, Map<K, V>> readBatch) {
        if (readers < 1 || maxBatch < 1) throw new IllegalArgumentException("readers and maxBatch must be at least 1");
        this.readBatch = readBatch;
        this.maxBatch = maxBatch;
        for (int i = 0; i < readers; i++) {
            Thread reader = new Thread(this::readUntilClosed, name + "-" + i);
            reader.setDaemon(true);
            this.readers.add(reader);
            reader.start();
        }
    }

    /** Blocking. The value of {@code key}'s row; null when there is no such row. */
    public V get(K key) {
        try {
            return ask(key).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /** How many look-ups wait for a batch to take them. */
    int waiting() {
        return asked.size();
    }

    /**
     * The value of {@code key}'s row (null when there is no such row), completed on a reader thread when its batch is
     * read: what depends on it runs there unless given an executor.
     */
    public CompletableFuture<V> ask(K key) {
        if (closed) return CompletableFuture.failedFuture(closedError());
        Pending<K, V> pending = new Pending<>(key, new CompletableFuture<>());
        asked.add(pending);
        if (closed) failAsked();
        return pending.answer();
    }

    private void readUntilClosed() {
        List<Pending<K, V>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(asked.take());
            } catch (InterruptedException e) {
                break;
            }
            asked.drainTo(batch, maxBatch - 1);
            answer(batch);
            batch.clear();
        }
        failAsked();
    }

    private void answer(List<Pending<K, V>> batch) {
        try {
            Map<K, V> found = readBatch.apply(batch.stream().map(Pending::key).distinct().toList());
            for (Pending<K, V> pending : batch) pending.answer().complete(found.get(pending.key()));
        } catch (RuntimeException | Error e) {
            for (Pending<K, V> pending : batch) pending.answer().completeExceptionally(e);
        }
    }

    private void failAsked() {
        Pending<K, V> pending;
        while ((pending = asked.poll()) != null) pending.answer().completeExceptionally(closedError());
    }

    private static StoreException closedError() {
        return new StoreException(new java.sql.SQLException("the store is closed"));
    }

    @Override
    public void close() {
        closed = true;
        readers.forEach(Thread::interrupt);
        for (Thread reader : readers) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failAsked();
    }
}
