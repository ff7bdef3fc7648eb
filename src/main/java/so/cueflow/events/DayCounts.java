package so.cueflow.events;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes to the per-day rollup: events added (positive) or deleted (negative) per workspace, UTC
 * day and event key. Kept sorted, so that every writer touches rollup rows in the same order and
 * two transactions never wait on each other in a cycle.
 */
public final class DayCounts {
    public static final long DAY_MS = 86_400_000L;

    public record Key(String workspaceId, long day, String eventKey) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::workspaceId).thenComparingLong(Key::day)
                .thenComparing(Key::eventKey);
    }

    private final Map<Key, Long> changes = new TreeMap<>(Key.ORDER);

    /** The UTC day of an instant; the same arithmetic as the migration's SQL ({@code occurred_at / 86400000}). */
    public static long dayOf(long epochMillis) {
        return epochMillis / DAY_MS;
    }

    public void add(String workspaceId, long occurredAt, String eventKey, long count) {
        changes.merge(new Key(workspaceId, dayOf(occurredAt), eventKey), count, Long::sum);
    }

    public void addDay(String workspaceId, long day, String eventKey, long count) {
        changes.merge(new Key(workspaceId, day, eventKey), count, Long::sum);
    }

    public DayCounts negated() {
        DayCounts negated = new DayCounts();
        changes.forEach((key, count) -> negated.changes.put(key, -count));
        return negated;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public Map<Key, Long> changes() {
        return changes;
    }
}
