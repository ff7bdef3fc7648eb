package so.cueflow.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The dashboard's stylesheet and scripts, ours and the webjars', held in memory and served under
 * {@code /assets/HASH/NAME}: a changed file gets a new URL, so every response may be cached for a year.
 */
public final class Assets {
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private record Asset(String path, String contentType, Buffer body) {
    }

    private final Map<String, Asset> byName = new HashMap<>();
    private final Map<String, Asset> byPath = new HashMap<>();

    public Assets() {
        add("dashboard.css", "web/dashboard/dashboard.css");
        add("dashboard.js", "web/dashboard/dashboard.js");
        add("messages.css", "web/dashboard/messages.css");
        add("editor.js", "web/dashboard/editor.js");
        add("data.css", "web/dashboard/data.css");
        add("data.js", "web/dashboard/data.js");
        add("htmx.min.js", WEBJARS + "htmx.org/2.0.4/dist/htmx.min.js");
        add("uPlot.min.js", WEBJARS + "uplot/1.6.30/dist/uPlot.iife.min.js");
        add("uPlot.min.css", WEBJARS + "uplot/1.6.30/dist/uPlot.min.css");
    }

    /** The URL of a named asset, e.g. {@code url("htmx.min.js")}. */
    public String url(String name) {
        Asset asset = byName.get(name);
        if (asset == null) throw new IllegalArgumentException("no asset named " + name);
        return asset.path();
    }

    void mount(Router router) {
        router.get("/assets/*").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Asset asset = byPath.get(ctx.request().path());
        if (asset == null) {
            ctx.next();
            return;
        }
        ctx.response()
                .putHeader("Content-Type", asset.contentType())
                .putHeader("Cache-Control", CACHE_FOREVER)
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(asset.body());
    }

    private void add(String name, String resource) {
        byte[] bytes = read(resource);
        String hash = Secrets.hash(HexFormat.of().formatHex(bytes)).substring(0, 12);
        String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        Asset asset = new Asset("/assets/" + hash + "/" + name, type, Buffer.buffer(bytes));
        byName.put(name, asset);
        byPath.put(asset.path(), asset);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
