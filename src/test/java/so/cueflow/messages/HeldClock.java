package so.cueflow.messages;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still at the instant a test holds it to, and moves only when the test moves it: the server
 * under test is given one, so that its "now" (a contact's createdAt, the preview's window edges) is known to the
 * millisecond from outside.
 */
final class HeldClock extends Clock {
    private final AtomicLong millis;

    HeldClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    void hold(long at) {
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
