package so.cueflow.segment;

import so.cueflow.contacts.ContactChanges;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventDraft;
import so.cueflow.events.EventStore;
import so.cueflow.events.Ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one request's calls write, done by the ingest writer in its transaction before their
 * events: joins of anonymousIds to userIds (merging the anonymous contact), the contacts the calls
 * name (created blank when new), identify and group changes, page views' lastSeenAt, and the
 * events' display names. An anonymous-only call whose anonymousId is joined goes to the userId.
 */
final class SegmentWrite implements Ingest.Preparation {
    record Join(String anonymousId, String userId) {
    }

    private record Change(String subject, String anonymousId, ContactChanges changes) {
    }

    private record Seen(String subject, String anonymousId, long at) {
    }

    private final String workspaceId;
    private final long now;
    private final Writers writers;
    private final List<EventDraft> drafts = new ArrayList<>();
    private final List<String> draftAnonymousIds = new ArrayList<>();
    private final Set<Join> joins = new LinkedHashSet<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();
    private final Map<String, String> displayNames = new LinkedHashMap<>();
    private final List<Flattening.Dropped> dropped = new ArrayList<>();

    /** The stores and caches a write uses, shared by all requests. */
    record Writers(ContactStore contacts, EventStore events, SegmentStore aliases, IdentityMerge merge, KnownFacts known) {
    }

    SegmentWrite(String workspaceId, long now, Writers writers) {
        this.workspaceId = workspaceId;
        this.now = now;
        this.writers = writers;
    }

    void join(String anonymousId, String userId) {
        joins.add(new Join(anonymousId, userId));
    }

    void event(SegmentCall call, EventDraft draft) {
        drafts.add(draft);
        draftAnonymousIds.add(call.anonymousOnly() ? call.anonymousId() : null);
    }

    void contact(SegmentCall call, ContactChanges change) {
        changes.add(new Change(call.subject(), call.anonymousOnly() ? call.anonymousId() : null, change));
    }

    void seen(SegmentCall call, long at) {
        seen.add(new Seen(call.subject(), call.anonymousOnly() ? call.anonymousId() : null, at));
    }

    void displayName(String key, String name) {
        if (!writers.known().hasDisplayName(workspaceId, key)) displayNames.putIfAbsent(key, name);
    }

    List<Flattening.Dropped> dropped() {
        return dropped;
    }

    List<EventDraft> drafts() {
        return drafts;
    }

    /** After the commit: what need not be written again. */
    void committed() {
        joins.forEach(join -> writers.known().joined(workspaceId, join, now));
        displayNames.keySet().forEach(key -> writers.known().namedKey(workspaceId, key));
    }

    @Override
    public boolean exclusive() {
        return joins.stream().anyMatch(join -> !writers.known().isJoined(workspaceId, join, now));
    }

    @Override
    public List<EventDraft> prepare(Connection connection, List<EventDraft> submitted) throws SQLException {
        for (Join join : joins) {
            if (!writers.known().isJoined(workspaceId, join, now)) {
                writers.merge().join(connection, workspaceId, join.anonymousId(), join.userId(), now);
            }
        }
        Map<String, String> subjects = resolve(connection);
        writers.contacts().insertMissing(connection, workspaceId, allSubjects(subjects), now);
        requireNoNewAliases(connection, subjects);
        for (Change change : changes) {
            writers.contacts().upsert(connection, workspaceId, subject(subjects, change.subject(), change.anonymousId()), change.changes(), now);
        }
        for (Seen view : seen) {
            writers.contacts().markSeen(connection, workspaceId, subject(subjects, view.subject(), view.anonymousId()), view.at());
        }
        writers.events().rememberDisplayNames(connection, workspaceId, displayNames);
        List<EventDraft> resolved = new ArrayList<>(submitted.size());
        for (int i = 0; i < submitted.size(); i++) {
            EventDraft draft = submitted.get(i);
            String subject = subject(subjects, draft.externalId(), draftAnonymousIds.get(i));
            resolved.add(subject.equals(draft.externalId()) ? draft : new EventDraft(draft.workspaceId(), subject,
                    draft.eventKey(), draft.properties(), draft.propertyTypes(), draft.occurredAt(), draft.createdAt(), draft.eventId()));
        }
        return resolved;
    }

    /** The externalId of each anonymousId of this write's anonymous-only calls, aliases applied. */
    private Map<String, String> resolve(Connection connection) throws SQLException {
        Map<String, String> subjects = new HashMap<>();
        draftAnonymousIds.forEach(id -> add(subjects, id));
        changes.forEach(change -> add(subjects, change.anonymousId()));
        seen.forEach(view -> add(subjects, view.anonymousId()));
        if (!subjects.isEmpty()) subjects.putAll(writers.aliases().aliases(connection, workspaceId, subjects.keySet()));
        return subjects;
    }

    private static void add(Map<String, String> subjects, String anonymousId) {
        if (anonymousId != null) subjects.putIfAbsent(anonymousId, SegmentCall.anonymousExternalId(anonymousId));
    }

    private static String subject(Map<String, String> anonymousSubjects, String subject, String anonymousId) {
        return anonymousId == null ? subject : anonymousSubjects.get(anonymousId);
    }

    private Set<String> allSubjects(Map<String, String> anonymousSubjects) {
        Set<String> all = new LinkedHashSet<>(anonymousSubjects.values());
        for (int i = 0; i < drafts.size(); i++) if (draftAnonymousIds.get(i) == null) all.add(drafts.get(i).externalId());
        changes.forEach(change -> all.add(subject(anonymousSubjects, change.subject(), change.anonymousId())));
        seen.forEach(view -> all.add(subject(anonymousSubjects, view.subject(), view.anonymousId())));
        return all;
    }

    /**
     * An anonymousId joined by another writer after {@link #resolve} read the aliases (PostgreSQL,
     * where writers run side by side) would put these events on a contact being merged away: the
     * whole batch is then rolled back and retried, and the retry reads the new alias.
     */
    private void requireNoNewAliases(Connection connection, Map<String, String> subjects) throws SQLException {
        Set<String> unjoined = new LinkedHashSet<>();
        subjects.forEach((id, subject) -> {
            if (subject.equals(SegmentCall.anonymousExternalId(id))) unjoined.add(id);
        });
        if (unjoined.isEmpty()) return;
        // Waits for a merge that is deleting one of these anonymous contacts now, so that its alias is read below.
        writers.contacts().lockAgainstDelete(connection, workspaceId,
                unjoined.stream().map(SegmentCall::anonymousExternalId).toList());
        if (!writers.aliases().aliases(connection, workspaceId, unjoined).isEmpty()) {
            throw new SQLException("an anonymousId was joined to a userId meanwhile", "40001");
        }
    }
}
