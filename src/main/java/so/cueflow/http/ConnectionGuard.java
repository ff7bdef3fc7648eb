package so.cueflow.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Closes connections that are slow to send a request (slowloris) or idle between requests, and keeps
 * the number open under a cap by closing the one that has waited longest without a request. One
 * guard per listener: every call comes from that listener's event loop, so it needs no locking.
 * <p>
 * A connection waiting for a request has a deadline; one with a request in flight has none. Setting
 * and cancelling a Vert.x timer per request cost about a tenth of a short request's time, so instead
 * one periodic sweep per guard closes the waiting connections past their deadline: a timeout fires
 * up to one {@linkplain #sweepPeriod sweep period} late (a tenth of the shorter timeout, between
 * 10 ms and 1 s). The sweep runs only while a connection is open, so a guard whose server has
 * closed (every connection with it) holds no timer.
 */
final class ConnectionGuard {
    private static final int EVICT_BATCH = 16;
    private static final Duration SHORTEST_SWEEP = Duration.ofMillis(10);
    private static final Duration LONGEST_SWEEP = Duration.ofSeconds(1);
    private final Vertx vertx;
    private final long headerTimeoutNanos;
    private final long keepAliveTimeoutNanos;
    private final long shorterTimeoutNanos;
    private final long sweepMillis;
    private final AcceptLimit accepted;
    private final Map<HttpConnection, State> open = new HashMap<>();
    /** Connections waiting for a request, in the order they began to wait: oldest first. */
    private final LinkedHashSet<State> waiting = new LinkedHashSet<>();
    private long sweepTimer = -1;

    ConnectionGuard(Vertx vertx, HttpLimits limits, AcceptLimit accepted) {
        this.vertx = vertx;
        this.headerTimeoutNanos = limits.headerTimeout().toNanos();
        this.keepAliveTimeoutNanos = limits.keepAliveTimeout().toNanos();
        this.shorterTimeoutNanos = Math.min(headerTimeoutNanos, keepAliveTimeoutNanos);
        this.sweepMillis = sweepPeriod(limits).toMillis();
        this.accepted = accepted;
        Context context = vertx.getOrCreateContext();
        accepted.addEvictor(() -> context.runOnContext(now -> {
            if (accepted.open() > accepted.evictAbove()) evictOldestWaiting();
        }));
    }

    /** How late a timeout may fire: a tenth of the shorter one, at least 10 ms and at most 1 s. */
    static Duration sweepPeriod(HttpLimits limits) {
        Duration tenth = min(limits.headerTimeout(), limits.keepAliveTimeout()).dividedBy(10);
        return min(LONGEST_SWEEP, tenth.compareTo(SHORTEST_SWEEP) < 0 ? SHORTEST_SWEEP : tenth);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * One per connection, and the end handler of every request it carries, so a request allocates
     * nothing here. The routing context's end handlers fire however a request ends (answered, failed,
     * connection reset); the response's own end and close hooks are single slots Vert.x Web takes.
     */
    private final class State implements Handler<AsyncResult<Void>> {
        final HttpConnection connection;
        int inFlight;
        long waitingSince;
        long deadline;
        boolean forgotten;

        State(HttpConnection connection) {
            this.connection = connection;
        }

        /** A request ended (answered, failed or cut off): once none is in flight, wait for the next. */
        @Override
        public void handle(AsyncResult<Void> ended) {
            if (forgotten || --inFlight > 0) return;
            await(this, keepAliveTimeoutNanos);
        }
    }

    void opened(HttpConnection connection) {
        State state = new State(connection);
        open.put(connection, state);
        if (sweepTimer < 0) sweepTimer = vertx.setPeriodic(sweepMillis, tick -> closeExpired());
        connection.closeHandler(closed -> forget(state));
        await(state, headerTimeoutNanos);
        if (accepted.open() > accepted.evictAbove()) evictOldestWaiting();
    }

    /**
     * Closes several at once: a close takes effect a moment later, and closing one per new connection
     * would let the count sit at the cap, where every accept waits for a close to finish.
     */
    private void evictOldestWaiting() {
        for (int evicted = 0; evicted < EVICT_BATCH && waiting.size() > 1; evicted++) {
            close(waiting.iterator().next());
        }
    }

    /** The request line and headers of a request have arrived. */
    void requestArrived(HttpServerRequest request) {
        State state = open.get(request.connection());
        if (state == null) return;
        state.inFlight++;
        waiting.remove(state);
    }

    /** Registered first on every routed request: once answered, the connection waits for the next. */
    void answeredWhenDone(RoutingContext ctx) {
        State state = open.get(ctx.request().connection());
        if (state != null) ctx.addEndHandler(state);
        ctx.next();
    }

    /** Whether the periodic sweep is scheduled; for the test that holds it to "only while a connection is open". */
    boolean sweeping() {
        return sweepTimer >= 0;
    }

    private void await(State state, long timeoutNanos) {
        waiting.remove(state);
        state.waitingSince = System.nanoTime();
        state.deadline = state.waitingSince + timeoutNanos;
        waiting.add(state);
    }

    /**
     * Every connection after the first that has not waited the shorter timeout yet began to wait later,
     * so none of them can be past its deadline: the sweep stops there.
     */
    private void closeExpired() {
        long now = System.nanoTime();
        var oldestFirst = waiting.iterator();
        while (oldestFirst.hasNext()) {
            State state = oldestFirst.next();
            if (now - state.waitingSince < shorterTimeoutNanos) return;
            if (now - state.deadline >= 0) {
                oldestFirst.remove();
                close(state);
            }
        }
    }

    private void close(State state) {
        forget(state);
        state.connection.close();
    }

    private void forget(State state) {
        if (state.forgotten) return;
        state.forgotten = true;
        open.remove(state.connection);
        waiting.remove(state);
        if (open.isEmpty() && sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
            sweepTimer = -1;
        }
    }
}
