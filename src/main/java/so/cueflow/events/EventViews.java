package so.cueflow.events;

import so.cueflow.http.Times;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wire shapes of activity and catalog entries. */
final class EventViews {
    private EventViews() {
    }

    static Map<String, Object> activity(EventStore.KeyActivity row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventKey", row.eventKey());
        view.put("count", row.count());
        view.put("firstAt", Times.format(row.firstAt()));
        view.put("lastAt", Times.format(row.lastAt()));
        return view;
    }

    static Map<String, Object> eventType(EventStore.EventType type) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventKey", type.eventKey());
        view.put("displayName", type.displayName());
        view.put("count", type.count());
        view.put("contacts", type.contacts());
        view.put("firstSeenAt", Times.format(type.firstAt()));
        view.put("lastSeenAt", Times.format(type.lastAt()));
        List<Map<String, Object>> properties = new ArrayList<>();
        type.propertyTypes().forEach((name, types) -> properties.add(Map.of("name", name, "types", types)));
        view.put("properties", properties);
        return view;
    }

    /** purchase_completed → "Purchase Completed". */
    static String displayName(String eventKey) {
        StringBuilder name = new StringBuilder();
        for (String word : eventKey.split("_")) {
            if (name.length() > 0) name.append(' ');
            name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return name.toString();
    }
}
