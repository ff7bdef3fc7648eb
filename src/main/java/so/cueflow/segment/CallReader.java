package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.Kinds;

import java.util.List;

/**
 * Reads one Segment call: the identity, the type's own fields and the times. Fields Cueflow has no
 * use for ({@code integrations}, {@code channel}, {@code version}, ...) are accepted and ignored,
 * as Segment's SDKs send them.
 */
final class CallReader {
    static final int MAX_USER_ID = 255;
    static final int MAX_ANONYMOUS_ID = MAX_USER_ID - SegmentCall.ANONYMOUS_PREFIX.length();
    static final int MAX_MESSAGE_ID = 128;
    static final int MAX_NAME = 255;

    private CallReader() {
    }

    /**
     * The call, or null with its problems added. {@code type} is the endpoint's, or null in a batch,
     * where each item names its own; {@code batchSentAt} is the batch's {@code sentAt}, if any.
     */
    static SegmentCall read(JsonNode item, CallType type, String path, long receivedAt, Long batchSentAt,
                            List<ApiError.FieldProblem> problems) {
        if (!item.isObject()) {
            problems.add(new ApiError.FieldProblem(path.isEmpty() ? "body" : path, "must be a JSON object, not " + Kinds.of(item)));
            return null;
        }
        int before = problems.size();
        Fields fields = new Fields((ObjectNode) item, path, problems);
        CallType callType = type != null ? type : type(fields);
        String userId = id(fields, "userId", MAX_USER_ID);
        String anonymousId = id(fields, "anonymousId", MAX_ANONYMOUS_ID);
        if (userId == null && anonymousId == null && problems.size() == before) {
            fields.problem(fields.path("userId"), "is required, or anonymousId: every call names its user");
        }
        String event = callType == CallType.TRACK ? fields.requiredString("event", MAX_NAME) : null;
        String name = callType == CallType.PAGE || callType == CallType.SCREEN ? optionalText(fields, "name") : null;
        String groupId = callType == CallType.GROUP ? id(fields, "groupId", MAX_USER_ID) : null;
        if (callType == CallType.GROUP && groupId == null) requireIfValid(fields, "groupId", before);
        String previousId = callType == CallType.ALIAS ? id(fields, "previousId", MAX_ANONYMOUS_ID) : null;
        if (callType == CallType.ALIAS && previousId == null) requireIfValid(fields, "previousId", before);
        if (callType == CallType.ALIAS && userId == null) requireIfValid(fields, "userId", before);
        JsonNode properties = object(fields, "properties");
        JsonNode traits = object(fields, "traits");
        JsonNode context = object(fields, "context");
        String messageId = fields.optionalString("messageId", MAX_MESSAGE_ID);
        long occurredAt = SegmentTime.occurredAt(fields, receivedAt, batchSentAt);
        if (problems.size() > before || callType == null) return null;
        return new SegmentCall(callType, path, userId, anonymousId, event, name, properties, traits, context, groupId,
                previousId, messageId, occurredAt);
    }

    private static CallType type(Fields fields) {
        String name = fields.requiredString("type", 16);
        if (name == null) return null;
        CallType type = CallType.of(name);
        if (type == null) {
            fields.problem(fields.path("type"), "must be one of track, identify, page, screen, group, alias (got \"" + name + "\")");
        }
        return type;
    }

    /** Segment ids are strings, but some senders use numbers: 42 is read as "42". */
    private static String id(Fields fields, String name, int max) {
        JsonNode value = fields.get(name);
        if (value != null && value.isIntegralNumber()) return value.asText();
        return fields.optionalString(name, max);
    }

    private static String optionalText(Fields fields, String name) {
        return fields.optionalString(name, MAX_NAME);
    }

    private static void requireIfValid(Fields fields, String name, int before) {
        if (fields.problems().size() == before || !fields.has(name)) fields.problem(fields.path(name), "is required");
    }

    private static JsonNode object(Fields fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isObject()) fields.problem(fields.path(name), "must be an object, not " + Kinds.of(value));
        return value;
    }
}
