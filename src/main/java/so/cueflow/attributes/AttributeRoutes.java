package so.cueflow.attributes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.Blocking;
import so.cueflow.http.Json;
import so.cueflow.http.Requests;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/attributes}: the registry of declared custom attributes. */
public final class AttributeRoutes {
    private final AttributeStore attributes;
    private final Clock clock;

    public AttributeRoutes(AttributeStore attributes, Clock clock) {
        this.attributes = attributes;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/attributes").handler(this::list);
        router.post("/api/v1/attributes").handler(this::create);
        router.get("/api/v1/attributes/:key").handler(this::get);
        router.patch("/api/v1/attributes/:key").handler(this::rename);
        router.delete("/api/v1/attributes/:key").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            List<Map<String, Object>> rows = attributes.usage(workspaceId).stream().map(AttributeRoutes::describe).toList();
            return Json.success("attributes", rows);
        });
    }

    private void create(RoutingContext ctx) {
        AttributeValidator.Declaration declaration = AttributeValidator.forCreate(Requests.bodyObject(ctx));
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 201, () -> {
            Attribute attribute = new Attribute(declaration.key(), declaration.name(), declaration.type(), clock.millis());
            if (!attributes.create(workspaceId, attribute)) throw AttributeValidator.alreadyDeclared(declaration.key());
            return Json.success("attribute", attribute);
        });
    }

    private void get(RoutingContext ctx) {
        String key = key(ctx);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> Json.success("attribute",
                attributes.find(workspaceId, key).orElseThrow(() -> AttributeValidator.notFound(key))));
    }

    private void rename(RoutingContext ctx) {
        String key = key(ctx);
        var body = Requests.bodyObject(ctx);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            Attribute current = attributes.find(workspaceId, key).orElseThrow(() -> AttributeValidator.notFound(key));
            String name = AttributeValidator.forRename(body, current);
            return Json.success("attribute", attributes.rename(workspaceId, key, name).orElseThrow(() -> AttributeValidator.notFound(key)));
        });
    }

    private void delete(RoutingContext ctx) {
        String key = key(ctx);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            long removed = attributes.delete(workspaceId, key).orElseThrow(() -> AttributeValidator.notFound(key));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("deleted", Map.of("key", key, "valuesRemoved", removed));
            return body;
        });
    }

    private static Map<String, Object> describe(AttributeStore.Usage usage) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", usage.attribute().key());
        row.put("name", usage.attribute().name());
        row.put("type", usage.attribute().type());
        row.put("createdAt", usage.attribute().createdAt());
        row.put("contacts", usage.contacts());
        return row;
    }

    private static String key(RoutingContext ctx) {
        String key = ctx.pathParam("key");
        AttributeValidator.requireKey(key);
        return key;
    }
}
