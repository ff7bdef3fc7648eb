package so.cueflow.embed;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.ApiError;
import so.cueflow.http.Requests;
import so.cueflow.http.ThrottledLog;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * CORS for the embed endpoints. A preflight carries no key, so it is answered for any origin that
 * some workspace allows; the request itself is then checked against its key's workspace, and a
 * request from an origin that workspace does not allow is refused (403, no CORS headers) before
 * anything is done.
 */
final class Cors {
    static final String SETTINGS = "cueflow.embedSettings";
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    private static final long LOG_INTERVAL_MS = 10_000;

    private final SettingsCache settings;
    private final ThrottledLog refusals;

    Cors(SettingsCache settings, Clock clock) {
        this.settings = settings;
        this.refusals = new ThrottledLog(LoggerFactory.getLogger(Cors.class), clock, LOG_INTERVAL_MS);
    }

    void preflight(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        settings.current(ctx.vertx()).onSuccess(snapshot -> {
            if (origin == null || !snapshot.anyWorkspaceOrigins().contains(Origins.normalise(origin))) {
                refusals.info("refused a CORS preflight from origin {}: no workspace allows it", printable(origin));
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
                refusals.info("refused an embed request from origin {}: workspace {} does not allow it",
                        printable(origin), Requests.workspaceId(ctx));
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

    /** An attacker chooses the header: cut it short and keep control characters out of the log. */
    private static String printable(String origin) {
        if (origin == null) return "(none)";
        String cut = origin.length() > 200 ? origin.substring(0, 200) + "…" : origin;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    private static ApiError refused(String origin) {
        return ApiError.forbidden(origin == null ? "a CORS preflight needs an Origin header"
                : "the origin " + origin + " is not allowed; add it with: cueflow workspace update --workspace NAME --allowed-origin " + origin);
    }
}
