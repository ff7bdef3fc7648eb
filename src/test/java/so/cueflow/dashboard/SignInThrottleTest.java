package so.cueflow.dashboard;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {
    @Test
    void anEmailIsLockedFromItsFifthFailureFor30SecondsDoublingToFifteenMinutes() {
        assertThat(SignInThrottle.lockAfter(4, SignInThrottle.EMAIL_FAILURES_ALLOWED)).isEqualTo(Duration.ZERO);
        assertThat(SignInThrottle.lockAfter(5, SignInThrottle.EMAIL_FAILURES_ALLOWED)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SignInThrottle.lockAfter(6, SignInThrottle.EMAIL_FAILURES_ALLOWED)).isEqualTo(Duration.ofSeconds(60));
        assertThat(SignInThrottle.lockAfter(9, SignInThrottle.EMAIL_FAILURES_ALLOWED)).isEqualTo(Duration.ofSeconds(480));
        assertThat(SignInThrottle.lockAfter(10, SignInThrottle.EMAIL_FAILURES_ALLOWED)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInThrottle.lockAfter(1_000, SignInThrottle.EMAIL_FAILURES_ALLOWED)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAddressIsLockedOnlyFromItsTwentiethFailure() {
        assertThat(SignInThrottle.lockAfter(19, SignInThrottle.ADDRESS_FAILURES_ALLOWED)).isEqualTo(Duration.ZERO);
        assertThat(SignInThrottle.lockAfter(20, SignInThrottle.ADDRESS_FAILURES_ALLOWED)).isEqualTo(Duration.ofSeconds(30));
    }
}
