import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.events.EventDraft;
import so.cueflow.events.Ingest;
import so.cueflow.events.IngestMetrics;
import so.cueflow.events.Outcome;
import so.cueflow.storage.Database;
import so.cueflow.storage.Ids;
import so.cueflow.storage.WalCheckpointer;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * {@code java -cp target/cueflow.jar bench/DashboardSeed.java DATA_DIR CONTACTS EVENTS}: a store for
 * bench/dashboard.sh — workspace "bench" with CONTACTS contacts (email, name, plan, sign-up, last
 * seen, a custom attribute) and EVENTS events of 30 keys over the last 60 days, written through the
 * ingest writer (so the activity and per-day rollups are kept as in production).
 */
public class DashboardSeed {
    private static final long DAY = 86_400_000L;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int contacts = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        try (Database database = new Database("jdbc:sqlite:" + dir.resolve("cueflow.db"))) {
            database.migrate();
            Workspace workspace = new WorkspaceStore(database).findOrCreate("bench", System.currentTimeMillis());
            long started = System.nanoTime();
            seedContacts(database, workspace.id(), contacts);
            try (WalCheckpointer checkpointer = new WalCheckpointer(database);
                 Ingest ingest = new Ingest(database, 1_000_000, 5_000, new IngestMetrics(new SimpleMeterRegistry()))) {
                Random random = new Random(7);
                long now = System.currentTimeMillis();
                for (int sent = 0; sent < events; sent += 100_000) {
                    List<CompletableFuture<List<Outcome>>> pending = new ArrayList<>();
                    for (int b = 0; b < 100_000 && sent + b < events; b += 1_000) {
                        List<EventDraft> drafts = new ArrayList<>(1_000);
                        for (int i = 0; i < 1_000; i++) drafts.add(draft(workspace.id(), contacts, random, now));
                        pending.add(ingest.submit(drafts).toCompletionStage().toCompletableFuture());
                    }
                    for (CompletableFuture<List<Outcome>> done : pending) {
                        for (Outcome outcome : done.get()) {
                            if (!(outcome instanceof Outcome.Stored)) throw new IllegalStateException("not stored: " + outcome);
                        }
                    }
                }
            }
            System.out.printf("seeded %,d contacts and %,d events in %.0f s%n", contacts, events, (System.nanoTime() - started) / 1e9);
        }
    }

    private static void seedContacts(Database database, String workspaceId, int contacts) {
        long now = System.currentTimeMillis();
        Random random = new Random(3);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO contacts (workspace_id, id, external_id, email,"
                    + " name, plan, signed_up_at, custom_attributes, created_at, updated_at, last_seen_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < contacts; i++) {
                    insert.setString(1, workspaceId);
                    insert.setString(2, Ids.next(now - (contacts - i)));
                    insert.setString(3, "user-" + i);
                    insert.setString(4, "user" + i + "@example.com");
                    insert.setString(5, "User " + i);
                    insert.setString(6, i % 5 == 0 ? "pro" : "free");
                    insert.setLong(7, now - random.nextInt(365) * DAY);
                    insert.setString(8, "{\"seats\":" + (i % 50) + ",\"company\":\"Company " + (i % 997) + "\"}");
                    insert.setLong(9, now);
                    insert.setLong(10, now);
                    insert.setLong(11, now - (long) random.nextInt(30 * 24) * 3_600_000L);
                    insert.addBatch();
                    if (i % 10_000 == 9_999) insert.executeBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private static EventDraft draft(String workspaceId, int contacts, Random random, long now) {
        String key = "event_key_" + (int) Math.floor(30 * Math.pow(random.nextDouble(), 2));   // a few keys dominate
        String properties = "{\"plan\":\"pro\",\"amount\":" + random.nextInt(1000) + ",\"currency\":\"USD\"}";
        return new EventDraft(workspaceId, "user-" + random.nextInt(contacts), key, properties,
                Map.of("plan", "string", "amount", "number", "currency", "string"),
                now - (long) (random.nextDouble() * 60 * DAY), now, null);
    }
}
