package so.cueflow.http;

import so.cueflow.auth.ApiKey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: it holds up to a minute's allowance and refills continuously, so a
 * key may burst up to its per-minute limit and then sustain limit/60 requests a second. Buckets are
 * per server: behind N servers a key's effective limit is N times its own.
 */
public final class RateLimiter {
    private final long defaultPerMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(long defaultPerMinute) {
        this.defaultPerMinute = defaultPerMinute;
    }

    /** What the response says about the limit; {@code limit} 0 means the key is unlimited. */
    public record Decision(boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {
        static final Decision UNLIMITED = new Decision(true, 0, 0, 0, 0);
    }

    public Decision acquire(ApiKey key, long nowMillis) {
        long limit = key.rateLimitPerMinute() != null ? key.rateLimitPerMinute() : defaultPerMinute;
        if (limit <= 0) return Decision.UNLIMITED;
        Bucket bucket = buckets.compute(key.id(), (id, current) ->
                current == null || current.capacity != limit ? new Bucket(limit, nowMillis) : current);
        return bucket.take(nowMillis);
    }

    private static final class Bucket {
        private final long capacity;
        private final double tokensPerMilli;
        private double tokens;
        private long updatedAt;

        Bucket(long capacity, long now) {
            this.capacity = capacity;
            this.tokensPerMilli = capacity / 60_000.0;
            this.tokens = capacity;
            this.updatedAt = now;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - updatedAt) * tokensPerMilli);
            updatedAt = now;
            boolean allowed = tokens >= 1;
            if (allowed) tokens -= 1;
            long fullInMillis = (long) Math.ceil((capacity - tokens) / tokensPerMilli);
            long retryAfterMillis = allowed ? 0 : (long) Math.ceil((1 - tokens) / tokensPerMilli);
            return new Decision(allowed, capacity, (long) Math.floor(tokens), (now + fullInMillis + 999) / 1000,
                    Math.max(1, (retryAfterMillis + 999) / 1000));
        }
    }
}
