package so.cueflow.messages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Splits a workspace's contacts into up to {@code most} ranges of ids holding about as many contacts each, to be
 * counted at once. Finding the ids a workspace splits at reads every contact's id (0.15 s at 1,000,000 on SQLite), so
 * they are kept, and found again in the background once they are {@code keptNanos} old: ranges that have drifted out
 * of balance meanwhile are only slower, never wrong. Only a workspace's first count waits for them.
 */
final class ContactRanges {
    /** Fewer contacts than this per range would gain less than the hand-off costs. */
    private static final long LEAST_CONTACTS_PER_RANGE = 2_000;
    static final long KEPT_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(ContactRanges.class);

    private final Database database;
    private final int most;
    private final long keptNanos;
    private final Executor background;
    private final Map<String, Pivots> pivots = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    private record Pivots(long foundAtNanos, List<String> ids) {
    }

    /** {@code background} finds the ids again once they are {@code keptNanos} old. */
    ContactRanges(Database database, int most, long keptNanos, Executor background) {
        if (most < 1) throw new IllegalArgumentException("at least one range, not " + most);
        this.database = database;
        this.most = most;
        this.keptNanos = keptNanos;
        this.background = background;
    }

    /** Blocking: the workspace's contacts as ranges in id order (one, holding all, when the workspace is small). */
    List<ContactScope> of(String workspaceId) {
        ContactScope all = ContactScope.all(workspaceId);
        if (most == 1) return List.of(all);
        Pivots known = pivots.get(workspaceId);
        if (known == null) known = findAndKeep(workspaceId);
        else if (System.nanoTime() - known.foundAtNanos() > keptNanos && refreshing.add(workspaceId)) {
            refresh(workspaceId);
        }
        return all.split(known.ids());
    }

    private Pivots findAndKeep(String workspaceId) {
        Pivots found = new Pivots(System.nanoTime(), database.read(connection -> find(connection, workspaceId)));
        pivots.put(workspaceId, found);
        return found;
    }

    /** Once at a time per workspace; until it is done, counts use the ids found before. */
    private void refresh(String workspaceId) {
        try {
            background.execute(() -> {
                try {
                    findAndKeep(workspaceId);
                } catch (RuntimeException e) {
                    LOG.warn("could not find where to split the contacts of workspace {} again; the earlier split is kept",
                            workspaceId, e);
                } finally {
                    refreshing.remove(workspaceId);
                }
            });
        } catch (RejectedExecutionException stopping) {
            refreshing.remove(workspaceId);
        }
    }

    /** The ids at each range's start but the first: evenly spaced in id order. */
    private List<String> find(Connection connection, String workspaceId) throws SQLException {
        long contacts;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM contacts WHERE workspace_id = ?")) {
            count.setString(1, workspaceId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                contacts = rows.getLong(1);
            }
        }
        long ranges = Math.min(most, contacts / LEAST_CONTACTS_PER_RANGE);
        List<String> ids = new ArrayList<>();
        try (PreparedStatement nth = connection.prepareStatement(
                "SELECT id FROM contacts WHERE workspace_id = ? ORDER BY id LIMIT 1 OFFSET ?")) {
            for (long range = 1; range < ranges; range++) {
                nth.setString(1, workspaceId);
                nth.setLong(2, contacts * range / ranges);
                try (ResultSet rows = nth.executeQuery()) {
                    // Contacts deleted since the count may leave fewer ranges; each pivot stays above the last.
                    if (rows.next() && (ids.isEmpty() || rows.getString(1).compareTo(ids.get(ids.size() - 1)) > 0)) {
                        ids.add(rows.getString(1));
                    }
                }
            }
        }
        return ids;
    }
}
