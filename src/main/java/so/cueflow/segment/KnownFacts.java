package so.cueflow.segment;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this server has committed and need not write again: anonymousIds joined to a userId and
 * event keys with a display name. A display name is permanent once committed (the first wins). A
 * join is undone only by erasing the contact, possibly on another server, so a remembered join is
 * trusted for a minute and then checked again by the next call that carries it. Each map is
 * emptied when it grows past its bound.
 */
final class KnownFacts {
    private static final int MAX_ENTRIES = 200_000;
    static final long JOIN_TRUSTED_MS = 60_000;

    private final Map<String, Long> joins = new ConcurrentHashMap<>();
    private final Set<String> namedKeys = ConcurrentHashMap.newKeySet();

    boolean isJoined(String workspaceId, SegmentWrite.Join join, long now) {
        Long at = joins.get(joinKey(workspaceId, join));
        return at != null && now - at <= JOIN_TRUSTED_MS;
    }

    void joined(String workspaceId, SegmentWrite.Join join, long now) {
        if (joins.size() >= MAX_ENTRIES) joins.clear();
        joins.put(joinKey(workspaceId, join), now);
    }

    boolean hasDisplayName(String workspaceId, String eventKey) {
        return namedKeys.contains(workspaceId + '\u0000' + eventKey);
    }

    void namedKey(String workspaceId, String eventKey) {
        if (namedKeys.size() >= MAX_ENTRIES) namedKeys.clear();
        namedKeys.add(workspaceId + '\u0000' + eventKey);
    }

    private static String joinKey(String workspaceId, SegmentWrite.Join join) {
        return workspaceId + '\u0000' + join.anonymousId() + '\u0000' + join.userId();
    }
}
