package so.cueflow.events;

import so.cueflow.http.ApiError;
import so.cueflow.storage.ColumnArrays;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SQL of the write path: stores a batch of drafts in the caller's transaction and returns an
 * outcome for each, in order. Activity is upserted once per (contact, eventKey) of the batch.
 * Rows that writers of several servers may touch at once (events by eventId, activity, property
 * types) are written in sorted order, so that two batches never wait on each other in a cycle.
 */
final class EventWriter {
    private static final int IN_CHUNK = 400;
    private static final String UPSERT_ACTIVITY = "INSERT INTO activity (workspace_id, contact_id, event_key, event_count, first_at, last_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, contact_id, event_key) DO UPDATE SET"
            + " event_count = activity.event_count + excluded.event_count,"
            + " first_at = CASE WHEN excluded.first_at < activity.first_at THEN excluded.first_at ELSE activity.first_at END,"
            + " last_at = CASE WHEN excluded.last_at > activity.last_at THEN excluded.last_at ELSE activity.last_at END";
    private static final String EVENT_COLUMNS = "(workspace_id, id, contact_id, event_key, properties, occurred_at, created_at, event_id)";
    /** PostgreSQL's: with the jsonb copy of the properties (V70). */
    private static final String EVENT_COLUMNS_WITH_JSONB = "(workspace_id, id, contact_id, event_key, properties, occurred_at,"
            + " created_at, event_id, properties_jsonb)";
    static final String ACTIVITY_CONFLICT = UPSERT_ACTIVITY.substring(UPSERT_ACTIVITY.indexOf(" ON CONFLICT"));
    private static final String INSERT_PROPERTY = "INSERT INTO event_properties (workspace_id, event_key, property, property_type)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final int MAX_KNOWN_PROPERTY_TYPES = 100_000;

    /** The writer keeps one connection for its lifetime, so its statements are prepared once. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Set<PropertyType> knownPropertyTypes = new HashSet<>();
    private final Set<PropertyType> pendingPropertyTypes = new HashSet<>();
    private final Dialect dialect;
    private final String insertEvent;

    private record PropertyType(String workspaceId, String eventKey, String property, String type) {
        static final Comparator<PropertyType> ORDER = Comparator.comparing(PropertyType::workspaceId)
                .thenComparing(PropertyType::eventKey).thenComparing(PropertyType::property).thenComparing(PropertyType::type);
    }

    EventWriter(Dialect dialect) {
        this.dialect = dialect;
        this.insertEvent = "INSERT INTO events " + EVENT_COLUMNS + " VALUES (?, ?, ?, ?, " + EventStore.storedProperties(dialect)
                + ", ?, ?, ?) ON CONFLICT (workspace_id, event_id) DO NOTHING";
    }

    private PreparedStatement statement(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        statement.clearBatch(); // a batch that failed half-way may have left rows behind
        return statement;
    }

    List<Outcome> write(Connection connection, List<EventDraft> drafts) throws SQLException {
        Map<String, String> contactIds = resolveContacts(connection, drafts);
        Outcome[] outcomes = new Outcome[drafts.size()];
        List<Integer> toInsert = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            EventDraft draft = drafts.get(i);
            if (contactIds.containsKey(contactKey(draft.workspaceId(), draft.externalId()))) {
                toInsert.add(i);
            } else {
                outcomes[i] = new Outcome.Rejected(contactNotFound(draft.externalId()));
            }
        }
        toInsert.sort(Comparator.comparing((Integer i) -> drafts.get(i).eventId(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(i -> drafts.get(i).workspaceId()));
        List<Event> events = new ArrayList<>();
        for (int i : toInsert) {
            EventDraft draft = drafts.get(i);
            events.add(new Event(Ids.next(draft.createdAt()), draft.eventKey(),
                    contactIds.get(contactKey(draft.workspaceId(), draft.externalId())), draft.externalId(),
                    draft.properties(), draft.occurredAt(), draft.createdAt()));
        }
        int[] inserted = insertEvents(connection, drafts, toInsert, events);
        List<Integer> duplicates = new ArrayList<>();
        List<EventDraft> stored = new ArrayList<>();
        List<Event> storedEvents = new ArrayList<>();
        for (int j = 0; j < toInsert.size(); j++) {
            int i = toInsert.get(j);
            if (inserted[j] == 0) {
                duplicates.add(i);
            } else {
                outcomes[i] = new Outcome.Stored(events.get(j));
                stored.add(drafts.get(i));
                storedEvents.add(events.get(j));
            }
        }
        resolveDuplicates(connection, drafts, duplicates, outcomes);
        upsertActivity(connection, stored, storedEvents);
        EventDayStore.apply(connection, dayCounts(stored));
        insertPropertyTypes(connection, stored);
        return List.of(outcomes);
    }

    static ApiError contactNotFound(String externalId) {
        return ApiError.notFound("contact_not_found", "no contact with externalId \"" + externalId
                + "\" in this workspace; create it first with POST /api/v1/contacts");
    }

    private static String contactKey(String workspaceId, String externalId) {
        return workspaceId + '\u0000' + externalId;
    }

    private Map<String, String> resolveContacts(Connection connection, List<EventDraft> drafts) throws SQLException {
        Map<String, Set<String>> byWorkspace = new HashMap<>();
        for (EventDraft draft : drafts) {
            byWorkspace.computeIfAbsent(draft.workspaceId(), w -> new HashSet<>()).add(draft.externalId());
        }
        Map<String, String> ids = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : byWorkspace.entrySet()) {
            List<String> externalIds = new ArrayList<>(entry.getValue());
            for (int from = 0; from < externalIds.size(); from += IN_CHUNK) {
                List<String> chunk = externalIds.subList(from, Math.min(from + IN_CHUNK, externalIds.size()));
                // Padded to a power of two (repeating the last id) so that few distinct statements exist.
                int width = Math.min(IN_CHUNK, Integer.highestOneBit(chunk.size() * 2 - 1));
                PreparedStatement select = statement(connection, "SELECT external_id, id FROM contacts WHERE workspace_id = ?"
                        + " AND external_id IN (" + marks(width) + ")" + dialect.lockAgainstDelete());
                select.setString(1, entry.getKey());
                for (int k = 0; k < width; k++) select.setString(k + 2, chunk.get(Math.min(k, chunk.size() - 1)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) ids.put(contactKey(entry.getKey(), rows.getString(1)), rows.getString(2));
                }
            }
        }
        return ids;
    }

    private int[] insertEvents(Connection connection, List<EventDraft> drafts, List<Integer> indexes,
                               List<Event> events) throws SQLException {
        if (indexes.isEmpty()) return new int[0];
        if (dialect.bindsRowsAsArrays()) return insertEventsAsArrays(connection, drafts, indexes, events);
        PreparedStatement insert = statement(connection, insertEvent);
        for (int j = 0; j < indexes.size(); j++) {
            EventDraft draft = drafts.get(indexes.get(j));
            Event event = events.get(j);
            insert.setString(1, draft.workspaceId());
            insert.setString(2, event.id());
            insert.setString(3, event.contactId());
            insert.setString(4, draft.eventKey());
            insert.setString(5, draft.properties());
            insert.setLong(6, draft.occurredAt());
            insert.setLong(7, draft.createdAt());
            insert.setString(8, draft.eventId());
            insert.addBatch();
        }
        return insert.executeBatch();
    }

    /** One statement for the batch; the ids it returns tell which rows were new (1) and which were duplicates (0). */
    private int[] insertEventsAsArrays(Connection connection, List<EventDraft> drafts, List<Integer> indexes,
                                       List<Event> events) throws SQLException {
        ColumnArrays rows = new ColumnArrays("text", "text", "text", "text", "text", "bigint", "bigint", "text", "jsonb");
        for (int j = 0; j < indexes.size(); j++) {
            EventDraft draft = drafts.get(indexes.get(j));
            Event event = events.get(j);
            rows.add(draft.workspaceId(), event.id(), event.contactId(), draft.eventKey(), draft.properties(),
                    draft.occurredAt(), draft.createdAt(), draft.eventId(), EventStore.jsonbCopy(draft.properties()));
        }
        PreparedStatement insert = statement(connection, "INSERT INTO events " + EVENT_COLUMNS_WITH_JSONB + " SELECT * FROM "
                + rows.unnest() + " ON CONFLICT (workspace_id, event_id) DO NOTHING RETURNING id");
        rows.bind(connection, insert);
        Set<String> inserted = new HashSet<>();
        try (ResultSet returned = insert.executeQuery()) {
            while (returned.next()) inserted.add(returned.getString(1));
        }
        int[] counts = new int[indexes.size()];
        for (int j = 0; j < counts.length; j++) counts[j] = inserted.contains(events.get(j).id()) ? 1 : 0;
        return counts;
    }

    private void resolveDuplicates(Connection connection, List<EventDraft> drafts, List<Integer> duplicates,
                                   Outcome[] outcomes) throws SQLException {
        String sql = "SELECT e.id, e.event_key, e.contact_id, c.external_id, " + EventStore.propertiesText(dialect, "e.properties")
                + ", e.occurred_at, e.created_at"
                + " FROM events e JOIN contacts c ON c.workspace_id = e.workspace_id AND c.id = e.contact_id"
                + " WHERE e.workspace_id = ? AND e.event_id = ?";
        for (int i : duplicates) {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, drafts.get(i).workspaceId());
                select.setString(2, drafts.get(i).eventId());
                try (ResultSet rows = select.executeQuery()) {
                    // Gone only if another transaction (an erase, the retention purge) deleted the original
                    // since the insert met it (PostgreSQL, READ COMMITTED): a retry of the batch stores it anew.
                    if (!rows.next()) throw new SQLException("the event with this eventId was deleted meanwhile", "40001");
                    outcomes[i] = new Outcome.Duplicate(EventStore.readEvent(rows));
                }
            }
        }
    }

    private static DayCounts dayCounts(List<EventDraft> stored) {
        DayCounts counts = new DayCounts();
        for (EventDraft draft : stored) counts.add(draft.workspaceId(), draft.occurredAt(), draft.eventKey(), 1);
        return counts;
    }

    private void upsertActivity(Connection connection, List<EventDraft> drafts, List<Event> events) throws SQLException {
        Map<List<String>, long[]> rollups = new TreeMap<>(EventWriter::compareKeys);
        for (int j = 0; j < drafts.size(); j++) {
            long at = drafts.get(j).occurredAt();
            long[] rollup = rollups.computeIfAbsent(
                    List.of(drafts.get(j).workspaceId(), events.get(j).contactId(), drafts.get(j).eventKey()),
                    k -> new long[]{0, Long.MAX_VALUE, Long.MIN_VALUE});
            rollup[0]++;
            rollup[1] = Math.min(rollup[1], at);
            rollup[2] = Math.max(rollup[2], at);
        }
        if (rollups.isEmpty()) return;
        if (dialect.bindsRowsAsArrays()) {
            ColumnArrays rows = new ColumnArrays("text", "text", "text", "bigint", "bigint", "bigint");
            rollups.forEach((key, rollup) -> rows.add(key.get(0), key.get(1), key.get(2), rollup[0], rollup[1], rollup[2]));
            PreparedStatement upsert = statement(connection, "INSERT INTO activity (workspace_id, contact_id, event_key,"
                    + " event_count, first_at, last_at) SELECT * FROM " + rows.unnest() + ACTIVITY_CONFLICT);
            rows.bind(connection, upsert);
            upsert.executeUpdate();
            return;
        }
        PreparedStatement upsert = statement(connection, UPSERT_ACTIVITY);
        for (Map.Entry<List<String>, long[]> entry : rollups.entrySet()) {
            for (int k = 0; k < 3; k++) upsert.setString(k + 1, entry.getKey().get(k));
            for (int k = 0; k < 3; k++) upsert.setLong(k + 4, entry.getValue()[k]);
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    private void insertPropertyTypes(Connection connection, List<EventDraft> drafts) throws SQLException {
        Set<PropertyType> fresh = new TreeSet<>(PropertyType.ORDER);
        for (EventDraft draft : drafts) {
            draft.propertyTypes().forEach((name, type) -> {
                PropertyType seen = new PropertyType(draft.workspaceId(), draft.eventKey(), name, type);
                if (!knownPropertyTypes.contains(seen)) fresh.add(seen);
            });
        }
        if (fresh.isEmpty()) return;
        PreparedStatement insert = statement(connection, INSERT_PROPERTY);
        for (PropertyType row : fresh) {
            insert.setString(1, row.workspaceId());
            insert.setString(2, row.eventKey());
            insert.setString(3, row.property());
            insert.setString(4, row.type());
            insert.addBatch();
        }
        insert.executeBatch();
        pendingPropertyTypes.addAll(fresh);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int k = 0; k < a.size(); k++) {
            int order = a.get(k).compareTo(b.get(k));
            if (order != 0) return order;
        }
        return 0;
    }

    /** The connection these statements were prepared on is gone; the next batch prepares them anew. */
    void forgetStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is already broken
            }
        }
        statements.clear();
    }

    /** Called after the batch's transaction ends; only committed property types are remembered. */
    void finished(boolean committed) {
        if (committed) {
            if (knownPropertyTypes.size() > MAX_KNOWN_PROPERTY_TYPES) knownPropertyTypes.clear();
            knownPropertyTypes.addAll(pendingPropertyTypes);
        }
        pendingPropertyTypes.clear();
    }

    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
