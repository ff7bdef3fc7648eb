package so.cueflow.messages;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.ScratchStore;
import so.cueflow.targeting.RuleParser;
import so.cueflow.targeting.Targeting;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Stores made by earlier schemas (migrated only to V5, V40, the version before V66 or V66, then filled) count the same audiences on the current one. */
class TargetingMigrationIT {
    private static final long NOW = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;

    private ScratchStore store;
    private String url;
    private Database database;

    @BeforeEach
    void open() throws Exception {
        store = ScratchStore.open("cueflow-migration");
        url = store.url();
        database = store.database();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aStoreFilledUnderV5CountsTheSameAudiencesAfterMigratingToTheCurrentSchema() {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("5").load().migrate();
        fill();

        database.migrate();

        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "has_done"))).isEqualTo(2);
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "has_not_done", "withinDays", 7)))
                .isEqualTo(2);
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "count_equals", "value", 3)))
                .isEqualTo(1);
        assertThat(count(preview, Map.of())).isEqualTo(3);
    }

    @Test
    void aStoreFilledUnderV40KeepsEveryRollupThroughV60AndTheirUpsertsStillAddUp() {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("40").load().migrate();
        fill();

        database.migrate();

        EventStore events = new EventStore(database);
        assertThat(events.activity("w", "a")).containsExactly(new EventStore.KeyActivity("signed_in", 3, NOW - 30 * DAY, NOW - 2 * DAY));
        assertThat(events.activity("w", "b")).containsExactly(new EventStore.KeyActivity("signed_in", 1, NOW - 10 * DAY, NOW - 10 * DAY));
        // A merge upserts b's rollup into a's: the conflict on (workspace, contact, event key) still adds them up.
        database.inTransaction(connection -> {
            events.reassign(connection, "w", "b", "a");
            return null;
        });
        assertThat(events.activity("w", "a")).containsExactly(new EventStore.KeyActivity("signed_in", 4, NOW - 30 * DAY, NOW - 2 * DAY));
        assertThat(events.activity("w", "b")).isEmpty();
        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "count_equals", "value", 4)))
                .isEqualTo(1);
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "has_not_done"))).isEqualTo(2);
    }

    @Test
    void aStoreThatLostRawEventsBeforeV66AnswersWindowsFromTheEventsLeftAfterMigrating() {
        migrateToTheVersionBeforeV66();
        fill();
        // b's only event, 10 days ago, is gone from the raw events (an earlier version's purge); its rollup remains.
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE contact_id = 'b'")) {
                delete.executeUpdate();
            }
            return null;
        });
        long before = System.currentTimeMillis();

        database.migrate();

        long keptFrom = database.read(connection -> WorkspaceStore.eventsKeptFrom(connection, "w"));
        assertThat(keptFrom).as("no record of when: the raw events are complete only from the migration on")
                .isBetween(before, System.currentTimeMillis());
        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "has_not_done", "withinDays", 14)))
                .as("b and c: as eligibility, which reads b's raw events, decides").isEqualTo(2);
    }

    @Test
    void aStoreThatLostNoRawEventsBeforeV66HasAllItsEventsKeptAfterMigrating() {
        migrateToTheVersionBeforeV66();
        fill();

        database.migrate();

        long keptFrom = database.read(connection -> WorkspaceStore.eventsKeptFrom(connection, "w"));
        assertThat(keptFrom).isEqualTo(Long.MIN_VALUE);
        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        assertThat(count(preview, Map.of("type", "event", "eventKey", "signed_in", "operator", "has_not_done", "withinDays", 14)))
                .as("c").isEqualTo(1);
    }

    @Test
    void aStoreMadeBeforeV67ComparesTheCustomAttributesOfEveryContactItHeldAndOfLaterWrites() {
        migrateTo("66");
        fill();
        // c's attributes hold an escaped NUL, which PostgreSQL's jsonb refuses: its copy is NULL, the evaluator decides.
        setCustomAttributes(Map.of("a", "{\"seats\":20}", "b", "{\"seats\":5}", "c", "{\"seats\":30,\"note\":\"a\\u0000b\"}"));

        database.migrate();

        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        Map<String, Object> manySeats = Map.of("type", "contact", "field", "customAttributes.seats", "operator", "greater_than", "value", 10);
        assertThat(count(preview, manySeats)).as("a and c").isEqualTo(2);
        setCustomAttributes(Map.of("b", "{\"seats\":50}", "a", "{\"seats\":\"x\\u0000\"}"));
        assertThat(count(preview, manySeats)).as("b and c, after writes").isEqualTo(2);
        assertThat(count(preview, Map.of("type", "contact", "field", "customAttributes.seats", "operator", "is_set")))
                .as("a's NUL is decided by the evaluator too").isEqualTo(3);
    }

    @Test
    void aStoreMadeBeforeV68KeepsEveryEventWithItsIdsAndCountsPropertyConditionsTheSame() {
        migrateTo(database.dialect() == Dialect.SQLITE ? "66" : "67");
        fill();
        insertPurchase("p1", "a", 150, NOW - 3 * DAY, "retry-1");
        insertPurchase("p2", "a", 250, NOW - 1 * DAY, null);
        insertPurchase("p3", "b", 90, NOW - 2 * DAY, "retry-3");

        database.migrate();

        if (database.dialect() == Dialect.SQLITE) {
            List<String> types = database.read(connection -> {
                try (java.sql.Statement statement = connection.createStatement();
                     java.sql.ResultSet rows = statement.executeQuery("SELECT DISTINCT typeof(properties) FROM events")) {
                    List<String> found = new java.util.ArrayList<>();
                    while (rows.next()) found.add(rows.getString(1));
                    return found;
                }
            });
            assertThat(types).as("V68: every event's properties as JSONB").containsExactly("blob");
            assertThat(plan("SELECT e.contact_id FROM events e WHERE e.workspace_id = 'w' AND e.event_key = 'purchase'"
                    + " AND e.occurred_at >= 0 AND json_extract(e.properties, '$.amount') > 100 GROUP BY e.contact_id"))
                    .as("V69: a key's events and their properties are read from the index alone")
                    .contains("COVERING INDEX events_key_contact_time");
        }

        EventStore events = new EventStore(database);
        assertThat(events.timeline("w", "a", "a", 10, null).events()).extracting(e -> e.id() + " " + e.eventKey() + " "
                + e.properties() + " " + e.occurredAtMillis())
                .containsExactly("p2 purchase {\"amount\":250} " + (NOW - DAY), "a2 signed_in {} " + (NOW - 2 * DAY),
                        "p1 purchase {\"amount\":150} " + (NOW - 3 * DAY), "a1 signed_in {} " + (NOW - 20 * DAY),
                        "a0 signed_in {} " + (NOW - 30 * DAY));
        assertThat(events.countOf("w", "b")).isEqualTo(2);
        assertThat(insertedRows("p4", "retry-1")).as("an idempotency key stays unique").isZero();
        assertThat(insertedRows("p5", "retry-5")).isOne();
        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        assertThat(count(preview, Map.of("type", "event", "eventKey", "purchase", "operator", "count_greater_than", "value", 1,
                "withinDays", 7, "where", List.of(Map.of("property", "amount", "operator", "greater_than", "value", 100)))))
                .as("a").isEqualTo(1);
    }

    @Test
    void onPostgresqlAStoreMadeBeforeV70ComparesThePropertiesOfEveryEventItHeldAndOfLaterWrites() {
        assumeTrue(database.dialect() == Dialect.POSTGRESQL, "V70 is PostgreSQL's; SQLite parses properties once since V68");
        migrateTo("67");
        fill();
        insertPurchase("p1", "a", "{\"amount\":150}", NOW - 3 * DAY, null);
        insertPurchase("p2", "a", "{\"amount\":250,\"note\":\"a\\u0000b\"}", NOW - DAY, null);
        insertPurchase("p3", "b", "{\"amount\":120}", NOW - 2 * DAY, null);
        // Text no write of this version makes (numbers are written back from doubles), but which jsonb cannot hold.
        insertPurchase("p4", "b", "{\"amount\":130,\"tiny\":1e-100000}", NOW - DAY, null);

        database.migrate();

        assertThat(withoutJsonbCopy()).as("an escaped NUL and a number numeric cannot hold: left to the evaluator")
                .containsExactly("p2", "p4");
        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        Map<String, Object> twoLargePurchases = Map.of("type", "event", "eventKey", "purchase", "operator", "count_greater_than",
                "value", 1, "withinDays", 7, "where", List.of(Map.of("property", "amount", "operator", "greater_than", "value", 100)));
        assertThat(count(preview, twoLargePurchases)).as("a and b").isEqualTo(2);
        // Written without the copy (the writer binds it; EventsApiIT checks that it does): left to the evaluator.
        insertPurchase("p5", "c", "{\"amount\":500}", NOW - DAY, null);
        insertPurchase("p6", "c", "{\"amount\":101}", NOW - DAY, null);
        assertThat(count(preview, twoLargePurchases)).as("a, b and c").isEqualTo(3);
    }

    @Test
    void onPostgresqlAStoreMadeBeforeV72KeepsItsRollupsInTheKeyIndexAndCountsAlike() {
        assumeTrue(database.dialect() == Dialect.POSTGRESQL, "V72 is PostgreSQL's; SQLite's activity is stored in key order since V60");
        migrateTo("70");
        fill();
        insertPurchase("p1", "a", 150, NOW - 3 * DAY, null);
        insertPurchase("p2", "a", 250, NOW - DAY, null);
        insertPurchase("p3", "b", 120, NOW - 20 * DAY, null);
        AudiencePreview preview = new AudiencePreview(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        Map<String, Object> twiceOrMore = Map.of("type", "event", "eventKey", "purchase", "operator", "count_greater_than", "value", 1);
        Map<String, Object> lastWeek = Map.of("type", "event", "eventKey", "purchase", "operator", "last_done_within", "days", 7);
        assertThat(List.of(count(preview, twiceOrMore), count(preview, lastWeek))).containsExactly(1L, 1L);

        database.migrate();

        assertThat(indexDefinition("activity_key_contact"))
                .endsWith("(workspace_id, event_key, contact_id) INCLUDE (event_count, first_at, last_at)");
        assertThat(List.of(count(preview, twiceOrMore), count(preview, lastWeek))).containsExactly(1L, 1L);
        insertPurchase("p4", "b", 130, NOW - DAY, null);
        assertThat(List.of(count(preview, twiceOrMore), count(preview, lastWeek))).as("b's rollup updated since").containsExactly(2L, 2L);
    }

    private String indexDefinition(String name) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT indexdef FROM pg_indexes WHERE indexname = ?")) {
                select.setString(1, name);
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
    }

    private List<String> withoutJsonbCopy() {
        return database.read(connection -> {
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery("SELECT id FROM events WHERE properties_jsonb IS NULL ORDER BY id")) {
                List<String> ids = new java.util.ArrayList<>();
                while (rows.next()) ids.add(rows.getString(1));
                return ids;
            }
        });
    }

    private void insertPurchase(String id, String contact, int amount, long at, String eventId) {
        insertPurchase(id, contact, "{\"amount\":" + amount + "}", at, eventId);
    }

    private void insertPurchase(String id, String contact, String properties, long at, String eventId) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO events (workspace_id, id, contact_id,"
                    + " event_key, properties, occurred_at, created_at, event_id) VALUES ('w', ?, ?, 'purchase', ?, ?, 0, ?)")) {
                statement.setString(1, id);
                statement.setString(2, contact);
                statement.setString(3, properties);
                statement.setLong(4, at);
                statement.setString(5, eventId);
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO activity (workspace_id, contact_id,"
                    + " event_key, event_count, first_at, last_at) VALUES ('w', ?, 'purchase', 1, ?, ?)"
                    + " ON CONFLICT (workspace_id, contact_id, event_key) DO UPDATE SET event_count = activity.event_count + 1,"
                    + " first_at = CASE WHEN excluded.first_at < activity.first_at THEN excluded.first_at ELSE activity.first_at END,"
                    + " last_at = CASE WHEN excluded.last_at > activity.last_at THEN excluded.last_at ELSE activity.last_at END")) {
                statement.setString(1, contact);
                statement.setLong(2, at);
                statement.setLong(3, at);
                statement.executeUpdate();
            }
            return null;
        });
    }

    private int insertedRows(String id, String eventId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO events (workspace_id, id, contact_id,"
                    + " event_key, properties, occurred_at, created_at, event_id) VALUES ('w', ?, 'c', 'purchase', '{}', 0, 0, ?)"
                    + " ON CONFLICT (workspace_id, event_id) DO NOTHING")) {
                statement.setString(1, id);
                statement.setString(2, eventId);
                return statement.executeUpdate();
            }
        });
    }

    private void setCustomAttributes(Map<String, String> attributesById) {
        database.inTransaction(connection -> {
            for (Map.Entry<String, String> entry : attributesById.entrySet()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE contacts SET custom_attributes = ? WHERE workspace_id = 'w' AND id = ?")) {
                    update.setString(1, entry.getValue());
                    update.setString(2, entry.getKey());
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    /** V65 on SQLite; PostgreSQL's last migration before V66 is V62. */
    private void migrateToTheVersionBeforeV66() {
        migrateTo(database.dialect() == Dialect.SQLITE ? "65" : "62");
    }

    /** The store as the version of that migration left it: the common migrations and this engine's own. */
    private void migrateTo(String version) {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration",
                "classpath:db/migration-" + database.dialect().name().toLowerCase(java.util.Locale.ROOT))
                .target(version).load().migrate();
    }

    @Test
    void onSqliteAContactsRollupsAreReadThroughItsIndexAndAKeysContactsThroughTheKeysRange() {
        assumeTrue(database.dialect() == Dialect.SQLITE, "these are SQLite's plans for its V60 layout; PostgreSQL keeps V1's");
        database.migrate();
        fill();
        // Without V61's statistics, SQLite read one contact's rows by the primary key's workspace prefix: every row.
        assertThat(plan("SELECT event_key, event_count FROM activity WHERE workspace_id = 'w' AND contact_id = 'a'"))
                .contains("activity_contact_key");
        assertThat(plan("SELECT c.id, " + EventStore.EVENT_COUNT.sql() + " FROM contacts c WHERE c.workspace_id = 'w'"
                + " AND c.external_id = 'a'")).as("V65: the event count eligibility checks reads the index alone")
                .contains("COVERING INDEX activity_contact_key");
        assertThat(plan("SELECT a.contact_id FROM activity a WHERE a.workspace_id = 'w' AND a.event_key = 'signed_in'"
                + " AND a.event_count > 1")).contains("PRIMARY KEY (workspace_id=? AND event_key=?)");
    }

    private String plan(String sql) {
        return database.read(connection -> {
            StringBuilder plan = new StringBuilder();
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rows.next()) plan.append(rows.getString(4)).append('\n');
            }
            return plan.toString();
        });
    }

    private static long count(AudiencePreview preview, Map<String, Object> rule) {
        Map<String, Object> json = rule.isEmpty() ? Map.of() : Map.of("groups", List.of(Map.of("rules", List.of(rule))));
        Targeting targeting = new RuleParser().parse(json);
        return preview.count("w", targeting).count();
    }

    /** a: three sign-ins, one 2 days ago; b: one, 10 days ago; c: none. */
    private void fill() {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'w', 0)")) {
                statement.executeUpdate();
            }
            for (String id : List.of("a", "b", "c")) {
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO contacts (workspace_id, id,"
                        + " external_id, custom_attributes, created_at, updated_at) VALUES ('w', ?, ?, '{}', 0, 0)")) {
                    statement.setString(1, id);
                    statement.setString(2, id);
                    statement.executeUpdate();
                }
            }
            long[][] events = {{NOW - 30 * DAY, NOW - 20 * DAY, NOW - 2 * DAY}, {NOW - 10 * DAY}};
            for (int c = 0; c < events.length; c++) {
                String contact = c == 0 ? "a" : "b";
                for (int e = 0; e < events[c].length; e++) {
                    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO events (workspace_id, id,"
                            + " contact_id, event_key, properties, occurred_at, created_at) VALUES ('w', ?, ?, 'signed_in', '{}', ?, 0)")) {
                        statement.setString(1, contact + e);
                        statement.setString(2, contact);
                        statement.setLong(3, events[c][e]);
                        statement.executeUpdate();
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement("INSERT INTO activity (workspace_id, contact_id,"
                        + " event_key, event_count, first_at, last_at) VALUES ('w', ?, 'signed_in', ?, ?, ?)")) {
                    statement.setString(1, contact);
                    statement.setLong(2, events[c].length);
                    statement.setLong(3, events[c][0]);
                    statement.setLong(4, events[c][events[c].length - 1]);
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }
}
