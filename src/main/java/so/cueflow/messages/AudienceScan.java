package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactSearch;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.Database;
import so.cueflow.targeting.Activity;
import so.cueflow.targeting.EventRecord;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.KeyStats;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every contact a targeting selects, decided one at a time by the same {@link Evaluator} that
 * eligibility uses, for the dashboard's filtered contact list and its CSV export (which need the
 * contacts themselves in id order, not a count: {@link AudiencePreview} counts set-at-a-time).
 * Contacts, their activity and (where rules need them) their raw events are read as three streams
 * ordered by contact id and merged, one contact at a time.
 */
public final class AudienceScan {
    private final Database database;
    private final Clock clock;

    public AudienceScan(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Decides, for each matched contact in id order, whether to go on. */
    @FunctionalInterface
    public interface MatchSink {
        boolean accept(Contact contact) throws Exception;
    }

    /**
     * Blocking: hands every contact the targeting selects (among those of the search, with an id
     * after {@code afterId} when given) to {@code sink}, in id order, holding one contact at a time.
     */
    public void forEachMatch(String workspaceId, Targeting targeting, ContactSearch search, String afterId, MatchSink sink) {
        Evaluator evaluator = new Evaluator(clock);
        Set<String> keysNeedingEvents = targeting.eventKeysNeedingEvents();
        database.readStreaming(connection -> {
            try (ContactCursor contacts = new ContactCursor(connection, workspaceId, search, afterId);
                 KeyedCursor<KeyStats> activity = activity(connection, workspaceId, targeting.eventKeys());
                 KeyedCursor<EventRecord> events = events(connection, workspaceId, keysNeedingEvents)) {
                Contact contact;
                while ((contact = contacts.next()) != null) {
                    Map<String, List<EventRecord>> raw = new HashMap<>();
                    keysNeedingEvents.forEach(key -> raw.put(key, new ArrayList<>()));
                    events.drain(contact.id(), (key, event) -> raw.get(key).add(event));
                    Map<String, KeyStats> rollups = new HashMap<>();
                    activity.drain(contact.id(), rollups::put);
                    if (evaluator.matches(targeting, new Subject(Subjects.fields(contact), new Activity(rollups, raw), null))
                            && !sink.accept(contact)) {
                        break;
                    }
                }
                return null;
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static KeyedCursor<KeyStats> activity(Connection connection, String workspaceId, Set<String> keys) throws SQLException {
        return new KeyedCursor<>(connection, "SELECT contact_id, event_key, event_count, first_at, last_at FROM activity"
                + " WHERE workspace_id = ? AND event_key IN (" + marks(keys) + ") ORDER BY contact_id", workspaceId, keys,
                rows -> new KeyStats(rows.getLong(3), rows.getLong(4), rows.getLong(5)));
    }

    private static KeyedCursor<EventRecord> events(Connection connection, String workspaceId, Set<String> keys) throws SQLException {
        return new KeyedCursor<>(connection, "SELECT contact_id, event_key, occurred_at, properties FROM events"
                + " WHERE workspace_id = ? AND event_key IN (" + marks(keys) + ") ORDER BY contact_id", workspaceId, keys,
                rows -> new EventRecord(rows.getLong(3), EventStore.properties(rows.getString(4))));
    }

    private static String marks(Set<String> keys) {
        return keys.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    }

    /** The contacts of a workspace (of a search, after an id) in id order. */
    private static final class ContactCursor implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rows;

        ContactCursor(Connection connection, String workspaceId, ContactSearch search, String afterId) throws SQLException {
            statement = connection.prepareStatement("SELECT " + ContactStore.COLUMNS + " FROM contacts WHERE workspace_id = ?"
                    + search.condition() + (afterId == null ? "" : " AND id > ?") + " ORDER BY id");
            statement.setString(1, workspaceId);
            int index = 2;
            for (String parameter : search.parameters()) statement.setString(index++, parameter);
            if (afterId != null) statement.setString(index, afterId);
            statement.setFetchSize(1_000);
            rows = statement.executeQuery();
        }

        Contact next() throws SQLException {
            return rows.next() ? ContactStore.read(rows) : null;
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            statement.close();
        }
    }

    /** Rows ordered by contact id (column 1) and carrying an event key (column 2). */
    private static final class KeyedCursor<T> implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final RowReader<T> reader;
        private boolean hasRow;

        KeyedCursor(Connection connection, String sql, String workspaceId, Set<String> keys, RowReader<T> reader) throws SQLException {
            this.statement = connection.prepareStatement(sql);
            this.reader = reader;
            statement.setString(1, workspaceId);
            int index = 2;
            for (String key : keys) statement.setString(index++, key);
            statement.setFetchSize(1_000);
            rows = statement.executeQuery();
            hasRow = rows.next();
        }

        /** Hands over the rows of this contact; rows of contacts that no longer exist are skipped. */
        void drain(String contactId, RowSink<T> sink) throws SQLException {
            while (hasRow && rows.getString(1).compareTo(contactId) < 0) hasRow = rows.next();
            while (hasRow && rows.getString(1).equals(contactId)) {
                sink.accept(rows.getString(2), reader.read(rows));
                hasRow = rows.next();
            }
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            statement.close();
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    @FunctionalInterface
    private interface RowSink<T> {
        void accept(String eventKey, T value);
    }
}
