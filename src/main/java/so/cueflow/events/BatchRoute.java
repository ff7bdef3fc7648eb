package so.cueflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.Kinds;
import so.cueflow.http.Requests;
import so.cueflow.http.Responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/v1/events/batch}: each item stands alone; valid ones are stored even when others fail. */
final class BatchRoute implements Handler<RoutingContext> {
    static final int MAX_ITEMS = 1_000;

    private final Ingest ingest;
    private final Clock clock;
    private final IngestMetrics metrics;

    BatchRoute(Ingest ingest, Clock clock, IngestMetrics metrics) {
        this.ingest = ingest;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonNode items = items(Requests.bodyObject(ctx));
        String workspaceId = Requests.workspaceId(ctx);
        long now = clock.millis();
        Map<Integer, Object> results = new LinkedHashMap<>();
        List<Integer> indexes = new ArrayList<>();
        List<EventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<ApiError.FieldProblem> problems = new ArrayList<>();
            EventDraft draft = EventValidator.validate(items.get(i), "events[" + i + "]", workspaceId, now, problems);
            if (draft == null) {
                results.put(i, rejected(i, ApiError.invalid(problems)));
            } else {
                indexes.add(i);
                drafts.add(draft);
            }
        }
        metrics.rejected("invalid_request", results.size());
        if (drafts.isEmpty()) {
            Responses.json(ctx, 200, summary(results, items.size()));
            return;
        }
        ingest.submit(drafts).onSuccess(outcomes -> {
            for (int j = 0; j < outcomes.size(); j++) results.put(indexes.get(j), result(indexes.get(j), outcomes.get(j)));
            Responses.json(ctx, 200, summary(results, items.size()));
        }).onFailure(ctx::fail);
    }

    private static JsonNode items(ObjectNode body) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(Set.of("events"));
        JsonNode events = body.get("events");
        if (events == null || events.isNull()) {
            fields.problem("events", "is required: an array of 1 to " + MAX_ITEMS + " events");
        } else if (!events.isArray()) {
            fields.problem("events", "must be an array, not " + Kinds.of(events));
        } else if (events.isEmpty()) {
            fields.problem("events", "is empty; send 1 to " + MAX_ITEMS + " events");
        } else if (events.size() > MAX_ITEMS) {
            fields.problem("events", "has " + events.size() + " items; at most " + MAX_ITEMS + " are allowed per batch");
        }
        fields.throwIfInvalid();
        return events;
    }

    private static Map<String, Object> result(int index, Outcome outcome) {
        if (outcome instanceof Outcome.Rejected rejected) return rejected(index, rejected.error());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        if (outcome instanceof Outcome.Stored stored) {
            result.put("status", 201);
            result.put("event", stored.event());
        } else {
            result.put("status", 200);
            result.put("duplicate", true);
            result.put("event", ((Outcome.Duplicate) outcome).original());
        }
        return result;
    }

    private static Map<String, Object> rejected(int index, ApiError error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        result.put("status", error.status());
        result.put("error", Responses.errorObject(error));
        return result;
    }

    private static Map<String, Object> summary(Map<Integer, Object> results, int size) {
        List<Object> ordered = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        for (int i = 0; i < size; i++) {
            Object result = results.get(i);
            int status = (int) ((Map<?, ?>) result).get("status");
            if (status == 201) accepted++;
            else if (status == 200) duplicates++;
            ordered.add(result);
        }
        Map<String, Object> body = Json.success("accepted", accepted);
        body.put("duplicates", duplicates);
        body.put("rejected", size - accepted - duplicates);
        body.put("results", ordered);
        return body;
    }
}
