import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load at a fixed rate: GET /api/v1/contacts/user-{random}/messages?url={random page}, one request due every
 * 1/RATE seconds whatever the answers so far, each timed from when it was due (not from when a connection was free
 * to send it), so a stall of the server shows in the latencies instead of slowing the load down. This is what
 * "p99 at 10,000 req/s" means; wrk's closed loop (bench/eligibility.sh) measures the saturated rate instead, where
 * latency is the number of connections divided by the rate.
 *
 *   java -cp target/cueflow.jar bench/OpenLoad.java URL RATE SECONDS CONNECTIONS CONTACTS [WARMUP_SECONDS]
 *
 * Needs CUEFLOW_API_KEY. The first WARMUP_SECONDS (default 5) run at the same rate but are not counted (this
 * client's own code is still being compiled then). Prints one line: key=value pairs (sent, ok, errors, achieved
 * rate, latency percentiles in ms), all over the counted SECONDS. Runs on one event loop so that it takes as
 * little of the machine as it can.
 */
public final class OpenLoad {
    private static final String[] PAGES = {
            "%2Fsettings", "%2Fsettings%2Fbilling", "%2Fhome", "%2Freports%2Fweekly", "%2Fbilling", "%2Fprojects%2F42",
            "https%3A%2F%2Fapp.example.com%2Fsettings%2Fteam%3Ftab%3Dmembers",
            "https%3A%2F%2Fapp.example.com%2Freports%2Fmonthly%3Fy%3D2026%26m%3D11",
            "https%3A%2F%2Fapp.example.com%2Fhome",
    };

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: OpenLoad URL RATE SECONDS CONNECTIONS CONTACTS [WARMUP_SECONDS]");
            System.exit(2);
        }
        java.net.URI url = java.net.URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int contacts = Integer.parseInt(args[4]);
        int warmup = args.length == 6 ? Integer.parseInt(args[5]) : 5;
        String key = System.getenv("CUEFLOW_API_KEY");
        if (key == null || key.isBlank()) throw new IllegalStateException("CUEFLOW_API_KEY is not set");

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        long uncounted = (long) (rate * warmup);
        long total = uncounted + (long) (rate * seconds);
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long[] sent = {0};
        long[] answered = {0};
        long start = System.nanoTime();
        long[] countedFrom = {0};
        vertx.setPeriodic(1, timer -> {
            long due = Math.min(total, (long) ((System.nanoTime() - start) * rate / 1e9));
            for (; sent[0] < due; sent[0]++) {
                long intended = start + (long) (sent[0] * 1e9 / rate);
                boolean counted = sent[0] >= uncounted;
                if (sent[0] == uncounted) countedFrom[0] = intended;
                String uri = "/api/v1/contacts/user-" + ThreadLocalRandom.current().nextInt(contacts) + "/messages?url="
                        + PAGES[ThreadLocalRandom.current().nextInt(PAGES.length)];
                RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost())
                        .setPort(url.getPort()).setURI(uri).putHeader("Authorization", "Bearer " + key);
                client.request(request).compose(r -> r.send()).compose(response -> response.body().map(response.statusCode()))
                        .onComplete(result -> {
                            if (++answered[0] == total) done.countDown();
                            if (!counted) return;
                            latencies.recordValue(Math.max(0, (System.nanoTime() - intended) / 1_000));
                            if (result.succeeded() && result.result() == 200) ok.incrementAndGet();
                            else errors.incrementAndGet();
                        });
            }
            if (sent[0] == total) vertx.cancelTimer(timer);
        });
        boolean finished = done.await(warmup + seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - countedFrom[0]) / 1e9;
        long counted = ok.get() + errors.get();
        System.out.printf("sent=%d ok=%d errors=%d unanswered=%d achieved_rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f"
                        + " p999_ms=%.3f max_ms=%.3f%n", total - uncounted, ok.get(), errors.get(), finished ? 0 : total - answered[0],
                counted / elapsed, ms(latencies, 50), ms(latencies, 90), ms(latencies, 99), ms(latencies, 99.9),
                latencies.getMaxValue() / 1000.0);
        vertx.close().await();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
