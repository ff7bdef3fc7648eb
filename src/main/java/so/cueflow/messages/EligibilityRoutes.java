package so.cueflow.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.contacts.ContactRoutes;
import so.cueflow.http.Blocking;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.JsonBytes;
import so.cueflow.http.QueryParams;
import so.cueflow.http.Requests;
import so.cueflow.targeting.Page;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a contact would see now, and how many contacts a targeting selects. */
public final class EligibilityRoutes {
    private static final JsonBytes.ListHead MESSAGES = JsonBytes.ListHead.of("messages");
    private final Eligibility eligibility;
    private final AudiencePreview preview;
    private final PublishedMessages published;

    public EligibilityRoutes(Eligibility eligibility, PublishedMessages published, AudiencePreview preview) {
        this.eligibility = eligibility;
        this.published = published;
        this.preview = preview;
    }

    public void mount(Router router) {
        router.get("/api/v1/contacts/:externalId/messages").handler(this::eligible);
        router.post("/api/v1/audiences/preview").handler(this::preview);
    }

    private void eligible(RoutingContext ctx) {
        String workspaceId = Requests.workspaceId(ctx);
        String externalId = ctx.pathParam("externalId");
        QueryParams query = QueryParams.of(ctx, Set.of("url", "explain"));
        Page page = Subjects.page(query.text("url"));
        if (!query.flag("explain")) {
            Blocking.respondLater(ctx, 200, eligibility.evaluateLater(workspaceId, externalId, page, Blocking.executor(ctx.vertx()))
                    .thenApply(found -> JsonBytes.successList(MESSAGES, published.json(workspaceId,
                            found.orElseThrow(() -> ContactRoutes.notFound(externalId)).stream()
                                    .filter(Verdict::eligible).map(Verdict::message).toList()))));
            return;
        }
        Blocking.respond(ctx, 200, () -> {
            List<Verdict> verdicts = eligibility.explain(workspaceId, externalId, page)
                    .orElseThrow(() -> ContactRoutes.notFound(externalId));
            Map<String, Object> body = Json.success("messages", verdicts.stream().filter(Verdict::eligible)
                    .map(Verdict::message).toList());
            body.put("explain", verdicts.stream().map(Eligibility::view).toList());
            return body;
        });
    }

    private void preview(RoutingContext ctx) {
        ObjectNode body = Requests.bodyObject(ctx);
        Fields fields = new Fields(body);
        fields.rejectUnknown(Set.of("targeting"));
        fields.throwIfInvalid();
        var targeting = MessageValidator.targetingOf(body.get("targeting"));
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            AudiencePreview.Result result = preview.count(workspaceId, targeting);
            Map<String, Object> reply = Json.success("count", result.count());
            reply.put("sample", result.sample());
            return reply;
        });
    }
}
