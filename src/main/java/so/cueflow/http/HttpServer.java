package so.cueflow.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.Authenticator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The route table in one place: plumbing first (body, media type, key), then each feature's routes. */
public final class HttpServer {
    static final int BODY_LIMIT = 32 * 1024;
    static final int BATCH_BODY_LIMIT = 1024 * 1024;
    private static final String BATCH_PATH = "/api/v1/events/batch";
    /** Every /api/v1 path but the embed endpoints, which take publishable keys (their chain is in EmbedRoutes). */
    private static final String SECRET_KEY_PATHS = "/api/v1(?:/(?!embed(?:/|$)).*)?";
    private static final String EMBED_EVENTS_PATH = "/api/v1/embed/events";

    private final Authenticator authenticator;
    private final RateLimitHandler rateLimit;
    private final HttpMetrics metrics;
    private final List<Consumer<Router>> features;
    private final HttpLimits limits;

    public HttpServer(Authenticator authenticator, RateLimitHandler rateLimit, HttpMetrics metrics,
                      List<Consumer<Router>> features, HttpLimits limits) {
        this.limits = limits;
        this.authenticator = authenticator;
        this.rateLimit = rateLimit;
        this.metrics = metrics;
        this.features = features;
    }

    /** Listens on one event loop per core; completes when every instance is bound. */
    public Future<String> start(Vertx vertx, String host, int port, int instances) {
        AcceptLimit accepted = new AcceptLimit(limits.maxConnections());
        return vertx.deployVerticle(() -> new Listener(host, port, accepted), new DeploymentOptions().setInstances(instances));
    }

    /** The routes of the router the listeners use, for the test that holds /openapi.json to them. */
    public List<Route> routes(Vertx vertx) {
        return router(vertx, new ConnectionGuard(vertx, limits, new AcceptLimit(limits.maxConnections()))).getRoutes();
    }

    Router router(Vertx vertx, ConnectionGuard guard) {
        Router router = Router.router(vertx);
        router.route().handler(HttpServer::headAsGet);
        router.route().handler(guard::answeredWhenDone);
        router.route().handler(metrics::time);
        router.get("/health").handler(ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        router.get("/metrics").handler(metrics::scrape);
        // Vert.x tries every route's path, in order, on every request: the plumbing is one route per path pattern
        // (the secret-key regex once, not once per handler) and Server mounts its hottest features first.
        router.route("/api/*").handler(HttpServer::requireJsonBody).handler(bodyHandler());
        router.routeWithRegex(SECRET_KEY_PATHS).handler(new AuthHandler(authenticator, ApiKey.Kind.SECRET))
                .handler(rateLimit).handler(HttpServer::refuseQueryOnWrites);
        features.forEach(feature -> feature.accept(router));
        router.route().failureHandler(ErrorMapper::handle);
        router.errorHandler(404, ErrorMapper::handle);
        router.errorHandler(405, ErrorMapper::handle);
        return router;
    }

    /** HEAD is answered wherever GET is: routed as GET, and Vert.x sends the headers without the body. */
    private static void headAsGet(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.reroute(HttpMethod.GET, ctx.request().uri());
        } else {
            ctx.next();
        }
    }

    private static Handler<RoutingContext> bodyHandler() {
        BodyHandler small = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        BodyHandler large = BodyHandler.create(false).setBodyLimit(BATCH_BODY_LIMIT);
        return ctx -> (BATCH_PATH.equals(ctx.request().path()) ? large : small).handle(ctx);
    }

    /** Only GET endpoints take query parameters; on a write one would be silently ignored. */
    private static void refuseQueryOnWrites(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) QueryParams.of(ctx, Set.of());
        ctx.next();
    }

    /** Before the body is read, so that no other media type (form, multipart) is ever parsed. */
    private static void requireJsonBody(RoutingContext ctx) {
        if (announcesBody(ctx)) {
            String type = ctx.request().getHeader("Content-Type");
            String mediaType = type == null ? "" : type.split(";", 2)[0].trim();
            if (!mediaType.equalsIgnoreCase("application/json") && !beacon(ctx, mediaType)) {
                throw ApiError.unsupportedMediaType("send the body with Content-Type: application/json"
                        + (type == null ? "" : " (got \"" + type + "\")"));
            }
        }
        ctx.next();
    }

    private static boolean announcesBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        return ctx.request().getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }

    /** sendBeacon cannot send application/json without a preflight: embed events sent with ?key= may be text/plain. */
    private static boolean beacon(RoutingContext ctx, String mediaType) {
        return mediaType.equalsIgnoreCase("text/plain") && EMBED_EVENTS_PATH.equals(ctx.request().path())
                && ctx.queryParams().contains("key");
    }

    private final class Listener extends VerticleBase {
        private final String host;
        private final int port;
        private final AcceptLimit accepted;

        Listener(String host, int port, AcceptLimit accepted) {
            this.host = host;
            this.port = port;
            this.accepted = accepted;
        }

        @Override
        public Future<?> start() {
            // No h2c: every connection is HTTP/1.1, whose decoder StrictRequestDecoder replaces.
            HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                    .setCompressionSupported(false).setHttp2ClearTextEnabled(false);
            ConnectionGuard guard = new ConnectionGuard(vertx, limits, accepted);
            Router router = router(vertx, guard);
            return vertx.createHttpServer(options)
                    .connectionHandler(connection -> {
                        StrictRequestDecoder.install(connection, options, accepted);
                        guard.opened(connection);
                    })
                    .invalidRequestHandler(StrictRequestDecoder::answerInvalid)
                    .requestHandler(request -> {
                        guard.requestArrived(request);
                        router.handle(request);
                    })
                    .listen();
        }
    }
}
