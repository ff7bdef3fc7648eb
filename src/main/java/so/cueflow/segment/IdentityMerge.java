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
    private final List<Reassignment> reassignments;

    IdentityMerge(ContactStore contacts, List<Reassignment> reassignments) {
        this.contacts = contacts;
        this.reassignments = List.copyOf(reassignments);
    }

    /**
     * Both contacts are made to exist first: on PostgreSQL that insert waits for a writer that is
     * creating the anonymous contact right now, so its events are committed before they are moved.
     */
    void merge(Connection connection, String workspaceId, String anonymousExternalId, String userId, long now) throws SQLException {
        contacts.insertMissing(connection, workspaceId, List.of(anonymousExternalId, userId), now);
        Optional<Contact> from = contacts.lockForMerge(connection, workspaceId, anonymousExternalId, true);
        Optional<Contact> into = contacts.lockForMerge(connection, workspaceId, userId, false);
        if (from.isEmpty() || into.isEmpty()) throw new SQLException("a contact being merged was erased meanwhile", "40001");
        for (Reassignment reassignment : reassignments) {
            reassignment.reassign(connection, workspaceId, from.get().id(), into.get().id());
        }
        contacts.absorb(connection, workspaceId, from.get(), into.get(), now);
    }
}
