package so.cueflow.http;

import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.Callable;

/** The one way route handlers run JDBC work: off the event loop, then respond on it. */
public final class Blocking {
    private Blocking() {
    }

    public static <T> void respond(RoutingContext ctx, int status, Callable<T> work) {
        ctx.vertx().executeBlocking(work, false)
                .onSuccess(body -> answer(ctx, () -> Responses.json(ctx, status, body)))
                .onFailure(ctx::fail);
    }

    /** For work whose result decides the status: it returns a {@link Reply}. */
    public static void reply(RoutingContext ctx, Callable<Reply> work) {
        ctx.vertx().executeBlocking(work, false)
                .onSuccess(reply -> answer(ctx, () -> Responses.json(ctx, reply.status(), reply.body())))
                .onFailure(ctx::fail);
    }

    /** Whatever fails while answering still answers: the failure handler sends a 500 with an errorId. */
    private static void answer(RoutingContext ctx, Runnable respond) {
        try {
            respond.run();
        } catch (RuntimeException e) {
            if (!ctx.response().ended()) ctx.fail(e);
        }
    }

    public record Reply(int status, Object body) {
    }
}
