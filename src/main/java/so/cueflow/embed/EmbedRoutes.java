package so.cueflow.embed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.Authenticator;
import so.cueflow.contacts.ContactChanges;
import so.cueflow.contacts.ContactStore;
import so.cueflow.contacts.ContactValidator;
import so.cueflow.events.Ingest;
import so.cueflow.http.ApiError;
import so.cueflow.http.AuthHandler;
import so.cueflow.http.Blocking;
import so.cueflow.http.Fields;
import so.cueflow.http.RateLimitHandler;
import so.cueflow.http.Requests;
import so.cueflow.messages.Eligibility;
import so.cueflow.messages.MessageStore;
import so.cueflow.messages.PublishedMessages;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embed script and its endpoints. Every {@code /api/v1/embed/*} request passes, in order:
 * CORS preflight (answered here), the publishable key, the workspace's allowed origins, the key's
 * rate limit, then the user's identity check inside each route. Secret keys are refused here,
 * publishable keys everywhere else.
 */
public final class EmbedRoutes {
    static final String IDENTIFY_PATH = "/api/v1/embed/identify";
    private static final Set<String> IDENTIFY_FIELDS = Set.of("userId", "userHash", "email", "name", "phone", "avatarUrl",
            "role", "plan", "signedUpAt", "customAttributes");

    private final AuthHandler publishableKey;
    private final RateLimitHandler rateLimit;
    private final Cors cors;
    private final EmbedScript script = new EmbedScript();
    private final EmbedEventsRoute events;
    private final EmbedMessageRoutes messages;
    private final ContactStore contacts;
    private final Clock clock;

    public EmbedRoutes(Authenticator authenticator, RateLimitHandler rateLimit, EmbedSettingsStore settings, ContactStore contacts,
                       Ingest ingest, Eligibility eligibility, PublishedMessages published, MessageStore messageStore, Clock clock) {
        this.publishableKey = new AuthHandler(authenticator, ApiKey.Kind.PUBLISHABLE);
        this.rateLimit = rateLimit;
        this.cors = new Cors(new SettingsCache(settings, clock), clock);
        this.events = new EmbedEventsRoute(ingest, contacts, clock);
        this.messages = new EmbedMessageRoutes(eligibility, published, messageStore, contacts, clock);
        this.contacts = contacts;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/embed.js").handler(script::serve);
        router.options("/api/v1/embed/*").handler(cors::preflight);
        router.route("/api/v1/embed/*").handler(EmbedRoutes::beaconKey).handler(publishableKey).handler(cors::checkOrigin)
                .handler(rateLimit);
        router.post(IDENTIFY_PATH).handler(this::identify);
        router.post(EmbedEventsRoute.PATH).handler(events);
        router.get("/api/v1/embed/messages").handler(messages::eligible);
        router.post("/api/v1/embed/interactions").handler(messages::interaction);
    }

    /**
     * sendBeacon cannot set headers, so the events endpoint also takes the key as {@code ?key=pk_...}
     * (a publishable key is public: it is in the page's HTML anyway). It is moved into the header the
     * key handler reads; anywhere else the parameter is refused.
     */
    private static void beaconKey(RoutingContext ctx) {
        String key = ctx.queryParams().get("key");
        if (key == null) {
            ctx.next();
            return;
        }
        if (ctx.request().method() != HttpMethod.POST || !EmbedEventsRoute.PATH.equals(ctx.request().path())) {
            throw ApiError.invalid("key", "the key query parameter is accepted only on POST " + EmbedEventsRoute.PATH
                    + " (for sendBeacon); send Authorization: Bearer pk_... instead");
        }
        if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null || ctx.queryParams().getAll("key").size() > 1) {
            throw ApiError.invalid("key", "give the key once: in the Authorization header or in the key parameter");
        }
        ctx.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        ctx.next();
    }

    /** Creates or updates the user's contact (only the fields given) and marks it seen now. */
    private void identify(RoutingContext ctx) {
        ObjectNode body = Requests.bodyObject(ctx);
        Fields fields = new Fields(body);
        fields.rejectUnknown(IDENTIFY_FIELDS);
        EmbedUser user = EmbedUser.read(fields);
        if (user != null) user.verify(ctx.get(Cors.SETTINGS));
        fields.throwIfInvalid();
        ObjectNode contactFields = body.deepCopy();
        contactFields.remove(List.of("userId", "userHash"));
        ContactChanges changes = ContactValidator.forPatch(contactFields, user.userId());
        String workspaceId = Requests.workspaceId(ctx);
        Blocking.respond(ctx, 200, () -> {
            long now = clock.millis();
            ContactStore.Upserted upserted = contacts.upsert(workspaceId, user.userId(), changes, now);
            contacts.markSeen(workspaceId, upserted.contact().id(), now);
            // Nothing about the stored contact is returned: a browser only ever writes its own user.
            return Map.of("success", true);
        });
    }
}
