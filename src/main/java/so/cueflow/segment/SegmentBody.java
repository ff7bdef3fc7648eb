package so.cueflow.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.ApiError;
import so.cueflow.http.Json;

import java.util.Set;

/**
 * Reads and parses a Segment request's JSON body within its limit. Segment's browser SDK labels its
 * JSON text/plain (to avoid a CORS preflight) and RudderStack's Node SDK labels its gzipped JSON
 * application/x-www-form-urlencoded, so those types are read as JSON too; a generic body handler
 * would try to decode the latter as a form.
 */
final class SegmentBody {
    private static final String BODY = "cueflow.segmentBody";
    private static final String BODY_SIZE = "cueflow.segmentBodySize";
    private static final Set<String> MEDIA_TYPES = Set.of("application/json", "text/plain", "application/x-www-form-urlencoded");

    private SegmentBody() {
    }

    static void read(RoutingContext ctx, int limit) {
        HttpServerRequest request = ctx.request();
        if (request.method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        requireMediaType(request.getHeader("Content-Type"));
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) return;
            if (body.length() + chunk.length() > limit) {
                tooLarge[0] = true;
                ctx.fail(ApiError.payloadTooLarge("the body is larger than " + limit / 1024 + " KB, Segment's limit for this endpoint"));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (tooLarge[0]) return;
            try {
                byte[] bytes = body.getBytes();
                byte[] json = Gzip.isGzip(ctx) ? Gzip.inflate(bytes, limit) : bytes;
                ctx.put(BODY, Json.parseObject(json));
                ctx.put(BODY_SIZE, json.length);
            } catch (ApiError error) {
                ctx.fail(error);
                return;
            }
            ctx.next();
        });
        request.exceptionHandler(ctx::fail);
        request.resume();
    }

    private static void requireMediaType(String type) {
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!MEDIA_TYPES.contains(mediaType)) {
            throw ApiError.unsupportedMediaType("send the body with Content-Type: application/json"
                    + (type == null ? "" : " (got \"" + type + "\")"));
        }
    }

    static ObjectNode of(RoutingContext ctx) {
        return ctx.get(BODY);
    }

    static int size(RoutingContext ctx) {
        return ctx.get(BODY_SIZE);
    }
}
