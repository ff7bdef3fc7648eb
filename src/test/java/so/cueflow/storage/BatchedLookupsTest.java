package so.cueflow.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedLookupsTest {
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstReadMayFinish = new CountDownLatch(1);
    private final AtomicBoolean holdFirstRead = new AtomicBoolean(true);

    /** Upper-cases every key but "missing"; the first read waits for {@link #firstReadMayFinish} when held. */
    private Map<String, String> read(List<String> keys) {
        batches.add(keys);
        if (holdFirstRead.getAndSet(false)) await(firstReadMayFinish);
        Map<String, String> found = new HashMap<>();
        for (String key : keys) if (!key.equals("missing")) found.put(key, key.toUpperCase());
        return found;
    }

    @Test
    void lookupsAskedWhileABatchIsReadAreReadTogetherByTheNextAndEachGetsItsOwnRow() throws Exception {
        try (BatchedLookups<String, String> lookups = new BatchedLookups<>("test", 1, 64, this::read)) {
            List<Asker> askers = askedWhileTheFirstReadIsHeld(lookups, "a", List.of("b", "c", "d", "c", "missing"));

            assertThat(askers.stream().map(Asker::answer).toList()).containsExactly("A", "B", "C", "D", "C", null);
            assertThat(batches).hasSize(2);
            assertThat(batches.get(0)).containsExactly("a");
            assertThat(batches.get(1)).containsExactlyInAnyOrder("b", "c", "d", "missing");
        }
    }

    @Test
    void aBatchHoldsAtMostMaxBatchKeys() throws Exception {
        try (BatchedLookups<String, String> lookups = new BatchedLookups<>("test", 1, 3, this::read)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 7; i++) keys.add("k" + i);
            List<Asker> askers = askedWhileTheFirstReadIsHeld(lookups, "first", keys);

            for (Asker asker : askers) assertThat(asker.answer()).isEqualTo(asker.key.toUpperCase());
            assertThat(batches.stream().mapToInt(List::size).max().orElseThrow()).isEqualTo(3);
            Set<String> read = new HashSet<>();
            batches.forEach(read::addAll);
            assertThat(read).hasSize(8);
        }
    }

    @Test
    void aFailedReadFailsEveryLookupOfItsBatchAndTheNextBatchIsReadAgain() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        try (BatchedLookups<String, String> lookups = new BatchedLookups<>("test", 1, 64, keys -> {
            if (fail.getAndSet(false)) throw new StoreException(new java.sql.SQLException("disk I/O error"));
            return Map.of(keys.get(0), "row");
        })) {
            assertThatThrownBy(() -> lookups.get("x")).isInstanceOf(StoreException.class).hasMessageContaining("disk I/O error");
            assertThat(lookups.get("x")).isEqualTo("row");
        }
    }

    @Test
    void closingFailsTheLookupsStillWaitingAndRefusesNewOnes() throws Exception {
        BatchedLookups<String, String> lookups = new BatchedLookups<>("test", 1, 64, this::read);
        Asker reading = Asker.start(lookups, "a");
        awaitBatches(1);
        Asker waiting = Asker.start(lookups, "b");
        awaitWaiting(lookups, 1);
        lookups.close(); // interrupts the read it waits for, as closing the store does

        assertThat(reading.answer()).isEqualTo("A");
        assertThatThrownBy(waiting::answer).hasMessageContaining("the store is closed");
        assertThatThrownBy(() -> lookups.get("c")).isInstanceOf(StoreException.class).hasMessageContaining("the store is closed");
    }

    /** Asks {@code first}, then {@code keys} while its read is held; lets the read finish once all of them wait. */
    private List<Asker> askedWhileTheFirstReadIsHeld(BatchedLookups<String, String> lookups, String first, List<String> keys)
            throws InterruptedException {
        List<Asker> askers = new ArrayList<>();
        askers.add(Asker.start(lookups, first));
        awaitBatches(1);
        for (String key : keys) askers.add(Asker.start(lookups, key));
        awaitWaiting(lookups, keys.size());
        firstReadMayFinish.countDown();
        return askers;
    }

    private void awaitBatches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batches.size() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("no read of batch " + count + " within 10 s");
            Thread.sleep(1);
        }
    }

    private static void awaitWaiting(BatchedLookups<String, String> lookups, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lookups.waiting() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError(count + " lookups never waited");
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("the test did not release the read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thread asking for one key, as a request's thread does. */
    private static final class Asker {
        final String key;
        final Thread thread;
        final CompletableFuture<String> answer = new CompletableFuture<>();

        private Asker(BatchedLookups<String, String> lookups, String key) {
            this.key = key;
            this.thread = new Thread(() -> {
                try {
                    answer.complete(lookups.get(key));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        }

        static Asker start(BatchedLookups<String, String> lookups, String key) {
            Asker asker = new Asker(lookups, key);
            asker.thread.start();
            return asker;
        }

        String answer() {
            try {
                return answer.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw (RuntimeException) e.getCause();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
