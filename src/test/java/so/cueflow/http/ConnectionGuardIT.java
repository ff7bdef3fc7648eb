package so.cueflow.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard's one periodic sweep runs only while a connection is open: a closed server leaves no timer behind. */
class ConnectionGuardIT {
    private static final HttpLimits LIMITS = new HttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), 100);
    private Vertx vertx;
    private Listener listener;
    private String deployment;

    /** Wired as HttpServer's listener wires it (no h2c, which would not open a connection before 24 bytes), with a router that answers every request. */
    private static final class Listener extends VerticleBase {
        final int port = TestServer.freePort();
        ConnectionGuard guard;

        @Override
        public Future<?> start() {
            guard = new ConnectionGuard(vertx, LIMITS, new AcceptLimit(LIMITS.maxConnections()));
            Router router = Router.router(vertx);
            router.route().handler(guard::answeredWhenDone).handler(ctx -> ctx.response().end("ok"));
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setHttp2ClearTextEnabled(false))
                    .connectionHandler(guard::opened)
                    .requestHandler(request -> {
                        guard.requestArrived(request);
                        router.handle(request);
                    })
                    .listen();
        }

        boolean sweeping() throws Exception {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            context.runOnContext(now -> answer.complete(guard.sweeping()));
            return answer.get(5, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void deploy() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        listener = new Listener();
        deployment = vertx.deployVerticle(listener).await();
    }

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void theSweepStartsWithTheFirstConnectionAndStopsWhenTheLastCloses() throws Exception {
        assertThat(listener.sweeping()).as("no connection yet").isFalse();
        try (RawConnection first = new RawConnection(listener.port); RawConnection second = new RawConnection(listener.port)) {
            assertThat(first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponses(1, 2_000).text()).startsWith("HTTP/1.1 200");
            assertThat(listener.sweeping()).isTrue();
            second.close();
            assertThat(first.readUntilClosed(300).closed()).isFalse();
            assertThat(listener.sweeping()).as("one connection still open").isTrue();
        }
        assertThat(stopsSweepingWithin(2_000)).as("both closed by the client").isTrue();
    }

    @Test
    void aConnectionTheGuardClosesStopsTheSweepToo() throws Exception {
        try (RawConnection slow = new RawConnection(listener.port)) {
            assertThat(slow.send("GET / HTTP/1.1\r\n").readUntilClosed(3_000).closed()).as("closed at the 1 s header timeout").isTrue();
            assertThat(stopsSweepingWithin(1_000)).isTrue();
        }
    }

    @Test
    void undeployingTheListenerWithConnectionsOpenStopsTheSweep() throws Exception {
        try (RawConnection idle = new RawConnection(listener.port)) {
            assertThat(idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").readResponses(1, 2_000).text()).startsWith("HTTP/1.1 200");
            assertThat(listener.sweeping()).isTrue();

            vertx.undeploy(deployment).await();

            assertThat(idle.readUntilClosed(1_000).closed()).as("the server closed its connections").isTrue();
            assertThat(stopsSweepingWithin(1_000)).isTrue();
        }
    }

    private boolean stopsSweepingWithin(long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (listener.sweeping()) {
            if (System.currentTimeMillis() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }
}
