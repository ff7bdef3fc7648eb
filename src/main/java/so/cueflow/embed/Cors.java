package so.cueflow.embed;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.ApiError;
import so.cueflow.http.Requests;

/**
 * CORS for the embed endpoints. A preflight carries no key, so it is answered for any origin that
 * some workspace allows; the request itself is then checked against its key's workspace, and a
 * request from an origin that workspace does not allow is refused (403, no CORS headers) before
 * anything is done.
 */
final class Cors {
    static final String SETTINGS = "cueflow.embedSettings";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    private final SettingsCache settings;

    Cors(SettingsCache settings) {
        this.settings = settings;
    }

    void preflight(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        settings.current(ctx.vertx()).onSuccess(snapshot -> {
            if (origin == null || !snapshot.anyWorkspaceOrigins().contains(Origins.normalise(origin))) {
                ctx.fail(refused(origin));
                return;
            }
            ctx.response().putHeader(ALLOW_ORIGIN, origin)
                    .putHeader("Access-Control-Allow-Methods", "GET, POST")
                    .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
                    .putHeader("Access-Control-Max-Age", "600")
                    .setStatusCode(204)
                    .end();
        }).onFailure(ctx::fail);
    }

    /** After authentication: admits the request only from its workspace's origins (or from no browser at all). */
    void checkOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        settings.current(ctx.vertx()).onSuccess(snapshot -> {
            EmbedSettings workspace = snapshot.of(Requests.workspaceId(ctx));
            if (origin != null && !workspace.allows(origin)) {
                ctx.fail(refused(origin));
                return;
            }
            if (origin != null) {
                ctx.response().putHeader(ALLOW_ORIGIN, origin).putHeader("Access-Control-Expose-Headers", "Retry-After");
            }
            ctx.put(SETTINGS, workspace);
            ctx.next();
        }).onFailure(ctx::fail);
    }

    private static ApiError refused(String origin) {
        return ApiError.forbidden(origin == null ? "a CORS preflight needs an Origin header"
                : "the origin " + origin + " is not allowed; add it with: cueflow workspace update --workspace NAME --allowed-origin " + origin);
    }
}
