package so.cueflow.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.contacts.ContactRoutes;
import so.cueflow.contacts.ContactStore;
import so.cueflow.events.EventDraft;
import so.cueflow.events.EventValidator;
import so.cueflow.events.Ingest;
import so.cueflow.events.Outcome;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.Kinds;
import so.cueflow.http.Requests;
import so.cueflow.http.Responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/embed/events}: the browser's events for its own user, validated as the secret
 * API validates them and written by the same group-commit writer. All or nothing: one invalid event
 * refuses the request, so the script can drop it rather than retry.
 */
final class EmbedEventsRoute implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/embed/events";
    static final int MAX_EVENTS = 50;

    private final Ingest ingest;
    private final ContactStore contacts;
    private final Clock clock;

    EmbedEventsRoute(Ingest ingest, ContactStore contacts, Clock clock) {
        this.ingest = ingest;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ObjectNode body = Requests.bodyObject(ctx);
        Fields fields = new Fields(body);
        fields.rejectUnknown(Set.of("userId", "userHash", "events"));
        EmbedUser user = EmbedUser.read(fields);
        JsonNode items = items(fields, body.get("events"));
        if (user != null) user.verify(ctx.get(Cors.SETTINGS));
        fields.throwIfInvalid();
        String workspaceId = Requests.workspaceId(ctx);
        List<EventDraft> drafts = drafts(items, user.userId(), workspaceId, fields.problems());
        fields.throwIfInvalid();
        ctx.vertx().executeBlocking(() -> contacts.find(workspaceId, user.userId()).isPresent(), false)
                .compose(found -> found ? ingest.submit(drafts) : Future.failedFuture(ContactRoutes.notFound(user.userId())))
                .onSuccess(outcomes -> respond(ctx, outcomes))
                .onFailure(ctx::fail);
    }

    private static JsonNode items(Fields fields, JsonNode events) {
        if (events == null || events.isNull()) {
            fields.problem("events", "is required: an array of 1 to " + MAX_EVENTS + " events");
        } else if (!events.isArray()) {
            fields.problem("events", "must be an array, not " + Kinds.of(events));
        } else if (events.isEmpty() || events.size() > MAX_EVENTS) {
            fields.problem("events", "has " + events.size() + " items; send 1 to " + MAX_EVENTS);
        } else {
            return events;
        }
        return null;
    }

    /** Each item as the secret API's event, with the externalId taken from userId. */
    private List<EventDraft> drafts(JsonNode items, String userId, String workspaceId, List<ApiError.FieldProblem> problems) {
        long now = clock.millis();
        List<EventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = "events[" + i + "]";
            if (item.isObject() && item.has("externalId")) {
                problems.add(new ApiError.FieldProblem(path + ".externalId", "is not allowed here: events are recorded for userId"));
                continue;
            }
            JsonNode own = item.isObject() ? ((ObjectNode) item).deepCopy().put("externalId", userId) : item;
            EventDraft draft = EventValidator.validate(own, path, workspaceId, now, problems);
            if (draft != null) drafts.add(draft);
        }
        return drafts;
    }

    private static void respond(RoutingContext ctx, List<Outcome> outcomes) {
        int accepted = 0;
        int duplicates = 0;
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Rejected rejected) {
                // Only a contact erased meanwhile gets here; the other events were stored.
                Responses.error(ctx, rejected.error());
                return;
            }
            if (outcome instanceof Outcome.Stored) accepted++;
            else duplicates++;
        }
        Map<String, Object> body = Json.success("accepted", accepted);
        body.put("duplicates", duplicates);
        Responses.json(ctx, 200, body);
    }
}
