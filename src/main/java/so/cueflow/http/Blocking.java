package so.cueflow.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** How route handlers run JDBC work: off the event loop (on a worker, or a batched read's own thread), then respond on it. */
public final class Blocking {
    private Blocking() {
    }

    public static <T> void respond(RoutingContext ctx, int status, Callable<T> work) {
        ctx.vertx().executeBlocking(work, false)
                .onSuccess(body -> answer(ctx, () -> Responses.json(ctx, status, body)))
                .onFailure(ctx::fail);
    }

    /**
     * For work that completes on a thread of its own (such as a batched read's): answered on the request's event loop,
     * a failure as if the work had thrown it.
     */
    public static <T> void respondLater(RoutingContext ctx, int status, CompletionStage<T> work) {
        Context context = Vertx.currentContext();
        work.whenComplete((body, failure) -> context.runOnContext(ignored -> {
            if (failure == null) answer(ctx, () -> Responses.json(ctx, status, body));
            else ctx.fail(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
        }));
    }

    /** Runs tasks as {@link #respond} runs work: on Vert.x's worker threads. */
    public static Executor executor(Vertx vertx) {
        return task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
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
