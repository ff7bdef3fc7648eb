package so.cueflow.embed;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** {@code GET /embed.js}: the script from the classpath, with a content ETag so browsers revalidate cheaply. */
final class EmbedScript {
    static final String RESOURCE = "/web/embed.js";
    /** Short, so a new version reaches every page within minutes; the ETag makes the revalidation a 304. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final Buffer body;
    private final String etag;

    EmbedScript() {
        byte[] bytes = load();
        this.body = Buffer.buffer(bytes);
        this.etag = "\"" + HexFormat.of().formatHex(Arrays.copyOf(sha256(bytes), 16)) + "\"";
    }

    void serve(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .putHeader("X-Content-Type-Options", "nosniff");
        String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        // Set here, not left to Vert.x, so that a HEAD answer carries it too.
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end(body);
    }

    private boolean matches(String ifNoneMatch) {
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(etag) || trimmed.equals("W/" + etag)) return true;
        }
        return false;
    }

    private static byte[] load() {
        try (InputStream in = EmbedScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
