package so.cueflow.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

public final class Responses {
    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) return;
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(Json.write(body)));
    }

    public static void error(RoutingContext ctx, ApiError error) {
        if (error.status() == 503) ctx.response().putHeader("Retry-After", "1");
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
