package so.cueflow.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.ApiKey;

public final class Requests {
    static final String API_KEY = "cueflow.apiKey";

    private Requests() {
    }

    public static ApiKey apiKey(RoutingContext ctx) {
        return ctx.get(API_KEY);
    }

    public static String workspaceId(RoutingContext ctx) {
        return apiKey(ctx).workspaceId();
    }

    public static ObjectNode bodyObject(RoutingContext ctx) {
        return Json.parseObject(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes());
    }
}
