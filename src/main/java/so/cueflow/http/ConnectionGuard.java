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
    private final Vertx vertx;
    private final HttpLimits limits;
    private final int cap;
    private final Map<HttpConnection, State> open = new HashMap<>();
    /** Connections waiting for a request, oldest first. */
    private final LinkedHashSet<HttpConnection> waiting = new LinkedHashSet<>();

    ConnectionGuard(Vertx vertx, HttpLimits limits, int cap) {
        this.vertx = vertx;
        this.limits = limits;
        this.cap = cap;
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
        while (open.size() > cap && !waiting.isEmpty()) {
            HttpConnection oldest = waiting.iterator().next();
            forget(oldest);
            oldest.close();
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
