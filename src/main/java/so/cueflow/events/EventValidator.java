package so.cueflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.FlatProperties;
import so.cueflow.http.Json;
import so.cueflow.http.Kinds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of spec section 4 for one event; every problem is reported with its path. */
public final class EventValidator {
    public static final Pattern EVENT_KEY = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    static final Set<String> FIELDS = Set.of("externalId", "eventKey", "properties", "timestamp", "eventId");
    static final int MAX_EVENT_KEY = 100;
    static final int MAX_EXTERNAL_ID = 255;
    static final int MAX_EVENT_ID = 128;
    public static final int MAX_PROPERTIES = 50;
    public static final long MAX_FUTURE_MS = 24L * 60 * 60 * 1000;

    private EventValidator() {
    }

    /** The draft, or null with the problems added to {@code problems}. */
    public static EventDraft validate(JsonNode item, String prefix, String workspaceId, long now,
                                      List<ApiError.FieldProblem> problems) {
        if (!item.isObject()) {
            problems.add(new ApiError.FieldProblem(prefix.isEmpty() ? "body" : prefix,
                    "must be a JSON object, not " + Kinds.of(item)));
            return null;
        }
        int before = problems.size();
        Fields fields = new Fields((ObjectNode) item, prefix, problems);
        fields.rejectUnknown(FIELDS);
        String externalId = fields.requiredString("externalId", MAX_EXTERNAL_ID);
        String eventKey = eventKey(fields);
        Map<String, JsonNode> properties = properties(fields);
        Long timestamp = timestamp(fields, now);
        String eventId = fields.optionalString("eventId", MAX_EVENT_ID);
        if (problems.size() > before) return null;
        return new EventDraft(workspaceId, externalId, eventKey, Json.writeString(properties), types(properties),
                timestamp == null ? now : timestamp, now, eventId);
    }

    private static String eventKey(Fields fields) {
        String key = fields.requiredString("eventKey", MAX_EVENT_KEY);
        if (key != null && !EVENT_KEY.matcher(key).matches()) {
            fields.problem(fields.path("eventKey"), "must be snake_case (lowercase letters and digits joined by single underscores, starting with a letter), e.g. \""
                    + SnakeCase.suggest(key) + "\"");
            return null;
        }
        return key;
    }

    private static Map<String, JsonNode> properties(Fields fields) {
        if (!fields.has("properties") || fields.isNull("properties")) return Map.of();
        Map<String, JsonNode> values = FlatProperties.read(fields.get("properties"), fields.path("properties"),
                MAX_PROPERTIES, false, fields);
        return values == null ? Map.of() : values;
    }

    private static Long timestamp(Fields fields, long now) {
        Long timestamp = fields.optionalTimestamp("timestamp");
        if (timestamp == null) return null;
        if (timestamp > now + MAX_FUTURE_MS) {
            fields.problem(fields.path("timestamp"), "is more than 1 day in the future");
        } else if (timestamp < 0) {
            fields.problem(fields.path("timestamp"), "is before 1970-01-01T00:00:00Z");
        }
        return timestamp;
    }

    private static Map<String, String> types(Map<String, JsonNode> properties) {
        Map<String, String> types = new LinkedHashMap<>();
        properties.forEach((name, value) -> types.put(name, FlatProperties.typeOf(value)));
        return types;
    }
}
