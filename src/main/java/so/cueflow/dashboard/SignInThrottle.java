package so.cueflow.dashboard;

import java.time.Duration;
import java.util.Locale;

/**
 * Slows down password guessing. After 5 consecutive failures for one email, or 20 from one address,
 * that email or address is refused for 30 seconds, doubling with every further failure up to 15
 * minutes. Failures for unknown emails count the same, so the answer never tells whether an email
 * exists. A success clears its email's count; an hour without failures forgets a count.
 */
final class SignInThrottle {
    static final int EMAIL_FAILURES_ALLOWED = 5;
    static final int ADDRESS_FAILURES_ALLOWED = 20;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final SignInFailureStore failures;

    SignInThrottle(SignInFailureStore failures) {
        this.failures = failures;
    }

    /** Seconds until the next attempt for this email from this address is checked; 0 when it may be now. */
    long secondsToWait(String email, String address, long now) {
        long untilEmail = lockedUntil(emailSubject(email), EMAIL_FAILURES_ALLOWED, now);
        long untilAddress = lockedUntil(addressSubject(address), ADDRESS_FAILURES_ALLOWED, now);
        long until = Math.max(untilEmail, untilAddress);
        return until <= now ? 0 : (until - now + 999) / 1000;
    }

    void failed(String email, String address, long now) {
        long forgetBefore = now - FORGET_AFTER.toMillis();
        failures.record(emailSubject(email), now, forgetBefore);
        failures.record(addressSubject(address), now, forgetBefore);
    }

    void succeeded(String email) {
        failures.clear(emailSubject(email));
    }

    /** How long a subject is refused after its {@code count}-th consecutive failure. */
    static Duration lockAfter(long count, int allowed) {
        if (count < allowed) return Duration.ZERO;
        long doublings = Math.min(count - allowed, 20);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    private long lockedUntil(String subject, int allowed, long now) {
        return failures.of(subject)
                .filter(f -> f.lastFailedAt() >= now - FORGET_AFTER.toMillis())
                .map(f -> f.lastFailedAt() + lockAfter(f.count(), allowed).toMillis())
                .orElse(0L);
    }

    private static String emailSubject(String email) {
        return "email:" + Emails.normalise(email == null ? "" : email).toLowerCase(Locale.ROOT);
    }

    private static String addressSubject(String address) {
        return "address:" + address;
    }
}
