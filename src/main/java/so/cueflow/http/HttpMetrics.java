package so.cueflow.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** HTTP latency by route template and status, and the Prometheus scrape endpoint. */
public final class HttpMetrics {
    private final PrometheusMeterRegistry registry;
    /** Looked up here rather than built and registered per request: the registry's own lookup compares tag lists. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String method, String route, int status) {
    }

    public HttpMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void time(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(done -> {
            Route route = ctx.currentRoute();
            String template = route == null || route.getPath() == null ? "other" : route.getPath();
            TimerKey key = new TimerKey(ctx.request().method().name(), template, ctx.response().getStatusCode());
            timers.computeIfAbsent(key, this::register).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        });
        ctx.next();
    }

    private Timer register(TimerKey key) {
        return Timer.builder("cueflow.http.requests")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .register(registry);
    }

    public void scrape(RoutingContext ctx) {
        io.vertx.core.buffer.Buffer text = io.vertx.core.buffer.Buffer.buffer(registry.scrape());
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(text.length())).end(text);
    }
}
