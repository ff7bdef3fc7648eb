package so.cueflow.targeting;

/** The rollup of one contact's events of one key: how many, the earliest and the latest occurredAt (epoch millis). */
public record KeyStats(long count, long firstAt, long lastAt) {

    public KeyStats {
        if (count < 1 || firstAt > lastAt) {
            throw new IllegalArgumentException("not a rollup: count " + count + ", first " + firstAt + ", last " + lastAt);
        }
    }

    public static KeyStats of(long occurredAt) {
        return new KeyStats(1, occurredAt, occurredAt);
    }

    /** The rollup of both sets of events, whatever order they arrived in. */
    public KeyStats combinedWith(KeyStats other) {
        return new KeyStats(count + other.count, Math.min(firstAt, other.firstAt), Math.max(lastAt, other.lastAt));
    }
}
