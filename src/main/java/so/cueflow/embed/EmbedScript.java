package so.cueflow.embed;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /embed.js}: the readable source from the classpath, minified and gzipped once at
 * start-up, sent gzipped to browsers that accept it, with an ETag per encoding so revalidation is a 304.
 */
final class EmbedScript {
    static final String RESOURCE = "/web/embed.js";
    /** Short, so a new version reaches every page within minutes; the ETag makes the revalidation a 304. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final Buffer plain;
    private final Buffer gzipped;
    private final String plainTag;
    private final String gzipTag;

    EmbedScript() {
        byte[] minified = ScriptMinifier.minify(new String(load(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = gzip(minified);
        this.plain = Buffer.buffer(minified);
        this.gzipped = Buffer.buffer(compressed);
        String hash = HexFormat.of().formatHex(Arrays.copyOf(sha256(minified), 16));
        this.plainTag = "\"" + hash + "\"";
        this.gzipTag = "\"" + hash + "-gzip\"";
    }

    void serve(RoutingContext ctx) {
        boolean gzip = acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? gzipTag : plainTag;
        ctx.response().putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .putHeader(HttpHeaders.VARY, "Accept-Encoding")
                .putHeader("X-Content-Type-Options", "nosniff");
        String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        Buffer body = gzip ? gzipped : plain;
        if (gzip) ctx.response().putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        // Set here, not left to Vert.x, so that a HEAD answer carries it too.
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end(body);
    }

    /** gzip unless the header leaves it out or refuses it with q=0. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim();
            if (!coding.equals("gzip") && !coding.equals("*")) continue;
            boolean refused = pieces.length > 1 && pieces[1].replace(" ", "").matches("q=0(\\.0*)?");
            return !refused;
        }
        return false;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(etag) || trimmed.equals("W/" + etag)) return true;
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
