package so.cueflow.events;

import so.cueflow.http.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An opaque page cursor: the position (occurredAt, id) of the last event already returned. */
record TimelineCursor(long occurredAt, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static TimelineCursor decode(String cursor) {
        if (cursor == null) return null;
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return new TimelineCursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ApiError.invalid("cursor", "is not a cursor returned by this endpoint");
        }
    }
}
