package so.cueflow.events;

import com.fasterxml.jackson.core.type.TypeReference;
import so.cueflow.http.Json;
import so.cueflow.storage.CorrelatedValue;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.targeting.Activity;
import so.cueflow.targeting.EventRecord;
import so.cueflow.targeting.KeyStats;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads of stored events: a contact's timeline and activity, and the workspace's catalog. */
public final class EventStore {
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private final Database database;

    public EventStore(Database database) {
        this.database = database;
    }

    public record Page(List<Event> events, String nextCursor) {
    }

    public record KeyActivity(String eventKey, long count, long firstAt, long lastAt) {
    }

    public record EventType(String eventKey, String displayName, long count, long contacts, long firstAt, long lastAt,
                            Map<String, List<String>> propertyTypes) {
    }

    /**
     * events.properties as JSON text. SQLite stores it as JSONB (V68), parsed once when written instead of by every
     * audience count that compares a property; json() renders it as the text that was written.
     */
    public static String propertiesText(Dialect dialect, String column) {
        return dialect == Dialect.SQLITE ? "json(" + column + ")" : column;
    }

    /** The placeholder that stores a JSON text bound to it in events.properties. */
    public static String storedProperties(Dialect dialect) {
        return dialect == Dialect.SQLITE ? "jsonb(?)" : "?";
    }

    /**
     * What PostgreSQL's events.properties_jsonb holds for properties written as {@code text} (V70): the same text, cast
     * to jsonb, or null when jsonb would refuse it. It refuses an escaped NUL (this test also takes an escaped
     * backslash followed by "u0000" for one, which only leaves that event to the evaluator); the numbers written are
     * doubles and integers within a double's range, which jsonb holds.
     */
    static String jsonbCopy(String text) {
        return text.contains("\\u0000") ? null : text;
    }

    static Event readEvent(ResultSet rows) throws SQLException {
        return new Event(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getLong(6), rows.getLong(7));
    }

    /** Newest first; the cursor is the (occurredAt, id) of the last event of the previous page. */
    public Page timeline(String workspaceId, String contactId, String externalId, String eventKey, int limit,
                         TimelineCursor after) {
        StringBuilder sql = new StringBuilder("SELECT id, event_key, contact_id, ? AS external_id, "
                + propertiesText(database.dialect(), "properties") + ", occurred_at, created_at"
                + " FROM events WHERE workspace_id = ? AND contact_id = ?");
        if (eventKey != null) sql.append(" AND event_key = ?");
        if (after != null) sql.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))");
        // "+occurred_at": without it SQLite picks the (workspace, occurred_at) index and walks every event
        // of the workspace to find this contact's (seconds at 300,000 events); the contact's index is the right one.
        sql.append(" ORDER BY +occurred_at DESC, id DESC LIMIT ?");
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int p = 1;
                select.setString(p++, externalId);
                select.setString(p++, workspaceId);
                select.setString(p++, contactId);
                if (eventKey != null) select.setString(p++, eventKey);
                if (after != null) {
                    select.setLong(p++, after.occurredAt());
                    select.setLong(p++, after.occurredAt());
                    select.setString(p++, after.id());
                }
                select.setInt(p, limit + 1);
                List<Event> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) events.add(readEvent(rows));
                }
                if (events.size() <= limit) return new Page(events, null);
                Event last = events.get(limit - 1);
                return new Page(events.subList(0, limit), new TimelineCursor(last.occurredAtMillis(), last.id()).encode());
            }
        });
    }

    /** The timeline from an encoded cursor (as handed out in {@link Page#nextCursor()}); a foreign cursor is a 400. */
    public Page timeline(String workspaceId, String contactId, String externalId, int limit, String cursor) {
        return timeline(workspaceId, contactId, externalId, null, limit, TimelineCursor.decode(cursor));
    }

    /** The newest stored events of one key in the workspace, with their contact's externalId. */
    public List<Event> latest(String workspaceId, String eventKey, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT e.id, e.event_key, e.contact_id, c.external_id,"
                    + " " + propertiesText(database.dialect(), "e.properties") + ", e.occurred_at, e.created_at"
                    + " FROM events e JOIN contacts c ON c.workspace_id = e.workspace_id"
                    + " AND c.id = e.contact_id WHERE e.workspace_id = ? AND e.event_key = ? ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?")) {
                select.setString(1, workspaceId);
                select.setString(2, eventKey);
                select.setInt(3, limit);
                List<Event> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) events.add(readEvent(rows));
                }
                return events;
            }
        });
    }

    /** How many events of the contact are stored (what erasing it deletes). */
    public long countOf(String workspaceId, String contactId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM events WHERE workspace_id = ? AND contact_id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, contactId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /**
     * How many events the contact (row alias {@code c}) has stored in all, from its rollups: it grows with every event
     * stored for the contact (a merge adds the merged contact's), so it tells whether a history read earlier is current.
     */
    public static final CorrelatedValue EVENT_COUNT = new CorrelatedValue("(SELECT COALESCE(SUM(a.event_count), 0)"
            + " FROM activity a WHERE a.workspace_id = c.workspace_id AND a.contact_id = c.id)");

    /**
     * In one connection, what targeting reads of a contact: every rollup, and the raw events of the keys with windows
     * or where conditions; their properties are parsed only for the keys with where conditions.
     */
    public Activity activityOf(String workspaceId, String contactId, Set<String> keysWithEvents, Set<String> keysWithProperties) {
        return database.read(connection -> {
            Map<String, KeyStats> rollups = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_key, event_count, first_at, last_at FROM activity WHERE workspace_id = ? AND contact_id = ?")) {
                select.setString(1, workspaceId);
                select.setString(2, contactId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) rollups.put(rows.getString(1), new KeyStats(rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
            return new Activity(rollups, eventsOf(connection, workspaceId, contactId, keysWithEvents, keysWithProperties));
        });
    }

    private Map<String, List<EventRecord>> eventsOf(Connection connection, String workspaceId, String contactId,
                                                    Set<String> eventKeys, Set<String> keysWithProperties) throws SQLException {
        if (eventKeys.isEmpty()) return Map.of();
        List<String> keys = List.copyOf(eventKeys);
        try (PreparedStatement select = connection.prepareStatement("SELECT event_key, occurred_at, "
                + propertiesText(database.dialect(), "properties") + " FROM events"
                + " WHERE workspace_id = ? AND contact_id = ? AND event_key IN (" + EventWriter.marks(keys.size()) + ")")) {
            select.setString(1, workspaceId);
            select.setString(2, contactId);
            for (int i = 0; i < keys.size(); i++) select.setString(i + 3, keys.get(i));
            Map<String, List<EventRecord>> events = new HashMap<>();
            keys.forEach(key -> events.put(key, new ArrayList<>()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    Map<String, Object> properties = keysWithProperties.contains(key) ? properties(rows.getString(3)) : Map.of();
                    events.get(key).add(new EventRecord(rows.getLong(2), properties));
                }
            }
            return events;
        }
    }

    /** What erasing the contact's events takes off the per-day rollup, read in the erasing transaction. */
    public static DayCounts dayCountsOf(java.sql.Connection connection, String workspaceId, String contactId) throws SQLException {
        DayCounts counts = new DayCounts();
        try (PreparedStatement select = connection.prepareStatement("SELECT occurred_at / " + DayCounts.DAY_MS
                + ", event_key, COUNT(*) FROM events WHERE workspace_id = ? AND contact_id = ? GROUP BY occurred_at / "
                + DayCounts.DAY_MS + ", event_key")) {
            select.setString(1, workspaceId);
            select.setString(2, contactId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) counts.addDay(workspaceId, rows.getLong(1), rows.getString(2), rows.getLong(3));
            }
        }
        return counts;
    }

    /**
     * Deletes a contact's events and activity in the caller's (erasing) transaction, taking its
     * events off the per-day totals first.
     */
    public static void eraseContact(Connection connection, String workspaceId, String contactId) throws SQLException {
        EventDayStore.apply(connection, dayCountsOf(connection, workspaceId, contactId).negated());
        for (String table : List.of("events", "activity")) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE workspace_id = ? AND contact_id = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, contactId);
                delete.executeUpdate();
            }
        }
    }

    public static Map<String, Object> properties(String json) {
        try {
            return Json.MAPPER.readValue(json, PROPERTIES);
        } catch (IOException e) {
            throw new UncheckedIOException("stored properties are not JSON", e);
        }
    }

    public List<KeyActivity> activity(String workspaceId, String contactId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_key, event_count, first_at, last_at FROM activity"
                            + " WHERE workspace_id = ? AND contact_id = ? ORDER BY event_key")) {
                select.setString(1, workspaceId);
                select.setString(2, contactId);
                List<KeyActivity> activity = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        activity.add(new KeyActivity(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                    }
                }
                return activity;
            }
        });
    }

    /** Totals come from the activity rollups, so they stay exact when a contact is erased. */
    public List<EventType> catalog(String workspaceId) {
        return database.read(connection -> {
            Map<String, Map<String, List<String>>> properties = propertyTypes(connection, workspaceId);
            List<EventType> types = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT a.event_key, MIN(n.display_name), SUM(a.event_count), COUNT(*), MIN(a.first_at), MAX(a.last_at)"
                            + " FROM activity a LEFT JOIN event_names n ON n.workspace_id = a.workspace_id AND n.event_key = a.event_key"
                            + " WHERE a.workspace_id = ? GROUP BY a.event_key ORDER BY a.event_key")) {
                select.setString(1, workspaceId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String key = rows.getString(1);
                        String name = rows.getString(2);
                        types.add(new EventType(key, name != null ? name : EventViews.displayName(key), rows.getLong(3),
                                rows.getLong(4), rows.getLong(5), rows.getLong(6), properties.getOrDefault(key, Map.of())));
                    }
                }
            }
            return types;
        });
    }

    /**
     * Moves a contact's events and activity to another contact in the caller's transaction; the
     * activity rollups are added up (count summed, earliest first, latest last), which equals a
     * recount of the moved events while retention has purged none.
     */
    public void reassign(java.sql.Connection connection, String workspaceId, String fromContactId, String toContactId)
            throws SQLException {
        try (PreparedStatement events = connection.prepareStatement(
                "UPDATE events SET contact_id = ? WHERE workspace_id = ? AND contact_id = ?")) {
            events.setString(1, toContactId);
            events.setString(2, workspaceId);
            events.setString(3, fromContactId);
            events.executeUpdate();
        }
        try (PreparedStatement activity = connection.prepareStatement("INSERT INTO activity (workspace_id, contact_id, event_key,"
                + " event_count, first_at, last_at) SELECT workspace_id, ?, event_key, event_count, first_at, last_at FROM activity"
                + " WHERE workspace_id = ? AND contact_id = ? ORDER BY event_key" + EventWriter.ACTIVITY_CONFLICT)) {
            activity.setString(1, toContactId);
            activity.setString(2, workspaceId);
            activity.setString(3, fromContactId);
            activity.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM activity WHERE workspace_id = ? AND contact_id = ?")) {
            delete.setString(1, workspaceId);
            delete.setString(2, fromContactId);
            delete.executeUpdate();
        }
    }

    /** Records the name an event key was first sent under (say "Order Completed"), for the catalog. */
    public void rememberDisplayNames(java.sql.Connection connection, String workspaceId, Map<String, String> namesByKey)
            throws SQLException {
        if (namesByKey.isEmpty()) return;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_names (workspace_id, event_key, display_name)"
                + " VALUES (?, ?, ?) ON CONFLICT (workspace_id, event_key) DO NOTHING")) {
            for (Map.Entry<String, String> entry : new TreeMap<>(namesByKey).entrySet()) {
                insert.setString(1, workspaceId);
                insert.setString(2, entry.getKey());
                insert.setString(3, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<String, Map<String, List<String>>> propertyTypes(java.sql.Connection connection, String workspaceId)
            throws SQLException {
        Map<String, Map<String, TreeSet<String>>> byKey = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_key, property, property_type FROM event_properties WHERE workspace_id = ?")) {
            select.setString(1, workspaceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byKey.computeIfAbsent(rows.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(rows.getString(2), k -> new TreeSet<>())
                            .add(rows.getString(3));
                }
            }
        }
        Map<String, Map<String, List<String>>> result = new LinkedHashMap<>();
        byKey.forEach((key, props) -> {
            Map<String, List<String>> typed = new TreeMap<>();
            props.forEach((name, kinds) -> typed.put(name, List.copyOf(kinds)));
            result.put(key, typed);
        });
        return result;
    }
}
