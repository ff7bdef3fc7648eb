package so.cueflow.segment;

import so.cueflow.http.Fields;

/**
 * Segment's clock-skew correction: a device's clock may be off, but the difference between when it
 * says it sent the call ({@code sentAt}) and when Cueflow received it is the skew, so the event
 * happened at {@code timestamp + (receivedAt - sentAt)}. {@code originalTimestamp} stands in for a
 * missing {@code timestamp}; without either the event happened when it was received; without a
 * {@code sentAt} (on the call or its batch) the timestamp is taken as it is.
 */
final class SegmentTime {
    private SegmentTime() {
    }

    static long occurredAt(Fields fields, long receivedAt, Long batchSentAt) {
        Long timestamp = fields.optionalTimestamp("timestamp");
        Long original = fields.optionalTimestamp("originalTimestamp");
        Long sentAt = fields.optionalTimestamp("sentAt");
        return corrected(timestamp != null ? timestamp : original, sentAt != null ? sentAt : batchSentAt, receivedAt);
    }

    static long corrected(Long timestamp, Long sentAt, long receivedAt) {
        if (timestamp == null) return receivedAt;
        if (sentAt == null) return timestamp;
        return timestamp + (receivedAt - sentAt);
    }
}
