package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.KeyMaterial;
import so.cueflow.http.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The key a Segment SDK presents: HTTP Basic with the key as the user name and an empty password
 * (what every Segment and RudderStack SDK sends), or {@code Authorization: Bearer}, or the
 * {@code writeKey} field of the body.
 */
final class SegmentKeys {
    private SegmentKeys() {
    }

    static String presented(RoutingContext ctx) {
        String key = found(ctx);
        if (!KeyMaterial.wellFormed(key)) {
            throw ApiError.unauthorized("malformed key: expected sk_ followed by letters and digits");
        }
        return key;
    }

    private static String found(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) return basicUser(header.substring(6).trim());
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) return header.substring(7).trim();
        JsonNode body = SegmentRoutes.body(ctx);
        JsonNode writeKey = body == null ? null : body.get("writeKey");
        if (writeKey != null && writeKey.isTextual() && !writeKey.textValue().isEmpty()) return writeKey.textValue();
        throw ApiError.unauthorized("missing key: send your secret key as the HTTP Basic user name"
                + " (what Segment's SDKs do with their write key), as \"Authorization: Bearer sk_...\", or as writeKey in the body");
    }

    private static String basicUser(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            throw ApiError.unauthorized("malformed Authorization header: Basic credentials are not base64");
        }
    }
}
