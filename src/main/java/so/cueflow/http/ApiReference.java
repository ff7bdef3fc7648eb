package so.cueflow.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API's own description: {@code GET /openapi.json} (OpenAPI 3.1, the one source, kept in
 * resources and held to the router by a test) and {@code GET /docs}, Swagger UI from its webjar in
 * this jar: no CDN, no inline script, so it works offline and under a strict Content-Security-Policy.
 */
public final class ApiReference {
    public static final String OPENAPI_RESOURCE = "/openapi.json";
    private static final String DOCS_PAGE = "/web/docs/index.html";
    private static final String DOCS_SCRIPT = "/web/docs/start.js";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private final Buffer openApi = Buffer.buffer(resource(OPENAPI_RESOURCE));
    private final Buffer page = Buffer.buffer(resource(DOCS_PAGE));
    private final Buffer script = Buffer.buffer(resource(DOCS_SCRIPT));
    private final String swaggerUiFolder = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion();

    public void mount(Router router) {
        router.get("/openapi.json").handler(ctx -> send(ctx, openApi, "application/json"));
        router.get("/docs").handler(ctx -> send(ctx, page, "text/html; charset=utf-8"));
        router.get("/docs/start.js").handler(ctx -> send(ctx, script, "text/javascript; charset=utf-8"));
        router.get("/docs/assets/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CSP);
            ctx.next();
        }).handler(StaticHandler.create(swaggerUiFolder).setCachingEnabled(true).setDirectoryListing(false));
    }

    private static void send(RoutingContext ctx, Buffer body, String type) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(body);
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiReference.class.getResourceAsStream("/cueflow.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("swaggerUi", "unknown");
    }

    static byte[] resource(String name) {
        try (InputStream in = ApiReference.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
