package so.cueflow.contacts;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.ApiError;
import so.cueflow.http.Blocking;
import so.cueflow.http.Json;
import so.cueflow.http.QueryParams;
import so.cueflow.http.Requests;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

public final class ContactRoutes {
    private final ContactStore contacts;
    private final Clock clock;

    public ContactRoutes(ContactStore contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/api/v1/contacts").handler(this::upsert);
        router.get("/api/v1/contacts").handler(this::list);
        router.get("/api/v1/contacts/:externalId").handler(this::get);
        router.patch("/api/v1/contacts/:externalId").handler(this::patch);
        router.delete("/api/v1/contacts/:externalId").handler(this::erase);
    }

    private void upsert(RoutingContext ctx) {
        ContactValidator.Upsert request = ContactValidator.forUpsert(Requests.bodyObject(ctx));
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.reply(ctx, () -> {
            ContactStore.Upserted result = contacts.upsert(workspaceId, request.externalId(), request.changes(), clock.millis());
            Map<String, Object> body = Json.success("contact", result.contact());
            body.put("created", result.created());
            return new Blocking.Reply(result.created() ? 201 : 200, body);
        });
    }

    private void get(RoutingContext ctx) {
        QueryParams.of(ctx, Set.of());
        String externalId = externalId(ctx);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> Json.success("contact",
                contacts.find(workspaceId, externalId).orElseThrow(() -> notFound(externalId))));
    }

    private void patch(RoutingContext ctx) {
        String externalId = externalId(ctx);
        ContactChanges changes = ContactValidator.forPatch(Requests.bodyObject(ctx), externalId);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> Json.success("contact",
                contacts.patch(workspaceId, externalId, changes, clock.millis()).orElseThrow(() -> notFound(externalId))));
    }

    private void erase(RoutingContext ctx) {
        String externalIdOrEmail = externalId(ctx);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            List<Contact> found = contacts.findForErase(workspaceId, externalIdOrEmail);
            if (found.isEmpty()) throw notFound(externalIdOrEmail);
            if (found.size() > 1) {
                throw ApiError.conflict(found.size() + " contacts have the email \"" + externalIdOrEmail
                        + "\"; erase each by its externalId");
            }
            contacts.erase(workspaceId, found.get(0).id());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("deleted", Map.of("id", found.get(0).id(), "externalId", found.get(0).externalId()));
            return body;
        });
    }

    private void list(RoutingContext ctx) {
        QueryParams query = QueryParams.of(ctx, Set.of("limit", "cursor"));
        int limit = query.limit("limit", 20, 100);
        String cursor = query.text("cursor");
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            ContactStore.Page page = contacts.list(workspaceId, limit, cursor);
            Map<String, Object> body = Json.success("contacts", page.contacts());
            body.put("nextCursor", page.nextCursor());
            return body;
        });
    }

    private static String externalId(RoutingContext ctx) {
        String externalId = ctx.pathParam("externalId");
        ContactValidator.requireExternalId(externalId);
        return externalId;
    }

    public static ApiError notFound(String externalId) {
        return ApiError.notFound("contact_not_found", "no contact with externalId \"" + externalId + "\" in this workspace");
    }
}
