package so.cueflow.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionGuardTest {
    private static Duration sweep(long headerMillis, long keepAliveMillis) {
        return ConnectionGuard.sweepPeriod(new HttpLimits(Duration.ofMillis(headerMillis), Duration.ofMillis(keepAliveMillis), 100));
    }

    @Test
    void theSweepRunsEveryTenthOfTheShorterTimeout() {
        assertThat(sweep(1_000, 2_000)).isEqualTo(Duration.ofMillis(100));
        assertThat(sweep(3_000, 2_000)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theSweepRunsAtLeastEverySecondAndAtMostEvery10Milliseconds() {
        assertThat(sweep(10_000, 30_000)).as("the defaults").isEqualTo(Duration.ofSeconds(1));
        assertThat(sweep(600_000, 600_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(sweep(50, 1_000)).isEqualTo(Duration.ofMillis(10));
        assertThat(sweep(1, 1)).isEqualTo(Duration.ofMillis(10));
    }
}
