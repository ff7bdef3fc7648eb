package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validated Segment call. {@code subject} is the externalId it belongs to before aliases are
 * applied: the userId, or {@link #anonymousExternalId} of the anonymousId when there is no userId.
 * {@code occurredAt} is already corrected for the sender's clock skew.
 */
record SegmentCall(CallType type, String path, String userId, String anonymousId, String event, String name,
                   JsonNode properties, JsonNode traits, JsonNode context, String groupId, String previousId,
                   String messageId, long occurredAt) {
    static final String ANONYMOUS_PREFIX = "anonymous:";

    String subject() {
        return userId != null ? userId : anonymousExternalId(anonymousId);
    }

    boolean anonymousOnly() {
        return userId == null;
    }

    static String anonymousExternalId(String anonymousId) {
        return ANONYMOUS_PREFIX + anonymousId;
    }
}
