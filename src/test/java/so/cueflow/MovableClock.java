package so.cueflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test moves it: forward, to reach session expiry or the end of a sign-in lock
 * without waiting, or held at an instant, so that a server's "now" (a contact's createdAt, a preview's window edges)
 * is known to the millisecond from outside.
 */
public final class MovableClock extends Clock {
    private final AtomicLong millis;

    public MovableClock() {
        this(System.currentTimeMillis());
    }

    public MovableClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    public void hold(long at) {
        millis.set(at);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }
}
