package so.cueflow.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

public final class Responses {
    private static final long LINGER_AFTER_413_MS = 500;

    private Responses() {
    }

    /** Answers with the body as JSON; a body that cannot be written is answered as an internal error instead. */
    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) return;
        Buffer bytes;
        try {
            bytes = body instanceof JsonBytes written ? written.buffer() : Buffer.buffer(Json.write(body));
        } catch (RuntimeException e) {
            ErrorMapper.internal(ctx, e);
            return;
        }
        // Vert.x looks the status up again on every set; most answers keep the default 200.
        if (ctx.response().getStatusCode() != status) ctx.response().setStatusCode(status);
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(bytes.length()))  // Vert.x leaves it off a HEAD answer
                .end(bytes);
    }

    /**
     * After a 413 the rest of the body may still be arriving: the connection is closed rather than read
     * to its end, but a moment after the answer, since closing a socket with unread bytes resets it and
     * the client would lose the 413 it was sent.
     */
    public static void error(RoutingContext ctx, ApiError error) {
        if (error.status() == 503) ctx.response().putHeader("Retry-After", "1");
        if (error.status() == 413 && !ctx.response().ended()) {
            ctx.response().putHeader("Connection", "close");
            ctx.addEndHandler(done -> ctx.vertx().setTimer(LINGER_AFTER_413_MS, timer -> ctx.request().connection().close()));
        }
        json(ctx, error.status(), errorBody(error));
    }

    public static Map<String, Object> errorBody(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", errorObject(error));
        return body;
    }

    public static Map<String, Object> errorObject(ApiError error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", error.code());
        inner.put("message", error.getMessage());
        inner.put("details", error.details());
        return inner;
    }
}
