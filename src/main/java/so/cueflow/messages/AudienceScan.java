package so.cueflow.messages;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactSearch;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Database;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.Activity;
import so.cueflow.targeting.EventRecord;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.KeyStats;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.sql.Connection;
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
            try (ContactStream contacts = new ContactStream(connection, ContactScope.all(workspaceId), among(search, afterId));
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

    /** The contacts the search finds (all when it is empty), after {@code afterId} when given. */
    private static SqlCondition among(ContactSearch search, String afterId) {
        List<Object> parameters = new ArrayList<>(search.parameters());
        String sql = "1 = 1" + search.condition();
        if (afterId != null) {
            sql += " AND c.id > ?";
            parameters.add(afterId);
        }
        return new SqlCondition(sql, parameters);
    }

    private static KeyedCursor<KeyStats> activity(Connection connection, String workspaceId, Set<String> keys) throws SQLException {
        return new KeyedCursor<>(connection, "SELECT contact_id, event_key, event_count, first_at, last_at FROM activity"
                + " WHERE workspace_id = ? AND event_key IN (" + marks(keys) + ") ORDER BY contact_id", workspaceId, keys,
                rows -> new KeyStats(rows.getLong(3), rows.getLong(4), rows.getLong(5)));
    }

    private KeyedCursor<EventRecord> events(Connection connection, String workspaceId, Set<String> keys) throws SQLException {
        return new KeyedCursor<>(connection, "SELECT contact_id, event_key, occurred_at, "
                + EventStore.propertiesText(database.dialect(), "properties") + " FROM events"
                + " WHERE workspace_id = ? AND event_key IN (" + marks(keys) + ") ORDER BY contact_id", workspaceId, keys,
                rows -> new EventRecord(rows.getLong(3), EventStore.properties(rows.getString(4))));
    }

    private static String marks(Set<String> keys) {
        return keys.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    }
}
