package so.cueflow.segment;

import io.vertx.ext.web.RoutingContext;
import so.cueflow.http.ApiError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies sent with {@code Content-Encoding: gzip}, as RudderStack's and Segment's Java SDKs
 * send them. The size limits apply to the inflated body, so a small compressed body cannot expand
 * past them.
 */
final class Gzip {
    private Gzip() {
    }

    static boolean isGzip(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Content-Encoding");
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    }

    static byte[] inflate(byte[] compressed, int limit) {
        if (compressed == null || compressed.length == 0) return compressed;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] inflated = in.readNBytes(limit + 1);
            if (inflated.length > limit) {
                throw ApiError.payloadTooLarge("the inflated body is larger than " + limit / 1024 + " KB");
            }
            return inflated;
        } catch (IOException e) {
            throw ApiError.invalid("body", "Content-Encoding is gzip but the body is not valid gzip data");
        }
    }
}
