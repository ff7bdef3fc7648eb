package so.cueflow.messages;

/**
 * When an audience is counted: {@code now}, and {@code eventsKeptFrom}, the instant from which the workspace's raw
 * events are all kept (the retention purge deleted none at or after it; {@code Long.MIN_VALUE} when it never deleted
 * any), which decides where a window may be answered from the activity rollups.
 */
record AsOf(long now, long eventsKeptFrom) {

    /** A workspace none of whose raw events was ever purged. */
    static AsOf allKept(long now) {
        return new AsOf(now, Long.MIN_VALUE);
    }
}
