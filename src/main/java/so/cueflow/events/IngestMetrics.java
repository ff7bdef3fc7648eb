package so.cueflow.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** What happened to submitted events, and how the writer is doing. */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final DistributionSummary batchSize;
    private final Timer commit;
    private final Timer sync;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("cueflow.events.accepted").description("events stored").register(registry);
        this.duplicates = Counter.builder("cueflow.events.duplicates").description("repeated eventIds, counted once").register(registry);
        this.batchSize = DistributionSummary.builder("cueflow.ingest.batch.size").description("events per commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.commit = Timer.builder("cueflow.ingest.commit").description("time to write and commit one batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.sync = Timer.builder("cueflow.ingest.sync").description("time to fsync the log for the commits waiting")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void synced(int commits, long nanos) {
        sync.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void queueDepth(Supplier<Number> depth) {
        registry.gauge("cueflow.ingest.queue.depth", depth, supplier -> supplier.get().doubleValue());
    }

    public void rejected(String reason, int count) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("cueflow.events.rejected").tag("reason", r)
                .description("events refused, by reason").register(registry)).increment(count);
    }

    void committed(List<Outcome> outcomes, long nanos) {
        batchSize.record(outcomes.size());
        commit.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Stored) accepted.increment();
            else if (outcome instanceof Outcome.Duplicate) duplicates.increment();
            else rejected(((Outcome.Rejected) outcome).error().code(), 1);
        }
    }
}
