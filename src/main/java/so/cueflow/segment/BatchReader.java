package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.Kinds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code {"batch": [calls, each with its type], "sentAt": ...}}: each call within Segment's 32 KB. */
final class BatchReader {
    private BatchReader() {
    }

    /** {@code checkSizes}: only a body over 32 KB can hold a call over 32 KB, so only then are they measured. */
    static List<SegmentCall> read(ObjectNode body, boolean checkSizes, long receivedAt, List<ApiError.FieldProblem> problems) {
        Fields fields = new Fields(body, "", problems);
        JsonNode items = body.get("batch");
        if (items == null || items.isNull()) {
            fields.problem("batch", "is required: an array of calls, each with its type");
            return List.of();
        }
        if (!items.isArray() || items.isEmpty()) {
            fields.problem("batch", items.isArray() ? "is empty; send at least one call" : "must be an array, not " + Kinds.of(items));
            return List.of();
        }
        Long sentAt = fields.optionalTimestamp("sentAt");
        List<SegmentCall> calls = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "batch[" + i + "]";
            int size = checkSizes ? Json.writeString(items.get(i)).getBytes(StandardCharsets.UTF_8).length : 0;
            if (size > SegmentRoutes.CALL_LIMIT) {
                problems.add(new ApiError.FieldProblem(path, "is " + size + " bytes; a call may be at most 32 KB"));
                continue;
            }
            SegmentCall call = CallReader.read(items.get(i), null, path, receivedAt, sentAt, problems);
            if (call != null) calls.add(call);
        }
        return calls;
    }
}
