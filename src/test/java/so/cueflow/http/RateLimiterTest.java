package so.cueflow.http;

import org.junit.jupiter.api.Test;
import so.cueflow.auth.ApiKey;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private static ApiKey key(Long limit) {
        return new ApiKey("k1", "w1", "w", ApiKey.Kind.SECRET, "test", "sk_123456789", 0, null, null, limit);
    }

    @Test
    void aKeyMayBurstUpToItsPerMinuteLimitThenIsRefused() {
        RateLimiter limiter = new RateLimiter(0);
        ApiKey key = key(3L);
        long now = 1_000_000;

        assertThat(limiter.acquire(key, now).remaining()).isEqualTo(2);
        assertThat(limiter.acquire(key, now).remaining()).isEqualTo(1);
        assertThat(limiter.acquire(key, now).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.acquire(key, now);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void tokensComeBackAtLimitOverSixtyPerSecond() {
        RateLimiter limiter = new RateLimiter(60);
        ApiKey key = key(null);
        long now = 5_000_000;
        for (int i = 0; i < 60; i++) assertThat(limiter.acquire(key, now).allowed()).isTrue();

        assertThat(limiter.acquire(key, now + 500).allowed()).isFalse();
        assertThat(limiter.acquire(key, now + 1_000).allowed()).isTrue();
        assertThat(limiter.acquire(key, now + 1_000).allowed()).isFalse();
    }

    @Test
    void aLimitOfZeroMeansUnlimitedAndAKeysOwnLimitWinsOverTheDefault() {
        RateLimiter limiter = new RateLimiter(1);
        ApiKey unlimited = key(0L);
        for (int i = 0; i < 1_000; i++) assertThat(limiter.acquire(unlimited, 0).allowed()).isTrue();
        assertThat(limiter.acquire(unlimited, 0).limit()).isZero();

        ApiKey byDefault = key(null);
        assertThat(limiter.acquire(byDefault, 0).limit()).isEqualTo(1);
    }

    @Test
    void theResetIsWhenTheBucketIsFullAgain() {
        RateLimiter limiter = new RateLimiter(0);
        ApiKey key = key(60L);
        RateLimiter.Decision decision = limiter.acquire(key, 10_000);

        assertThat(decision.resetEpochSeconds()).isEqualTo(11);
    }
}
