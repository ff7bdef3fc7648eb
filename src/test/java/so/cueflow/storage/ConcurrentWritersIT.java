package so.cueflow.storage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactChanges;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventDraft;
import so.cueflow.events.Ingest;
import so.cueflow.events.IngestMetrics;
import so.cueflow.events.Outcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ingest writers on one store, as two servers have, fed overlapping batches (the same contacts,
 * activity rows and eventIds in opposite orders) while contacts are erased under them. On
 * PostgreSQL the writers really run at once; on SQLite they take turns. Either way: no batch
 * fails, every eventId is stored once, activity equals a recount, and no erased contact leaves rows.
 */
class ConcurrentWritersIT {
    private static final int CONTACTS = 40;
    private static final int ROUNDS = 60;

    @Test
    void twoWritersAndConcurrentErasesLeaveExactActivityAndNoOrphans() throws Exception {
        Path dir = Files.createTempDirectory("cueflow-writers");
        String url = TestDatabase.freshUrl(dir);
        try (Database database = new Database(url)) {
            database.migrate();
            String workspace = new WorkspaceStore(database).findOrCreate("writers", 0).id();
            ContactStore contacts = new ContactStore(database);
            List<Contact> created = new ArrayList<>();
            for (int c = 0; c < CONTACTS; c++) {
                created.add(contacts.upsert(workspace, "w-" + c, new ContactChanges(Map.of(), Map.of()), 1_000).contact());
            }
            List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
            try (Ingest first = ingest(database); Ingest second = ingest(database)) {
                Random random = new Random(7);
                List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    List<EventDraft> batch = batch(workspace, round, random);
                    List<EventDraft> reversed = new ArrayList<>(batch);
                    Collections.reverse(reversed);
                    pending.add(first.submit(batch).onSuccess(outcomes::addAll).toCompletionStage().toCompletableFuture());
                    pending.add(second.submit(reversed).onSuccess(outcomes::addAll).toCompletionStage().toCompletableFuture());
                    if (round % 6 == 5) contacts.erase(workspace, created.get(round / 6).id());
                }
                for (var submission : pending) submission.get(60, TimeUnit.SECONDS);
            }
            assertThat(outcomes).hasSize(ROUNDS * 2 * 30);
            long stored = outcomes.stream().filter(Outcome.Stored.class::isInstance).count();
            assertThat(stored).as("each eventId is stored by one writer only").isPositive().isLessThanOrEqualTo(ROUNDS * 30);
            assertThat(query(database, "SELECT e.id FROM events e LEFT JOIN contacts c ON c.workspace_id = e.workspace_id"
                    + " AND c.id = e.contact_id WHERE c.id IS NULL")).as("events of erased contacts").isEmpty();
            assertThat(query(database, "SELECT a.contact_id FROM activity a LEFT JOIN contacts c ON c.workspace_id = a.workspace_id"
                    + " AND c.id = a.contact_id WHERE c.id IS NULL")).as("activity of erased contacts").isEmpty();
            String recount = "SELECT workspace_id, contact_id, event_key, COUNT(*) AS n, MIN(occurred_at) AS f, MAX(occurred_at) AS l"
                    + " FROM events GROUP BY workspace_id, contact_id, event_key";
            assertThat(query(database, "SELECT r.contact_id FROM (" + recount + ") r LEFT JOIN activity a"
                    + " ON a.workspace_id = r.workspace_id AND a.contact_id = r.contact_id AND a.event_key = r.event_key"
                    + " WHERE a.event_count IS NULL OR a.event_count <> r.n OR a.first_at <> r.f OR a.last_at <> r.l")).isEmpty();
        } finally {
            TestDatabase.drop(url);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Ingest ingest(Database database) {
        return new Ingest(database, 100_000, 500, new IngestMetrics(new SimpleMeterRegistry()), so.cueflow.storage.WalSync.Step.FORCE);
    }

    /** 30 events over every contact, each with an eventId that the other writer's copy of the batch shares. */
    private static List<EventDraft> batch(String workspace, int round, Random random) {
        List<EventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int contact = random.nextInt(CONTACTS);
            long at = 1_700_000_000_000L + random.nextInt(1_000_000_000);
            drafts.add(new EventDraft(workspace, "w-" + contact, "k" + i % 3, "{}", Map.of(), at, at, "r" + round + "-" + i));
        }
        return drafts;
    }

    private static List<String> query(Database database, String sql) {
        return database.read(connection -> {
            List<String> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) rows.add(result.getString(1));
            }
            return rows;
        });
    }
}
