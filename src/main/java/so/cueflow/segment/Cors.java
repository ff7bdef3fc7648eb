package so.cueflow.segment;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Segment's browser SDK posts from the page's origin with a Basic Authorization header, so the
 * browser asks first (a preflight). The key authenticates each call and no cookie is involved, so
 * any origin may send; what a browser page may send with is decided by the key it holds.
 */
final class Cors {
    private Cors() {
    }

    static void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null) {
            ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        }
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            ctx.response().putHeader("Access-Control-Allow-Methods", "POST")
                    .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Retry-Count")
                    .putHeader("Access-Control-Max-Age", "600")
                    .setStatusCode(204).end();
            return;
        }
        ctx.next();
    }
}
