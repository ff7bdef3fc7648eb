package so.cueflow.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Closes connections that are slow to send a request (slowloris) or idle between requests, and keeps
 * the number open under a cap by closing the one that has waited longest without a request. One
 * guard per listener: every call comes from that listener's event loop, so it needs no locking.
 */
final class ConnectionGuard {
    private static final int EVICT_BATCH = 16;
    private final Vertx vertx;
    private final HttpLimits limits;
    private final AcceptLimit accepted;
    private final Map<HttpConnection, State> open = new HashMap<>();
    /** Connections waiting for a request, oldest first. */
    private final LinkedHashSet<HttpConnection> waiting = new LinkedHashSet<>();

    ConnectionGuard(Vertx vertx, HttpLimits limits, AcceptLimit accepted) {
        this.vertx = vertx;
        this.limits = limits;
        this.accepted = accepted;
        var context = vertx.getOrCreateContext();
        accepted.addEvictor(() -> context.runOnContext(now -> {
            if (accepted.open() > accepted.evictAbove()) evictOldestWaiting();
        }));
    }

    private static final class State {
        long timer = -1;
        int inFlight;
    }

    void opened(HttpConnection connection) {
        State state = new State();
        open.put(connection, state);
        connection.closeHandler(closed -> forget(connection));
        await(connection, state, limits.headerTimeout().toMillis());
        if (accepted.open() > accepted.evictAbove()) evictOldestWaiting();
    }

    /**
     * Closes several at once: a close takes effect a moment later, and closing one per new connection
     * would let the count sit at the cap, where every accept waits for a close to finish.
     */
    private void evictOldestWaiting() {
        var oldestFirst = waiting.iterator();
        for (int evicted = 0; evicted < EVICT_BATCH && waiting.size() > 1; evicted++) {
            HttpConnection oldest = oldestFirst.next();
            oldestFirst.remove();
            forget(oldest);
            oldest.close();
            oldestFirst = waiting.iterator();
        }
    }

    /** The request line and headers of a request have arrived. */
    void requestArrived(HttpServerRequest request) {
        State state = open.get(request.connection());
        if (state == null) return;
        state.inFlight++;
        stopWaiting(request.connection(), state);
    }

    /** Registered first on every routed request: once answered, the connection waits for the next. */
    void answeredWhenDone(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        ctx.addEndHandler(done -> {
            State state = open.get(connection);
            if (state == null || --state.inFlight > 0) return;
            await(connection, state, limits.keepAliveTimeout().toMillis());
        });
        ctx.next();
    }

    private void await(HttpConnection connection, State state, long millis) {
        stopWaiting(connection, state);
        waiting.add(connection);
        state.timer = vertx.setTimer(millis, fired -> {
            state.timer = -1;
            forget(connection);
            connection.close();
        });
    }

    private void stopWaiting(HttpConnection connection, State state) {
        if (state.timer >= 0) vertx.cancelTimer(state.timer);
        state.timer = -1;
        waiting.remove(connection);
    }

    private void forget(HttpConnection connection) {
        State state = open.remove(connection);
        if (state != null) stopWaiting(connection, state);
    }
}
