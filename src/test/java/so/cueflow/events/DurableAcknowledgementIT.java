package so.cueflow.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import so.cueflow.TestServer;
import so.cueflow.storage.TestDatabase;
import so.cueflow.storage.WalSync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No 201 leaves before the fsync of SQLite's write-ahead log has completed: the sync step is held on a
 * latch, and the answer must wait for it. Removing the fsync from WalSync makes this fail (the step is
 * never entered). SQLite only: on PostgreSQL the server's own commit makes the event durable, and
 * Cueflow runs no fsync of its own.
 */
@EnabledIfSystemProperty(named = TestDatabase.STORE_PROPERTY, matches = "sqlite",
        disabledReason = "the WAL fsync is Cueflow's own only on SQLite")
class DurableAcknowledgementIT {

    @Test
    void aCreatedEventIsAnsweredOnlyAfterItsFsyncCompletes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong syncedAt = new AtomicLong();
        WalSync.Step held = log -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            WalSync.Step.FORCE.sync(log);
            syncedAt.compareAndSet(0, System.nanoTime());
        };
        try (TestServer server = TestServer.start(held)) {
            String key = server.newKey("durable");
            assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"durable-1\"}").status()).isEqualTo(201);
            CompletableFuture<TestServer.Reply> reply = CompletableFuture.supplyAsync(() -> server.post(key, "/api/v1/events",
                    "{\"externalId\":\"durable-1\",\"eventKey\":\"signed_up\"}"));

            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the WAL fsync step ran for the event's commit").isTrue();
            Thread.sleep(500);
            assertThat(reply).as("no answer while the fsync is held").isNotDone();

            release.countDown();
            TestServer.Reply answered = reply.get(10, TimeUnit.SECONDS);
            long answeredAt = System.nanoTime();

            assertThat(answered.status()).as(answered.body()).isEqualTo(201);
            assertThat(syncedAt.get()).isPositive().isLessThan(answeredAt);
        }
    }
}
