package so.cueflow.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactRoutes;
import so.cueflow.contacts.ContactStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Blocking;
import so.cueflow.http.Json;
import so.cueflow.http.QueryParams;
import so.cueflow.http.Requests;
import so.cueflow.http.Responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class EventRoutes {
    private final Ingest ingest;
    private final EventStore events;
    private final ContactStore contacts;
    private final Clock clock;
    private final IngestMetrics metrics;

    public EventRoutes(Ingest ingest, EventStore events, ContactStore contacts, Clock clock, IngestMetrics metrics) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.events = events;
        this.contacts = contacts;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/api/v1/events").handler(this::track);
        router.post("/api/v1/events/batch").handler(new BatchRoute(ingest, clock, metrics));
        router.get("/api/v1/contacts/:externalId/events").handler(this::timeline);
        router.get("/api/v1/contacts/:externalId/activity").handler(this::activity);
        router.get("/api/v1/event-types").handler(this::catalog);
    }

    private void track(RoutingContext ctx) {
        ObjectNode body = Requests.bodyObject(ctx);
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        EventDraft draft = EventValidator.validate(body, "", Requests.workspaceId(ctx), clock.millis(), problems);
        if (draft == null) {
            metrics.rejected("invalid_request", 1);
            throw ApiError.invalid(problems);
        }
        ingest.submit(List.of(draft))
                .onSuccess(outcomes -> respond(ctx, outcomes.get(0)))
                .onFailure(ctx::fail);
    }

    private static void respond(RoutingContext ctx, Outcome outcome) {
        if (outcome instanceof Outcome.Stored stored) {
            Responses.json(ctx, 201, Json.success("event", stored.event()));
        } else if (outcome instanceof Outcome.Duplicate duplicate) {
            Map<String, Object> body = Json.success("duplicate", true);
            body.put("event", duplicate.original());
            Responses.json(ctx, 200, body);
        } else {
            Responses.error(ctx, ((Outcome.Rejected) outcome).error());
        }
    }

    private void timeline(RoutingContext ctx) {
        String workspaceId = Requests.workspaceId(ctx);
        String externalId = ctx.pathParam("externalId");
        QueryParams query = QueryParams.of(ctx, Set.of("eventKey", "limit", "cursor"));
        int limit = query.limit("limit", 50, 500);
        TimelineCursor cursor = TimelineCursor.decode(query.text("cursor"));
        String eventKey = query.text("eventKey");
        Blocking.respond(ctx, 200, () -> {
            Contact contact = contact(workspaceId, externalId);
            EventStore.Page page = events.timeline(workspaceId, contact.id(), externalId, eventKey, limit, cursor);
            Map<String, Object> body = Json.success("events", page.events());
            body.put("nextCursor", page.nextCursor());
            return body;
        });
    }

    private void activity(RoutingContext ctx) {
        QueryParams.of(ctx, Set.of());
        String workspaceId = Requests.workspaceId(ctx);
        String externalId = ctx.pathParam("externalId");
        Blocking.respond(ctx, 200, () -> {
            Contact contact = contact(workspaceId, externalId);
            List<Map<String, Object>> rows = events.activity(workspaceId, contact.id()).stream()
                    .map(EventViews::activity).toList();
            Map<String, Object> body = Json.success("externalId", externalId);
            body.put("activity", rows);
            return body;
        });
    }

    private void catalog(RoutingContext ctx) {
        QueryParams.of(ctx, Set.of());
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> Json.success("eventTypes",
                events.catalog(workspaceId).stream().map(EventViews::eventType).toList()));
    }

    private Contact contact(String workspaceId, String externalId) {
        return contacts.find(workspaceId, externalId).orElseThrow(() -> ContactRoutes.notFound(externalId));
    }
}
