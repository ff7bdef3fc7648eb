package so.cueflow.segment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Calls accepted by type, calls refused, and values left out by the flattening rules, by reason. */
final class SegmentMetrics {
    private final Map<CallType, Counter> accepted = new EnumMap<>(CallType.class);
    private final Map<Flattening.Reason, Counter> dropped = new EnumMap<>(Flattening.Reason.class);
    private final Counter rejected;

    SegmentMetrics(MeterRegistry registry) {
        for (CallType type : CallType.values()) {
            accepted.put(type, Counter.builder("cueflow_segment_calls").description("Segment calls by type and result")
                    .tag("type", type.wireName()).tag("result", "accepted").register(registry));
        }
        for (Flattening.Reason reason : Flattening.Reason.values()) {
            dropped.put(reason, Counter.builder("cueflow_segment_values_dropped")
                    .description("property and trait values left out by the flattening rules, by reason")
                    .tag("reason", reason.wireName()).register(registry));
        }
        rejected = Counter.builder("cueflow_segment_calls").description("Segment calls by type and result")
                .tag("type", "any").tag("result", "rejected").register(registry);
    }

    void accepted(List<SegmentCall> calls, List<Flattening.Dropped> values) {
        calls.forEach(call -> accepted.get(call.type()).increment());
        values.forEach(value -> dropped.get(value.reason()).increment());
    }

    void rejected(int calls) {
        rejected.increment(calls);
    }
}
