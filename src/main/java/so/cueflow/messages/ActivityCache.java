package so.cueflow.messages;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import so.cueflow.targeting.Activity;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What eligibility read of each contact's events, kept between requests so that a page view costs no event reads.
 * An entry serves only a request that finds the contact's stored event count unchanged: every stored event adds one
 * (a merge adds the merged contact's), so the count moves with every change of the history, made by this server or
 * another; an erased contact is gone before its entry is asked for. Retention removes raw events without changing
 * counts, so its purge forgets the workspace's entries ({@link #forgetWorkspace}). Bounded: past {@code capacity}
 * entries a tenth of them, chosen arbitrarily, make room.
 */
public final class ActivityCache {
    private final int capacity;
    private final Map<ContactKey, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record ContactKey(String workspaceId, String contactId) {
    }

    private record Entry(long eventCount, KeySets keys, Activity activity) {
    }

    public ActivityCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
        this.capacity = capacity;
    }

    /** The activity read for these keys while the contact had {@code eventCount} events, if kept. */
    Optional<Activity> activity(String workspaceId, String contactId, long eventCount, KeySets keys) {
        Entry entry = entries.get(new ContactKey(workspaceId, contactId));
        if (entry == null || entry.eventCount() != eventCount || !entry.keys().equals(keys)) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(entry.activity());
    }

    /** Keeps an activity read for {@code keys}; its own rollups tell the count it was read at. */
    void keep(String workspaceId, String contactId, KeySets keys, Activity activity) {
        if (capacity == 0) return;
        if (entries.size() >= capacity) makeRoom();
        entries.put(new ContactKey(workspaceId, contactId), new Entry(activity.eventCount(), keys, activity));
    }

    public void forgetWorkspace(String workspaceId) {
        entries.keySet().removeIf(key -> key.workspaceId().equals(workspaceId));
    }

    /** On /metrics: how often eligibility found a contact's activity kept, and how many are kept. */
    public void register(MeterRegistry registry) {
        FunctionCounter.builder("cueflow.eligibility.cache.hits", hits, LongAdder::sum)
                .description("eligibility requests that read no events: the contact's activity was kept").register(registry);
        FunctionCounter.builder("cueflow.eligibility.cache.misses", misses, LongAdder::sum)
                .description("eligibility requests that read the contact's activity").register(registry);
        Gauge.builder("cueflow.eligibility.cache.contacts", entries, Map::size)
                .description("contacts whose activity is kept").register(registry);
    }

    private void makeRoom() {
        int toRemove = Math.max(1, capacity / 10);
        Iterator<ContactKey> keys = entries.keySet().iterator();
        for (int i = 0; i < toRemove && keys.hasNext(); i++) {
            keys.next();
            keys.remove();
        }
    }
}
