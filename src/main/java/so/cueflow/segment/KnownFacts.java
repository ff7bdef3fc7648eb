package so.cueflow.segment;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this server has committed and need not write again: anonymousIds joined to a userId and
 * event keys with a display name. Both facts are permanent once committed (the first join and the
 * first name win), so other servers writing cannot make an entry wrong; a lost entry only costs a
 * write that changes nothing. Each set is emptied when it grows past its bound.
 */
final class KnownFacts {
    private static final int MAX_ENTRIES = 200_000;

    private final Set<String> joins = ConcurrentHashMap.newKeySet();
    private final Set<String> namedKeys = ConcurrentHashMap.newKeySet();

    boolean isJoined(String workspaceId, SegmentWrite.Join join) {
        return joins.contains(joinKey(workspaceId, join));
    }

    void joined(String workspaceId, SegmentWrite.Join join) {
        add(joins, joinKey(workspaceId, join));
    }

    boolean hasDisplayName(String workspaceId, String eventKey) {
        return namedKeys.contains(workspaceId + '\u0000' + eventKey);
    }

    void namedKey(String workspaceId, String eventKey) {
        add(namedKeys, workspaceId + '\u0000' + eventKey);
    }

    private static String joinKey(String workspaceId, SegmentWrite.Join join) {
        return workspaceId + '\u0000' + join.anonymousId() + '\u0000' + join.userId();
    }

    private static void add(Set<String> set, String entry) {
        if (set.size() >= MAX_ENTRIES) set.clear();
        set.add(entry);
    }
}
