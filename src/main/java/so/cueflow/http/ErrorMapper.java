package so.cueflow.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Turns every failure, expected or not, into the error body of the contract; nothing else leaks. */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void handle(RoutingContext ctx) {
        if (ctx.response().ended()) return;
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError error) {
            Responses.error(ctx, error);
        } else if (failure == null || ctx.statusCode() != 500) {
            Responses.error(ctx, forStatus(ctx.statusCode(), ctx));
        } else {
            internal(ctx, failure);
        }
    }

    private static ApiError forStatus(int status, RoutingContext ctx) {
        return switch (status) {
            case 404 -> ApiError.notFound("not_found", "no endpoint " + ctx.request().method() + " " + ctx.request().path());
            case 405 -> ApiError.methodNotAllowed("method " + ctx.request().method() + " is not allowed on " + ctx.request().path());
            case 413 -> ApiError.payloadTooLarge("the request body is larger than the limit for this endpoint");
            case 415 -> ApiError.unsupportedMediaType("send the body as application/json");
            default -> ApiError.clientError(status, "the request could not be processed");
        };
    }

    /** A 500 whose errorId is in the log beside the failure; nothing of the failure itself is shown. */
    static void internal(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended()) return;
        String errorId = UUID.randomUUID().toString();
        LOG.error("internal error {} on {} {}", errorId, ctx.request().method(), ctx.request().path(), failure);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", "internal");
        error.put("message", "an internal error occurred; quote errorId when reporting it");
        error.put("errorId", errorId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        Responses.json(ctx, 500, body);
    }
}
