package so.cueflow.messages;

import so.cueflow.http.Json;

import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Published messages per workspace, cached for at most a second so eligibility does not re-read
 * and re-parse them on every request; another server's publish is seen within that second.
 */
public final class PublishedMessages {
    private static final long MAX_AGE_MS = 1_000;

    private final MessageStore store;
    private final Clock clock;
    private final Map<String, Snapshot> byWorkspace = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    private record Snapshot(long loadedAt, List<Message> messages, Map<Message, byte[]> json) {

        static Snapshot of(long loadedAt, List<Message> messages) {
            Map<Message, byte[]> json = new IdentityHashMap<>();
            messages.forEach(message -> json.put(message, Json.write(message)));
            return new Snapshot(loadedAt, messages, json);
        }
    }

    public PublishedMessages(MessageStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Blocking on a miss. */
    public List<Message> of(String workspaceId) {
        Snapshot snapshot = byWorkspace.get(workspaceId);
        long now = clock.millis();
        if (snapshot == null || now - snapshot.loadedAt() > MAX_AGE_MS) {
            long changesBefore = changes.get();
            snapshot = Snapshot.of(now, store.published(workspaceId));
            // A list read while a change was being made here may predate it: use it, but don't keep it.
            if (changes.get() == changesBefore) byWorkspace.put(workspaceId, snapshot);
        }
        return snapshot.messages();
    }

    /**
     * The messages as JSON, each written once per loaded list rather than on every page view; a message of a list no
     * longer kept is written now.
     */
    public List<byte[]> json(String workspaceId, List<Message> messages) {
        Snapshot snapshot = byWorkspace.get(workspaceId);
        List<byte[]> written = new ArrayList<>(messages.size());
        for (Message message : messages) {
            byte[] json = snapshot == null ? null : snapshot.json().get(message);
            written.add(json != null ? json : Json.write(message));
        }
        return written;
    }

    /** A change made through this server is visible to its next request. */
    public void changed(String workspaceId) {
        changes.incrementAndGet();
        byWorkspace.remove(workspaceId);
    }
}
