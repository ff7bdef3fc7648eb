package so.cueflow.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request when {@code --access-log} is on: method, path, status, bytes sent and
 * milliseconds. Never the query string: {@code ?key=pk_…} and {@code userHash} travel there.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("so.cueflow.access");

    private AccessLog() {
    }

    /** Mounted before every other handler, so requests refused by authentication are logged too. */
    public static void mount(Router router) {
        router.route().order(-1).handler(AccessLog::handle);
    }

    private static void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addBodyEndHandler(ignored -> LOG.info("{} {} {} {}B {}ms", ctx.request().method(), ctx.request().path(),
                ctx.response().getStatusCode(), ctx.response().bytesWritten(), (System.nanoTime() - started) / 1_000_000));
        ctx.next();
    }
}
