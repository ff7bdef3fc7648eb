package so.cueflow.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts connections as they are accepted and stops accepting at the cap, so that the process never
 * runs out of file descriptors: Netty answers a failed accept ("Too many open files") by pausing
 * every accept for a second, which would starve normal clients. New connections wait in the
 * kernel's backlog meanwhile, costing no descriptor. It sits in the listening channel's pipeline,
 * which Vert.x does not expose; it is added there when the first connection arrives.
 */
@ChannelHandler.Sharable
final class AcceptLimit extends ChannelInboundHandlerAdapter {
    private static final String NAME = "cueflow-accept-limit";
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    AcceptLimit(int max) {
        this.max = max;
    }

    int open() {
        return open.get();
    }

    int max() {
        return max;
    }

    void watch(Channel connection) {
        Channel listener = connection.parent();
        if (listener == null) return;
        synchronized (this) {
            if (listener.pipeline().get(NAME) == null) {
                listener.pipeline().addFirst(NAME, this);
                counted(listener, connection);
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Channel connection) counted(ctx.channel(), connection);
        ctx.fireChannelRead(message);
    }

    private void counted(Channel listener, Channel connection) {
        if (open.incrementAndGet() >= max) listener.config().setAutoRead(false);
        connection.closeFuture().addListener(closed -> {
            if (open.decrementAndGet() < max) listener.config().setAutoRead(true);
        });
    }
}
