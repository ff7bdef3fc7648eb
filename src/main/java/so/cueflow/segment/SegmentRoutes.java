package so.cueflow.segment;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.Authenticator;
import so.cueflow.contacts.ContactStore;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.embed.SettingsCache;
import so.cueflow.events.EventStore;
import so.cueflow.events.Ingest;
import so.cueflow.messages.MessageStore;
import so.cueflow.events.Outcome;
import so.cueflow.http.ApiError;
import so.cueflow.http.RateLimitHandler;
import so.cueflow.http.Requests;
import so.cueflow.http.Responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Segment's tracking API ({@code /v1/track}, {@code /identify}, {@code /page}, {@code /screen},
 * {@code /group}, {@code /alias}, {@code /batch}, {@code /import}, and the one-letter paths the
 * browser SDK posts to), translated onto the ingest writer and the contact store. Accepted calls
 * answer 200 {"success": true} as Segment does; anything invalid refuses the whole request with
 * Cueflow's error body, so nothing of it is half-stored.
 */
public final class SegmentRoutes {
    static final int CALL_LIMIT = 32 * 1024;
    static final int BATCH_LIMIT = 500 * 1024;
    private static final Set<String> BATCH_PATHS = Set.of("/v1/batch", "/v1/import", "/v1/b");

    private final BrowserKeys keys;
    private final RateLimitHandler rateLimit;
    private final Ingest ingest;
    private final Clock clock;
    private final SegmentMetrics metrics;
    private final SegmentWrite.Writers writers;

    public SegmentRoutes(Authenticator authenticator, RateLimitHandler rateLimit, Ingest ingest, ContactStore contacts,
                         EventStore events, MessageStore messages, EmbedSettingsStore settings, MeterRegistry registry,
                         Clock clock) {
        this.keys = new BrowserKeys(authenticator, new SettingsCache(settings, clock));
        this.rateLimit = rateLimit;
        this.ingest = ingest;
        this.clock = clock;
        this.metrics = new SegmentMetrics(registry);
        SegmentStore aliases = new SegmentStore();
        IdentityMerge merge = new IdentityMerge(contacts, aliases, List.of(events::reassign, messages::reassignInteractions));
        this.writers = new SegmentWrite.Writers(contacts, events, aliases, merge, new KnownFacts());
    }

    public void mount(Router router) {
        router.route("/v1/*").handler(Cors::handle);
        router.route("/v1/*").handler(ctx -> SegmentBody.read(ctx, limit(ctx)));
        router.route("/v1/*").handler(keys);
        router.route("/v1/*").handler(keys::checkBrowser);
        router.route("/v1/*").handler(rateLimit);
        for (CallType type : CallType.values()) {
            router.post("/v1/" + type.wireName()).handler(ctx -> single(ctx, type));
            router.post("/v1/" + type.wireName().charAt(0)).handler(ctx -> single(ctx, type));
        }
        BATCH_PATHS.forEach(path -> router.post(path).handler(this::batch));
    }

    private static int limit(RoutingContext ctx) {
        return BATCH_PATHS.contains(ctx.request().path()) ? BATCH_LIMIT : CALL_LIMIT;
    }

    static ObjectNode body(RoutingContext ctx) {
        return SegmentBody.of(ctx);
    }

    private void single(RoutingContext ctx, CallType type) {
        long receivedAt = clock.millis();
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        SegmentCall call = CallReader.read(body(ctx), type, "", receivedAt, null, problems);
        write(ctx, call == null ? List.of() : List.of(call), receivedAt, problems);
    }

    private void batch(RoutingContext ctx) {
        long receivedAt = clock.millis();
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        List<SegmentCall> calls = BatchReader.read(body(ctx), SegmentBody.size(ctx) > CALL_LIMIT, receivedAt, problems);
        write(ctx, calls, receivedAt, problems);
    }

    private void write(RoutingContext ctx, List<SegmentCall> calls, long receivedAt, List<ApiError.FieldProblem> problems) {
        String workspaceId = Requests.workspaceId(ctx);
        SegmentWrite write = new SegmentWrite(workspaceId, receivedAt, writers);
        for (SegmentCall call : calls) Translation.translate(call, workspaceId, receivedAt, write, problems);
        if (!problems.isEmpty()) {
            metrics.rejected(calls.isEmpty() ? 1 : calls.size());
            throw ApiError.invalid(problems);
        }
        metrics.accepted(calls, write.dropped());
        ingest.submit(write.drafts(), write).onSuccess(outcomes -> {
            write.committed();
            respond(ctx, outcomes, write.dropped());
        }).onFailure(ctx::fail);
    }

    private static void respond(RoutingContext ctx, List<Outcome> outcomes, List<Flattening.Dropped> dropped) {
        for (Outcome outcome : outcomes) {
            // Only a contact erased between the preparation and the insert gets here.
            if (outcome instanceof Outcome.Rejected rejected) {
                Responses.error(ctx, rejected.error());
                return;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        if (!dropped.isEmpty()) body.put("dropped", dropped.stream().map(SegmentRoutes::view).toList());
        Responses.json(ctx, 200, body);
    }

    private static Map<String, Object> view(Flattening.Dropped dropped) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("field", dropped.field());
        view.put("reason", dropped.reason().wireName());
        return view;
    }
}
