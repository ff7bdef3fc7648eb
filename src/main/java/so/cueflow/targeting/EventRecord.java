package so.cueflow.targeting;

import java.util.Map;

/** One raw event: when it happened (epoch millis) and its flat properties (String, Number or Boolean values). */
public record EventRecord(long occurredAt, Map<String, Object> properties) {

    public EventRecord {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
