package so.cueflow.events;

import so.cueflow.http.ApiError;

/** What happened to one submitted event. */
public sealed interface Outcome {
    record Stored(Event event) implements Outcome {
    }

    /** The eventId was seen before: the original event, counted once. */
    record Duplicate(Event original) implements Outcome {
    }

    record Rejected(ApiError error) implements Outcome {
    }
}
