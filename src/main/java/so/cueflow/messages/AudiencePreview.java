package so.cueflow.messages;

import so.cueflow.auth.WorkspaceStore;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactConditions;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.Database;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.Activity;
import so.cueflow.targeting.EventRecord;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How many contacts a targeting selects. The rules that translate exactly are counted in SQL
 * ({@link AudiencePlan}); the contacts that only the reference {@link Evaluator} can decide (where
 * conditions, custom attributes) are narrowed in SQL first, then read as three streams ordered by
 * contact id — contacts, their activity and the raw events the rules need — merged and evaluated one
 * at a time. The differential tests hold both halves to the evaluator.
 */
public final class AudiencePreview {
    private static final int SAMPLE_SIZE = 10;

    private final Database database;
    private final Clock clock;

    public AudiencePreview(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public record Result(long count, List<String> sample) {
    }

    /** Blocking. */
    public Result count(String workspaceId, Targeting targeting) {
        long now = clock.millis();
        return database.readStreaming(connection -> {
            AsOf asOf = new AsOf(now, WorkspaceStore.eventsKeptFrom(connection, workspaceId));
            Optional<OnePassPlan> onePass = OnePassPlan.of(targeting, workspaceId, asOf, database.dialect());
            if (onePass.isPresent()) {
                OnePassPlan.Outcome outcome = onePass.get().run(connection, SAMPLE_SIZE);
                if (outcome.doubts() == 0) {
                    return new Result(outcome.count(), ContactConditions.externalIds(connection, workspaceId, outcome.firstIds()));
                }
            }
            // Some contacts SQL is unsure of: knowing which sets of them are empty makes those rules exact.
            Set<IdSet.Select> empty = new HashSet<>();
            for (IdSet.Select unsure : AudiencePlan.unsureSets(targeting, workspaceId, asOf, database.dialect())) {
                if (ContactConditions.isEmpty(connection, unsure)) empty.add(unsure);
            }
            AudiencePlan plan = AudiencePlan.of(targeting, workspaceId, asOf, database.dialect(), empty::contains);
            ContactConditions.Counted counted = plan.exact().sql().contains(" GROUP BY ")
                    // Grouped raw events come out only once all are read: one pass then counts and samples.
                    ? ContactConditions.countAndSample(connection, workspaceId, plan.exact(), SAMPLE_SIZE)
                    : new ContactConditions.Counted(ContactConditions.count(connection, plan.exact()), null);
            long count = counted.count();
            List<String> sample = new ArrayList<>(counted.sample() != null ? counted.sample() : count == 0 ? List.of()
                    : ContactConditions.sample(connection, workspaceId, plan.exact(), SAMPLE_SIZE));
            Evaluator evaluator = new Evaluator(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
            // A contact two residual groups select is counted once; with one residual group none can be.
            Set<String> selected = plan.residuals().size() > 1 ? new HashSet<>() : null;
            for (AudiencePlan.Residual residual : plan.residuals()) {
                SqlCondition among = plan.notExact().and(residual.narrowed());
                count += evaluate(connection, workspaceId, residual, among, evaluator, sample, selected);
            }
            return new Result(count, sample);
        });
    }

    /**
     * The contacts meeting {@code among} that the rules left select. Those rules are where rules, which read only
     * their key's raw events, and custom-attribute rules, which read only the contact: no rollups are loaded.
     */
    private static long evaluate(Connection connection, String workspaceId, AudiencePlan.Residual residual, SqlCondition among,
                                 Evaluator evaluator, List<String> sample, Set<String> selected) throws SQLException {
        Targeting left = residual.left();
        Set<String> keys = left.eventKeysNeedingEvents();
        try (ContactStream contacts = new ContactStream(connection, workspaceId, among);
             KeyedCursor<EventRecord> events = keys.isEmpty() ? null
                     : events(connection, workspaceId, keys, left.eventKeysNeedingProperties(), residual.among())) {
            long count = 0;
            Contact contact;
            while ((contact = contacts.next()) != null) {
                Map<String, List<EventRecord>> raw = new HashMap<>();
                keys.forEach(key -> raw.put(key, new ArrayList<>()));
                if (events != null) events.drain(contact.id(), (key, event) -> raw.get(key).add(event));
                Subject subject = new Subject(Subjects.fields(contact), new Activity(Map.of(), raw), null);
                if (evaluator.matches(left, subject) && (selected == null || selected.add(contact.id()))) {
                    count++;
                    if (sample.size() < SAMPLE_SIZE) sample.add(contact.externalId());
                }
            }
            return count;
        }
    }

    /**
     * Properties are parsed only for the keys of rules with where; windows need only the times. The events of
     * contacts outside the residual's are skipped while merging, not filtered here (repeating the residual's
     * conditions inside this query made PostgreSQL plan them once per event), unless the residual names a set that
     * holds all its contacts: the contacts SQL was unsure of, usually few.
     */
    private static KeyedCursor<EventRecord> events(Connection connection, String workspaceId, Set<String> keys,
                                                   Set<String> keysWithProperties, IdSet.Select among) throws SQLException {
        String amongThem = among == null ? "" : " AND contact_id IN (" + among.sql() + ")";
        return new KeyedCursor<>(connection, "SELECT contact_id, event_key, occurred_at, properties FROM events"
                + " WHERE workspace_id = ? AND event_key IN (" + marks(keys) + ")" + amongThem + " ORDER BY contact_id",
                workspaceId, keys, among == null ? List.of() : among.parameters(),
                rows -> new EventRecord(rows.getLong(3), keysWithProperties.contains(rows.getString(2))
                        ? EventStore.properties(rows.getString(4)) : Map.of()));
    }

    private static String marks(Set<String> keys) {
        return keys.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    }
}
