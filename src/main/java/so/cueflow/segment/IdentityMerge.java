package so.cueflow.segment;

import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Folds an anonymous contact into an identified one, in the caller's transaction (the ingest
 * writer's, so it is serialized with event writes): each store that keeps rows about a contact
 * moves them, then the anonymous contact is absorbed and deleted. A store that gains per-contact
 * rows adds its reassignment to {@link #reassignments}.
 */
final class IdentityMerge {
    @FunctionalInterface
    interface Reassignment {
        void reassign(Connection connection, String workspaceId, String fromContactId, String toContactId) throws SQLException;
    }

    private final ContactStore contacts;
    private final SegmentStore aliases;
    private final List<Reassignment> reassignments;

    IdentityMerge(ContactStore contacts, SegmentStore aliases, List<Reassignment> reassignments) {
        this.contacts = contacts;
        this.aliases = aliases;
        this.reassignments = List.copyOf(reassignments);
    }

    /**
     * Joins the anonymousId to the userId's contact and, when this is the join's first time, folds
     * the anonymous contact into it. Both contacts are made to exist first: on PostgreSQL that insert
     * waits for a writer that is creating the anonymous contact right now, so its events are
     * committed before they are moved. Returns whether this call joined them.
     */
    boolean join(Connection connection, String workspaceId, String anonymousId, String userId, long now) throws SQLException {
        String anonymousExternalId = SegmentCall.anonymousExternalId(anonymousId);
        contacts.insertMissing(connection, workspaceId, List.of(anonymousExternalId, userId), now);
        Optional<Contact> into = contacts.lockForMerge(connection, workspaceId, userId, false);
        if (into.isEmpty()) throw new SQLException("a contact being merged was erased meanwhile", "40001");
        if (!aliases.link(connection, workspaceId, anonymousId, into.get().id(), now)) return false;
        Optional<Contact> from = contacts.lockForMerge(connection, workspaceId, anonymousExternalId, true);
        if (from.isEmpty()) throw new SQLException("a contact being merged was erased meanwhile", "40001");
        for (Reassignment reassignment : reassignments) {
            reassignment.reassign(connection, workspaceId, from.get().id(), into.get().id());
        }
        contacts.absorb(connection, workspaceId, from.get(), into.get(), now);
        return true;
    }
}
