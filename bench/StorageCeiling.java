import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.events.EventDraft;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import so.cueflow.events.Ingest;
import so.cueflow.events.IngestMetrics;
import so.cueflow.events.Outcome;
import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;
import so.cueflow.storage.WalCheckpointer;
import so.cueflow.storage.WalSync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The storage ceiling: the same kind of events as the HTTP benchmark, written straight through the
 * ingest writer (group commit, durable) with no HTTP and no JSON parsing.
 *
 *   java -cp target/cueflow.jar bench/StorageCeiling.java [contacts] [events] [submission size] [in flight] [database url]
 */
public final class StorageCeiling {
    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int submissionSize = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        Path dir = Files.createTempDirectory("cueflow-ceiling");
        String url = args.length > 4 ? args[4] : "jdbc:sqlite:" + dir.resolve("cueflow.db");
        try (Database database = new Database(url)) {
            database.migrate();
            Workspace workspace = new WorkspaceStore(database).findOrCreate("bench", System.currentTimeMillis());
            seedContacts(database, workspace.id(), contacts);
            Random random = new Random(42);
            int warmup = Math.min(100_000, events / 5);
            try (WalCheckpointer checkpointer = new WalCheckpointer(database); Ingest ingest = new Ingest(database, 1_000_000, 5_000,
                    new IngestMetrics(new SimpleMeterRegistry()), WalSync.Step.FORCE)) {
                run(ingest, workspace.id(), contacts, warmup, submissionSize, inFlight, random);
                long started = System.nanoTime();
                run(ingest, workspace.id(), contacts, events, submissionSize, inFlight, random);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("storage ceiling: %d events in %.2f s = %.0f events/s (submissions of %d, %d in flight, %s)%n",
                        events, seconds, events / seconds, submissionSize, inFlight, url.split(":")[1]);
            }
        }
    }

    private static void seedContacts(Database database, String workspaceId, int contacts) {
        long now = System.currentTimeMillis();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contacts (workspace_id, id, external_id,"
                    + " custom_attributes, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?)")) {
                for (int i = 0; i < contacts; i++) {
                    insert.setString(1, workspaceId);
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
    }

    private static void run(Ingest ingest, String workspaceId, int contacts, int events, int submissionSize, int inFlight,
                            Random random) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        List<CompletableFuture<List<Outcome>>> pending = new ArrayList<>();
        for (int sent = 0; sent < events; sent += submissionSize) {
            List<EventDraft> drafts = new ArrayList<>(submissionSize);
            long now = System.currentTimeMillis();
            for (int i = 0; i < submissionSize; i++) drafts.add(draft(workspaceId, contacts, random, now));
            window.acquire();
            CompletableFuture<List<Outcome>> done = ingest.submit(drafts).toCompletionStage().toCompletableFuture();
            done.whenComplete((outcomes, failure) -> window.release());
            pending.add(done);
            if (pending.size() > 10_000) {
                for (CompletableFuture<List<Outcome>> each : pending) check(each.get());
                pending.clear();
            }
        }
        for (CompletableFuture<List<Outcome>> each : pending) check(each.get());
    }

    private static void check(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            if (!(outcome instanceof Outcome.Stored)) throw new IllegalStateException("not stored: " + outcome);
        }
    }

    private static EventDraft draft(String workspaceId, int contacts, Random random, long now) {
        String key = "event_key_" + random.nextInt(30);
        String properties = "{\"plan\":\"pro\",\"amount\":" + random.nextInt(1000) + ",\"currency\":\"USD\"}";
        return new EventDraft(workspaceId, "user-" + random.nextInt(contacts), key, properties,
                Map.of("plan", "string", "amount", "number", "currency", "string"),
                now - random.nextInt(86_400_000), now, null);
    }
}
