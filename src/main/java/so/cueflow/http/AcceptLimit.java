package so.cueflow.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the connections open and stops accepting at the cap, so that the process never runs out of
 * file descriptors; {@link ConnectionGuard} meanwhile closes the connections that have waited longest
 * without a request, which makes room. New connections wait in the kernel's backlog, costing no
 * descriptor. It sits first in the listening channel's pipeline, which Vert.x does not expose: it is
 * added there when the first connection arrives. Accepting is switched on and off only on the
 * listener's event loop, so that a close on another loop cannot switch it on after the cap was reached.
 * The count is exact with epoll, which frees a closed socket's descriptor at once; Java NIO frees it
 * only on that event loop's next poll, and the failed-accept rule below absorbs the difference.
 */
@ChannelHandler.Sharable
final class AcceptLimit extends ChannelInboundHandlerAdapter {
    private static final String NAME = "cueflow-accept-limit";
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("cueflow-counted");
    /** After a failed accept; Netty's own pause (which this replaces) is a whole second. */
    private static final long RETRY_MILLIS = 50;
    private static final ThrottledLog LOG = new ThrottledLog(LoggerFactory.getLogger(AcceptLimit.class), Clock.systemUTC(), 10_000);
    private final AtomicInteger open = new AtomicInteger();
    /** The cap is never lowered below this: repeated failures must not shrink it to nothing. */
    private final int floor;
    /** One per event loop's {@link ConnectionGuard}: closes its longest-waiting connections when over the cap. */
    private final List<Runnable> evictors = new CopyOnWriteArrayList<>();
    /** Lowered if an accept fails for want of descriptors: something else holds more than the reserve. */
    private volatile int max;

    AcceptLimit(int max) {
        this.max = max;
        this.floor = Math.max(1, max / 2);
    }

    int open() {
        return open.get();
    }

    int max() {
        return max;
    }

    /** Above this many open, each new connection closes the longest-waiting ones, leaving room below the cap. */
    int evictAbove() {
        int cap = max;
        return cap - Math.max(1, cap / 8);
    }

    void addEvictor(Runnable evictor) {
        evictors.add(evictor);
    }

    /** Called for every new connection, on its own event loop. */
    void watch(Channel connection) {
        Channel listener = connection.parent();
        if (listener == null) return;
        synchronized (this) {
            if (listener.pipeline().get(NAME) == null) listener.pipeline().addFirst(NAME, this);
        }
        if (connection.attr(COUNTED).setIfAbsent(true) == null) counted(listener, connection);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Channel connection && connection.attr(COUNTED).setIfAbsent(true) == null) {
            counted(ctx.channel(), connection);
        }
        ctx.fireChannelRead(message);
    }

    /**
     * An accept that failed (the process is out of descriptors): stop accepting briefly, lower the cap
     * below what is open now so that the guards close the longest-waiting connections, and retry soon.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        int openNow = open.get();
        max = Math.max(floor, Math.min(max, openNow - Math.max(1, openNow / 8)));
        LOG.info("could not accept a connection ({}) with {} open: the connection cap is now {}", cause.getMessage(), openNow, max);
        Channel listener = ctx.channel();
        listener.config().setAutoRead(false);
        evictors.forEach(Runnable::run);
        listener.eventLoop().schedule(() -> resumeIfBelowCap(listener), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void counted(Channel listener, Channel connection) {
        if (open.incrementAndGet() >= max) pause(listener);
        connection.closeFuture().addListener(closed -> {
            if (open.decrementAndGet() < max) listener.eventLoop().execute(() -> resumeIfBelowCap(listener));
        });
    }

    private void pause(Channel listener) {
        if (listener.eventLoop().inEventLoop()) {
            listener.config().setAutoRead(false);
        } else {
            listener.eventLoop().execute(() -> {
                if (open.get() >= max) listener.config().setAutoRead(false);
            });
        }
    }

    private void resumeIfBelowCap(Channel listener) {
        if (open.get() < max && !listener.config().isAutoRead()) listener.config().setAutoRead(true);
    }
}
