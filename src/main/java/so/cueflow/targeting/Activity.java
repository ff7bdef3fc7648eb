package so.cueflow.targeting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a contact did: the rollup of every event key, and the raw events of the keys that need them
 * ({@link Targeting#eventKeysNeedingEvents()}). A key whose raw events were loaded has an entry in
 * {@code eventsByKey} even when the contact has none (an empty list), so that "loaded, none" and
 * "not loaded" differ.
 */
public record Activity(Map<String, KeyStats> rollups, Map<String, List<EventRecord>> eventsByKey) {

    public static final Activity NONE = new Activity(Map.of(), Map.of());

    public Activity {
        rollups = Map.copyOf(rollups);
        Map<String, List<EventRecord>> events = new HashMap<>();
        eventsByKey.forEach((key, list) -> events.put(key, List.copyOf(list)));
        eventsByKey = Map.copyOf(events);
    }

    /** The rollups computed from the events, which are all supplied as raw events too. */
    public static Activity fromEvents(Map<String, List<EventRecord>> eventsByKey) {
        Map<String, KeyStats> rollups = new HashMap<>();
        eventsByKey.forEach((key, events) -> events.forEach(
                event -> rollups.merge(key, KeyStats.of(event.occurredAt()), KeyStats::combinedWith)));
        return new Activity(rollups, eventsByKey);
    }

    /** How many events the contact has stored in all: the sum of the rollups' counts. */
    public long eventCount() {
        long total = 0;
        for (KeyStats stats : rollups.values()) total += stats.count();
        return total;
    }

    public Optional<KeyStats> rollup(String eventKey) {
        return Optional.ofNullable(rollups.get(eventKey));
    }

    /** @throws IllegalStateException when this key's raw events were not loaded: a bug in the caller */
    public List<EventRecord> eventsFor(String eventKey) {
        List<EventRecord> events = eventsByKey.get(eventKey);
        if (events == null) {
            throw new IllegalStateException("raw events of \"" + eventKey + "\" were not loaded; load every key of "
                    + "Targeting.eventKeysNeedingEvents(), with an empty list when there are none");
        }
        return events;
    }
}
