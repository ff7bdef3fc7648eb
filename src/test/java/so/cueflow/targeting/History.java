package so.cueflow.targeting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what a contact did, event by event, for tests. */
final class History {

    private final Map<String, List<EventRecord>> eventsByKey = new LinkedHashMap<>();

    /** properties as alternating names and values. */
    History did(String eventKey, long occurredAt, Object... properties) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            map.put((String) properties[i], properties[i + 1]);
        }
        eventsByKey.computeIfAbsent(eventKey, key -> new ArrayList<>()).add(new EventRecord(occurredAt, map));
        return this;
    }

    /** Rollups plus the raw events of every key (and an empty list for each of alsoLoaded). */
    Activity withRawEvents(String... alsoLoaded) {
        Map<String, List<EventRecord>> loaded = new HashMap<>(eventsByKey);
        for (String key : alsoLoaded) {
            loaded.putIfAbsent(key, List.of());
        }
        return Activity.fromEvents(loaded);
    }

    Activity rollupsOnly() {
        return new Activity(Activity.fromEvents(eventsByKey).rollups(), Map.of());
    }
}
