import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.Ids;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a large audience straight into a Cueflow SQLite store, for the audience preview benchmark:
 *
 *   java -cp target/cueflow.jar bench/AudienceSeed.java DIR [CONTACTS]      (default 1,000,000)
 *
 * DIR is a data dir as `serve --data DIR` takes it (created and migrated if needed; workspace "default").
 * Each contact gets plan, email, signedUpAt and customAttributes, and activity rows for 20 of the 24 event keys
 * below (so has_not_done rules select someone). Activity is written directly as rollups (count, first, last
 * over the last 60 days); only purchase_completed also has its raw events (1-3 per contact that has the key,
 * with plan/amount/source properties, the rollup derived from them), so that where/withinDays rules have events
 * to read. Batched JDBC in transactions of 50,000 contacts, with the journal off during the load; the store is
 * switched back to WAL at the end. Deterministic (seeded). Then create a key with `keys create --data DIR`.
 */
public final class AudienceSeed {
    static final List<String> KEYS = List.of(
            "signup_completed", "onboarding_completed", "profile_updated", "feature_used", "report_created",
            "report_viewed", "export_started", "export_completed", "advanced_export_viewed", "advanced_export_used",
            "purchase_completed", "plan_upgraded", "trial_started", "invoice_paid", "page_viewed",
            "search_performed", "file_uploaded", "comment_added", "team_member_invited", "integration_connected",
            "session_started", "dashboard_viewed", "notification_clicked", "payment_failed");
    static final String RAW_KEY = "purchase_completed";
    static final String[] PLANS = {"free", "starter", "pro", "enterprise"};
    static final String[] SOURCES = {"web", "ios", "android", "api"};
    static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella"};
    static final long DAY = 86_400_000L;
    static final int PER_TRANSACTION = 50_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java -cp target/cueflow.jar bench/AudienceSeed.java DIR [CONTACTS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int contacts = args.length > 1 ? Integer.parseInt(args[1].replace("_", "").replace(",", "")) : 1_000_000;
        Files.createDirectories(dir);
        String url = "jdbc:sqlite:" + dir.resolve("cueflow.db");
        long now = System.currentTimeMillis();
        String workspaceId;
        try (Database database = new Database(url)) {
            database.migrate();
            Workspace workspace = new WorkspaceStore(database).findOrCreate("default", now);
            workspaceId = workspace.id();
            long existing = database.read(connection -> {
                try (Statement count = connection.createStatement();
                     java.sql.ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM contacts")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            if (existing > 0) {
                System.err.println("AudienceSeed: " + dir + " already holds " + existing + " contacts; give an empty dir");
                System.exit(1);
            }
        }
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA journal_mode = OFF");
                pragma.execute("PRAGMA synchronous = OFF");
                pragma.execute("PRAGMA cache_size = -1000000");
                pragma.execute("PRAGMA temp_store = MEMORY");
            }
            new Writer(connection, workspaceId, now).write(contacts);
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("ANALYZE");
                pragma.execute("PRAGMA journal_mode = WAL");
            }
        }
        System.err.printf("seeded %,d contacts in %.1f s into %s (%,d MB)%n", contacts, (System.nanoTime() - started) / 1e9,
                dir, Files.size(dir.resolve("cueflow.db")) / 1_000_000);
    }

    private static final class Writer {
        private final Connection connection;
        private final String workspaceId;
        private final long now;
        private final SplittableRandom random = new SplittableRandom(20_261_126L);
        private long activityRows;
        private long events;

        Writer(Connection connection, String workspaceId, long now) {
            this.connection = connection;
            this.workspaceId = workspaceId;
            this.now = now;
        }

        void write(int contacts) throws Exception {
            connection.setAutoCommit(false);
            long firstCreated = now - contacts - 60_000L;
            try (PreparedStatement contact = connection.prepareStatement("INSERT INTO contacts (workspace_id, id, external_id,"
                    + " email, name, plan, signed_up_at, custom_attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement activity = connection.prepareStatement("INSERT INTO activity (workspace_id, contact_id,"
                         + " event_key, event_count, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement event = connection.prepareStatement("INSERT INTO events (workspace_id, id, contact_id,"
                         + " event_key, properties, occurred_at, created_at) VALUES (?, ?, ?, ?, "
                         + EventStore.storedProperties(Dialect.SQLITE) + ", ?, ?)")) {
                List<String> sortedKeys = new ArrayList<>(KEYS);
                Collections.sort(sortedKeys);
                for (int i = 0; i < contacts; i++) {
                    // Creation times one millisecond apart: ids ascend, so every index is appended to in order.
                    long createdAt = firstCreated + i;
                    String id = Ids.next(createdAt);
                    contact(contact, i, id, createdAt);
                    List<String> keys = new ArrayList<>(sortedKeys);
                    for (int drop = 0; drop < 4; drop++) keys.remove(random.nextInt(keys.size()));
                    for (String key : keys) {
                        if (key.equals(RAW_KEY)) rawEvents(event, activity, id);
                        else rollup(activity, id, key);
                    }
                    if ((i + 1) % 10_000 == 0) {
                        contact.executeBatch();
                        activity.executeBatch();
                        event.executeBatch();
                    }
                    if ((i + 1) % PER_TRANSACTION == 0 || i + 1 == contacts) {
                        contact.executeBatch();
                        activity.executeBatch();
                        event.executeBatch();
                        connection.commit();
                        if ((i + 1) % 200_000 == 0 || i + 1 == contacts) {
                            System.err.printf("  %,d contacts, %,d activity rows, %,d events%n", i + 1, activityRows, events);
                        }
                    }
                }
            }
            try (PreparedStatement catalog = connection.prepareStatement(
                    "INSERT INTO event_properties (workspace_id, event_key, property, property_type) VALUES (?, ?, ?, ?)")) {
                for (String[] property : new String[][] {{"plan", "string"}, {"amount", "number"}, {"source", "string"}}) {
                    catalog.setString(1, workspaceId);
                    catalog.setString(2, RAW_KEY);
                    catalog.setString(3, property[0]);
                    catalog.setString(4, property[1]);
                    catalog.addBatch();
                }
                catalog.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
        }

        private void contact(PreparedStatement insert, int i, String id, long createdAt) throws Exception {
            insert.setString(1, workspaceId);
            insert.setString(2, id);
            insert.setString(3, "user-" + i);
            insert.setString(4, "user" + i + "@" + (i % 3 == 0 ? "acme.io" : "example.com"));
            insert.setString(5, "User " + i);
            insert.setString(6, PLANS[random.nextInt(PLANS.length)]);
            insert.setLong(7, now - random.nextLong(400 * DAY));
            insert.setString(8, "{\"seats\":" + (1 + random.nextInt(50)) + ",\"beta\":" + (random.nextInt(7) == 0)
                    + ",\"company\":\"" + COMPANIES[random.nextInt(COMPANIES.length)] + "\"}");
            insert.setLong(9, createdAt);
            insert.setLong(10, createdAt);
            insert.addBatch();
        }

        private void rollup(PreparedStatement insert, String contactId, String key) throws Exception {
            long first = now - random.nextLong(60 * DAY);
            long last = first + random.nextLong(now - first + 1);
            activity(insert, contactId, key, 1 + random.nextInt(10), first, last);
        }

        private void rawEvents(PreparedStatement event, PreparedStatement activity, String contactId) throws Exception {
            int count = 1 + random.nextInt(3);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int e = 0; e < count; e++) {
                long at = now - random.nextLong(60 * DAY);
                first = Math.min(first, at);
                last = Math.max(last, at);
                event.setString(1, workspaceId);
                event.setString(2, Ids.next(at));
                event.setString(3, contactId);
                event.setString(4, RAW_KEY);
                event.setString(5, "{\"plan\":\"" + PLANS[random.nextInt(PLANS.length)] + "\",\"amount\":" + (1 + random.nextInt(500))
                        + ",\"source\":\"" + SOURCES[random.nextInt(SOURCES.length)] + "\"}");
                event.setLong(6, at);
                event.setLong(7, at);
                event.addBatch();
                events++;
            }
            activity(activity, contactId, RAW_KEY, count, first, last);
        }

        private void activity(PreparedStatement insert, String contactId, String key, long count, long first, long last)
                throws Exception {
            insert.setString(1, workspaceId);
            insert.setString(2, contactId);
            insert.setString(3, key);
            insert.setLong(4, count);
            insert.setLong(5, first);
            insert.setLong(6, last);
            insert.addBatch();
            activityRows++;
        }
    }
}
