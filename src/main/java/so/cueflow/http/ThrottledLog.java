package so.cueflow.http;

import org.slf4j.Logger;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An info line that anyone on the internet can cause (a refused origin, a wrong userHash): at most
 * one line per interval, and the next one says how many were left out, so a flood of bad requests
 * cannot flood the log.
 */
public final class ThrottledLog {
    private final Logger logger;
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong nextAllowedAt = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger logger, Clock clock, long intervalMillis) {
        this.logger = logger;
        this.clock = clock;
        this.intervalMillis = intervalMillis;
    }

    public void info(String format, Object... arguments) {
        long now = clock.millis();
        long allowedAt = nextAllowedAt.get();
        if (now < allowedAt || !nextAllowedAt.compareAndSet(allowedAt, now + intervalMillis)) {
            suppressed.incrementAndGet();
            return;
        }
        long left = suppressed.getAndSet(0);
        String suffix = left == 0 ? "" : " (" + left + " similar lines left out in the last interval)";
        if (logger.isInfoEnabled()) logger.info(org.slf4j.helpers.MessageFormatter.arrayFormat(format, arguments).getMessage() + suffix);
    }
}
