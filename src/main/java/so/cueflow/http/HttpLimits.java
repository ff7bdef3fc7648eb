package so.cueflow.http;

import java.time.Duration;

/**
 * How long a connection may take and how many may be open. {@code headerTimeout}: a new connection
 * must have sent its complete request line and headers within it. {@code keepAliveTimeout}: a
 * connection that answered a request must start (and finish the headers of) the next within it.
 * {@code maxConnections}: beyond it, the connection that has waited longest without a request is
 * closed to admit the new one, so that idle or slow clients cannot exhaust the open-file limit.
 */
public record HttpLimits(Duration headerTimeout, Duration keepAliveTimeout, int maxConnections) {
    public HttpLimits {
        if (headerTimeout.isNegative() || headerTimeout.isZero()) throw new IllegalArgumentException("header timeout must be positive");
        if (keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) throw new IllegalArgumentException("keep-alive timeout must be positive");
        if (maxConnections < 1) throw new IllegalArgumentException("max connections must be at least 1");
    }
}
