package so.cueflow.targeting;

import java.util.Arrays;

/**
 * One contact's facts for a {@link CompiledTargetings}: per fact, the count, first and last of its rollup, or the sorted
 * times of the raw events it holds (of which windows count the tail). Immutable once built; {@code eventCount} is the
 * contact's stored event count the activity was read at.
 */
public final class ContactFacts {
    private static final long[] NONE = new long[0];

    private final long eventCount;
    private final long[] counts;
    private final long[] firsts;
    private final long[] lasts;
    private final long[][] times;

    ContactFacts(long eventCount, int size) {
        this.eventCount = eventCount;
        this.counts = new long[size];
        this.firsts = new long[size];
        this.lasts = new long[size];
        this.times = new long[size][];
    }

    public long eventCount() {
        return eventCount;
    }

    void setRollup(int fact, KeyStats stats) {
        counts[fact] = stats.count();
        firsts[fact] = stats.firstAt();
        lasts[fact] = stats.lastAt();
    }

    void setTimes(int fact, long[] sorted) {
        times[fact] = sorted.length == 0 ? NONE : sorted;
        counts[fact] = sorted.length;
        if (sorted.length > 0) {
            firsts[fact] = sorted[0];
            lasts[fact] = sorted[sorted.length - 1];
        }
    }

    long count(int fact) {
        return counts[fact];
    }

    long firstAt(int fact) {
        return firsts[fact];
    }

    long lastAt(int fact) {
        return lasts[fact];
    }

    /** How many of the fact's events are at or after {@code start}; only for facts read from raw events. */
    long countFrom(int fact, long start) {
        long[] sorted = times[fact];
        if (sorted == null) throw new IllegalStateException("fact " + fact + " holds a rollup, not times");
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < start) low = mid + 1;
            else high = mid;
        }
        return sorted.length - low;
    }

    @Override
    public String toString() {
        return "ContactFacts[eventCount=" + eventCount + ", counts=" + Arrays.toString(counts) + "]";
    }
}
