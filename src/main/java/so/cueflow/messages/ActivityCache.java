package so.cueflow.messages;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import so.cueflow.contacts.Contact;
import so.cueflow.targeting.CompiledTargetings;
import so.cueflow.targeting.ContactFacts;
import so.cueflow.targeting.ContactFields;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What eligibility derived of each contact, kept between requests so that a page view reads no events and parses no
 * attributes: the facts its published targetings compare (valid while the contact's stored event count is unchanged
 * and for the same compiled targetings) and its fields as targeting sees them (valid while its row reads the same).
 * Every stored event adds one to the count (a merge adds the merged contact's), so the count moves with every change
 * of the history, made by this server or another; an erased contact is gone before its entry is asked for. Retention
 * removes raw events without changing counts, so its purge forgets the workspace's entries ({@link #forgetWorkspace}).
 * Bounded: past {@code capacity} entries a tenth of them, chosen arbitrarily, make room.
 */
public final class ActivityCache {
    private final int capacity;
    private final Map<ContactKey, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record ContactKey(String workspaceId, String contactId) {
    }

    private record Entry(CompiledTargetings targetings, ContactFacts facts, Contact contact, ContactFields fields) {
    }

    public ActivityCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("capacity must be at least 0, got " + capacity);
        this.capacity = capacity;
    }

    /** What is kept of a contact and still holds; either part is null when it is not kept or no longer holds. */
    record Kept(ContactFields fields, ContactFacts facts) {
    }

    /**
     * One look-up: the fields derived of this very row, and the facts derived for these targetings while the
     * contact had {@code eventCount} events.
     */
    Kept kept(String workspaceId, Contact contact, long eventCount, CompiledTargetings targetings) {
        Entry entry = entries.get(new ContactKey(workspaceId, contact.id()));
        if (entry == null) {
            misses.increment();
            return new Kept(null, null);
        }
        boolean factsHold = entry.facts().eventCount() == eventCount && entry.targetings() == targetings;
        (factsHold ? hits : misses).increment();
        return new Kept(contact.equals(entry.contact()) ? entry.fields() : null, factsHold ? entry.facts() : null);
    }

    /** Keeps what was derived of the contact; its facts tell the event count they were read at. */
    void keep(String workspaceId, Contact contact, ContactFields fields, CompiledTargetings targetings, ContactFacts facts) {
        if (capacity == 0) return;
        if (entries.size() >= capacity) makeRoom();
        entries.put(new ContactKey(workspaceId, contact.id()), new Entry(targetings, facts, contact, fields));
    }

    public void forgetWorkspace(String workspaceId) {
        entries.keySet().removeIf(key -> key.workspaceId().equals(workspaceId));
    }

    /** On /metrics: how often eligibility found a contact's activity kept, and how many are kept. */
    public void register(MeterRegistry registry) {
        FunctionCounter.builder("cueflow.eligibility.cache.hits", hits, LongAdder::sum)
                .description("eligibility requests that read no events: the contact's facts were kept").register(registry);
        FunctionCounter.builder("cueflow.eligibility.cache.misses", misses, LongAdder::sum)
                .description("eligibility requests that read the contact's activity").register(registry);
        Gauge.builder("cueflow.eligibility.cache.contacts", entries, Map::size)
                .description("contacts whose facts are kept").register(registry);
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
