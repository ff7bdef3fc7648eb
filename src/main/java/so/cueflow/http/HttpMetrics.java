package so.cueflow.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/** HTTP latency by route template and status, and the Prometheus scrape endpoint. */
public final class HttpMetrics {
    private final PrometheusMeterRegistry registry;

    public HttpMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void time(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(done -> {
            Route route = ctx.currentRoute();
            String template = route == null || route.getPath() == null ? "other" : route.getPath();
            Timer.builder("cueflow.http.requests")
                    .tag("method", ctx.request().method().name())
                    .tag("route", template)
                    .tag("status", Integer.toString(ctx.response().getStatusCode()))
                    .register(registry)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    public void scrape(RoutingContext ctx) {
        io.vertx.core.buffer.Buffer text = io.vertx.core.buffer.Buffer.buffer(registry.scrape());
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(text.length())).end(text);
    }
}
