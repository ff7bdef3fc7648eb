package so.cueflow.segment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/** Calls accepted by type, calls refused, and values left out by the flattening rules, by reason. */
final class SegmentMetrics {
    private final MeterRegistry registry;

    SegmentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(List<SegmentCall> calls, List<Flattening.Dropped> dropped) {
        for (SegmentCall call : calls) {
            Counter.builder("cueflow_segment_calls").tag("type", call.type().wireName()).tag("result", "accepted")
                    .register(registry).increment();
        }
        for (Flattening.Dropped value : dropped) {
            Counter.builder("cueflow_segment_values_dropped").tag("reason", value.reason().wireName())
                    .register(registry).increment();
        }
    }

    void rejected(int calls) {
        Counter.builder("cueflow_segment_calls").tag("type", "any").tag("result", "rejected").register(registry).increment(calls);
    }
}
