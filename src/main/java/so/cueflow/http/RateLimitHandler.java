package so.cueflow.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;

/** Applies the key's rate limit after authentication; the limit headers go on every keyed response. */
public final class RateLimitHandler implements Handler<RoutingContext> {
    private final RateLimiter limiter;
    private final Clock clock;

    public RateLimitHandler(RateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RateLimiter.Decision decision = limiter.acquire(Requests.apiKey(ctx), clock.millis());
        if (decision.limit() > 0) {
            ctx.response()
                    .putHeader("X-RateLimit-Limit", Long.toString(decision.limit()))
                    .putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()))
                    .putHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
        }
        if (!decision.allowed()) {
            ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
            throw ApiError.rateLimited("this key is over its limit of " + decision.limit()
                    + " requests a minute; retry after " + decision.retryAfterSeconds() + " s");
        }
        ctx.next();
    }
}
