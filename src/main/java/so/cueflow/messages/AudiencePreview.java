package so.cueflow.messages;

import so.cueflow.auth.WorkspaceStore;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactConditions;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventStore;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.IdSet;
import so.cueflow.storage.SqlCondition;
import so.cueflow.targeting.Activity;
import so.cueflow.targeting.EventRecord;
import so.cueflow.targeting.Evaluator;
import so.cueflow.targeting.Subject;
import so.cueflow.targeting.Targeting;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many contacts a targeting selects. The rules that translate exactly are counted in SQL
 * ({@link AudiencePlan}); the contacts that only the reference {@link Evaluator} can decide (where
 * conditions, custom attributes) are narrowed in SQL first, then read as three streams ordered by
 * contact id — contacts, their activity and the raw events the rules need — merged and evaluated one
 * at a time. The differential tests hold both halves to the evaluator.
 *
 * <p>A large workspace is counted in ranges of contact ids ({@link ContactRanges}), each on its own connection and
 * thread at once: a contact's row, rollups and events are all in its range, so the ranges' counts add up. The ranges
 * are not read in one snapshot: while events arrive, some contacts may be seen a little later than others.
 */
public final class AudiencePreview implements AutoCloseable {
    private static final int SAMPLE_SIZE = 10;

    private final Database database;
    private final Clock clock;
    private final ContactRanges ranges;
    /**
     * Counts the ranges but the first, which the requesting thread counts itself, and finds where to split again;
     * null with one thread.
     */
    private final ExecutorService helpers;

    /** Counting every workspace in one range, on the requesting thread. */
    public AudiencePreview(Database database, Clock clock) {
        this(database, clock, 1);
    }

    public AudiencePreview(Database database, Clock clock, int threads) {
        this.database = database;
        this.clock = clock;
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, daemon());
        this.ranges = new ContactRanges(database, threads, ContactRanges.KEPT_NANOS, helpers);
    }

    private static ThreadFactory daemon() {
        AtomicInteger made = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "cueflow-preview-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public record Result(long count, List<String> sample) {
    }

    /** Blocking. */
    public Result count(String workspaceId, Targeting targeting) {
        long now = clock.millis();
        List<ContactScope> scopes = ranges.of(workspaceId);
        if (scopes.size() == 1) return count(scopes.get(0), targeting, now);
        List<Future<Result>> others = new ArrayList<>();
        for (ContactScope scope : scopes.subList(1, scopes.size())) others.add(helpers.submit(() -> count(scope, targeting, now)));
        try {
            long count = 0;
            List<String> sample = new ArrayList<>();
            for (Result part : parts(count(scopes.get(0), targeting, now), others)) {
                count += part.count();
                part.sample().stream().limit(SAMPLE_SIZE - sample.size()).forEach(sample::add);
            }
            return new Result(count, sample);
        } finally {
            others.forEach(other -> other.cancel(true));
        }
    }

    private static List<Result> parts(Result first, List<Future<Result>> others) {
        List<Result> parts = new ArrayList<>(List.of(first));
        for (Future<Result> other : others) {
            try {
                parts.add(other.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) throw failure;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting an audience", e);
            }
        }
        return parts;
    }

    private Result count(ContactScope scope, Targeting targeting, long now) {
        String workspaceId = scope.workspaceId();
        return database.readStreaming(connection -> {
            if (scope.isRange() && database.dialect() == Dialect.POSTGRESQL) planForOneRange(connection);
            AsOf asOf = new AsOf(now, WorkspaceStore.eventsKeptFrom(connection, workspaceId));
            Optional<OnePassPlan> onePass = OnePassPlan.of(targeting, scope, asOf, database.dialect());
            if (onePass.isPresent()) {
                OnePassPlan.Outcome outcome = onePass.get().run(connection, SAMPLE_SIZE);
                if (outcome.doubts() == 0) {
                    return new Result(outcome.count(), ContactConditions.externalIds(connection, workspaceId, outcome.firstIds()));
                }
            }
            // Some contacts SQL is unsure of: knowing which sets of them are empty makes those rules exact.
            Set<IdSet.Select> empty = new HashSet<>();
            for (IdSet.Select unsure : AudiencePlan.unsureSets(targeting, scope, asOf, database.dialect())) {
                if (ContactConditions.isEmpty(connection, unsure)) empty.add(unsure);
            }
            AudiencePlan plan = AudiencePlan.of(targeting, scope, asOf, database.dialect(), empty::contains);
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
                count += evaluate(connection, scope, residual, among, evaluator, sample, selected);
            }
            return new Result(count, sample);
        });
    }

    /**
     * For this transaction only. The ranges already keep the cores busy, so no parallel workers; and a range's rules
     * read their key's index entries of the range and the rows they point to, which PostgreSQL would otherwise cost
     * as random reads from disk (random_page_cost 4) and replace by a scan of the whole table — for every range at
     * once. Measured at 1,000,000 contacts, two ranges: the benchmark's targeting 3 took 1.1 s with these settings and
     * 6.4 s without (docs/benchmarks.md). A lower random_page_cost set by the operator is kept.
     */
    private static void planForOneRange(Connection connection) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('random_page_cost',"
                    + " LEAST(current_setting('random_page_cost')::float8, 1.1)::text, true)");
        }
    }

    @Override
    public void close() {
        if (helpers != null) helpers.shutdownNow();
    }

    /**
     * The contacts meeting {@code among} that the rules left select. Those rules are where rules, which read only
     * their key's raw events, and custom-attribute rules, which read only the contact: no rollups are loaded.
     */
    private long evaluate(Connection connection, ContactScope scope, AudiencePlan.Residual residual, SqlCondition among,
                          Evaluator evaluator, List<String> sample, Set<String> selected) throws SQLException {
        Targeting left = residual.left();
        Set<String> keys = left.eventKeysNeedingEvents();
        try (ContactStream contacts = new ContactStream(connection, scope, among);
             KeyedCursor<EventRecord> events = keys.isEmpty() ? null
                     : events(connection, scope, keys, left.eventKeysNeedingProperties(), residual.among())) {
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
    private KeyedCursor<EventRecord> events(Connection connection, ContactScope scope, Set<String> keys,
                                            Set<String> keysWithProperties, IdSet.Select among) throws SQLException {
        SqlCondition range = scope.range("e", "contact_id");
        if (among != null) range = range.and(among.holding("e.contact_id"));
        return new KeyedCursor<>(connection, "SELECT e.contact_id, e.event_key, e.occurred_at, "
                + EventStore.propertiesText(database.dialect(), "e.properties") + " FROM events e"
                + " WHERE e.workspace_id = ? AND e.event_key IN (" + marks(keys) + ") AND " + range.sql() + " ORDER BY e.contact_id",
                scope.workspaceId(), keys, range.parameters(),
                rows -> new EventRecord(rows.getLong(3), keysWithProperties.contains(rows.getString(2))
                        ? EventStore.properties(rows.getString(4)) : Map.of()));
    }

    private static String marks(Set<String> keys) {
        return keys.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    }
}
