package so.cueflow.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.contacts.Contact;
import so.cueflow.contacts.ContactRoutes;
import so.cueflow.contacts.ContactStore;
import so.cueflow.http.ApiError;
import so.cueflow.http.Blocking;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.QueryParams;
import so.cueflow.http.Requests;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Messages CRUD, publishing, interactions and stats (spec section 7). */
public final class MessageRoutes {
    private static final Set<String> STATUSES = Arrays.stream(MessageStatus.values()).map(MessageStatus::wireName).collect(Collectors.toSet());

    private final MessageStore messages;
    private final PublishedMessages published;
    private final ContactStore contacts;
    private final Clock clock;

    public MessageRoutes(MessageStore messages, PublishedMessages published, ContactStore contacts, Clock clock) {
        this.messages = messages;
        this.published = published;
        this.contacts = contacts;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post("/api/v1/messages").handler(this::create);
        router.get("/api/v1/messages").handler(this::list);
        router.get("/api/v1/messages/:id").handler(this::get);
        router.patch("/api/v1/messages/:id").handler(this::patch);
        router.delete("/api/v1/messages/:id").handler(this::delete);
        router.post("/api/v1/messages/:id/publish").handler(ctx -> setStatus(ctx, MessageStatus.PUBLISHED));
        router.post("/api/v1/messages/:id/archive").handler(ctx -> setStatus(ctx, MessageStatus.ARCHIVED));
        router.post("/api/v1/messages/:id/interactions").handler(this::interaction);
        router.get("/api/v1/messages/:id/stats").handler(this::stats);
    }

    private void create(RoutingContext ctx) {
        MessageValidator.Valid valid = MessageValidator.validate(Requests.bodyObject(ctx));
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 201, () -> Json.success("message", messages.create(workspaceId, valid, clock.millis())));
    }

    private void list(RoutingContext ctx) {
        MessageStatus status = MessageStatus.fromWire(QueryParams.of(ctx, Set.of("status")).choice("status", STATUSES)).orElse(null);
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> Json.success("messages", messages.list(workspaceId, status)));
    }

    private void get(RoutingContext ctx) {
        QueryParams.of(ctx, Set.of());
        String workspaceId = Requests.workspaceId(ctx);
        String id = ctx.pathParam("id");
        Blocking.respond(ctx, 200, () -> Json.success("message", find(workspaceId, id)));
    }

    /** Fields given replace the stored ones; the merged message is validated as a whole. */
    private void patch(RoutingContext ctx) {
        ObjectNode changes = Requests.bodyObject(ctx);
        Fields fields = new Fields(changes);
        fields.rejectUnknown(MessageValidator.FIELDS);
        fields.throwIfInvalid();
        String workspaceId = Requests.workspaceId(ctx);
        String id = ctx.pathParam("id");
        Blocking.respond(ctx, 200, () -> {
            Message updated = messages.modify(workspaceId, id, current -> merged(current, changes))
                    .orElseThrow(() -> MessageValidator.notFound(id));
            published.changed(workspaceId);
            return Json.success("message", updated);
        });
    }

    private Message merged(Message current, ObjectNode changes) {
        ObjectNode merged = Json.parseObject(Json.write(current));
        merged.retain(MessageValidator.FIELDS);
        merged.setAll(changes);
        MessageValidator.Valid valid = MessageValidator.validate(merged);
        return new Message(current.id(), valid.name(), valid.type(), current.status(), valid.content(), valid.targeting(),
                valid.rules(), valid.startDate(), valid.endDate(), valid.frequency(), valid.priority(),
                current.createdAtMillis(), clock.millis());
    }

    private void delete(RoutingContext ctx) {
        String workspaceId = Requests.workspaceId(ctx);
        String id = ctx.pathParam("id");
        Blocking.respond(ctx, 200, () -> {
            if (!messages.delete(workspaceId, id)) throw MessageValidator.notFound(id);
            published.changed(workspaceId);
            return Json.success("deleted", Map.of("id", id));
        });
    }

    private void setStatus(RoutingContext ctx, MessageStatus status) {
        String workspaceId = Requests.workspaceId(ctx);
        String id = ctx.pathParam("id");
        Blocking.respond(ctx, 200, () -> {
            Message updated = messages.modify(workspaceId, id, current -> {
                if (status == MessageStatus.PUBLISHED && current.status() == MessageStatus.ARCHIVED) {
                    throw ApiError.conflict("an archived message cannot be published again; create a new one");
                }
                return current.with(status, clock.millis());
            }).orElseThrow(() -> MessageValidator.notFound(id));
            published.changed(workspaceId);
            return Json.success("message", updated);
        });
    }

    private void interaction(RoutingContext ctx) {
        Interaction interaction = Interaction.parse(Requests.bodyObject(ctx));
        String workspaceId = Requests.workspaceId(ctx);
        String id = ctx.pathParam("id");
        Blocking.respond(ctx, 201, () -> {
            find(workspaceId, id);
            Contact contact = contacts.find(workspaceId, interaction.externalId())
                    .orElseThrow(() -> ContactRoutes.notFound(interaction.externalId()));
            messages.recordInteraction(workspaceId, id, contact.id(), interaction.kind(), interaction.button(), clock.millis());
            return Json.success("interaction", interaction);
        });
    }

    private void stats(RoutingContext ctx) {
        QueryParams.of(ctx, Set.of());
        String workspaceId = Requests.workspaceId(ctx);
        String id = ctx.pathParam("id");
        Blocking.respond(ctx, 200, () -> {
            find(workspaceId, id);
            MessageStore.Stats stats = messages.stats(workspaceId, id);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("uniqueViews", stats.uniqueViews());
            view.put("views", stats.views());
            view.put("clicks", stats.clicksByButton().values().stream().mapToLong(Long::longValue).sum());
            view.put("clicksByButton", stats.clicksByButton());
            view.put("uniqueClicks", stats.uniqueClicks());
            view.put("dismissals", stats.dismissals());
            view.put("ctr", stats.uniqueViews() == 0 ? 0.0 : (double) stats.uniqueClicks() / stats.uniqueViews());
            return Json.success("stats", view);
        });
    }

    private Message find(String workspaceId, String id) {
        return messages.find(workspaceId, id).orElseThrow(() -> MessageValidator.notFound(id));
    }
}
