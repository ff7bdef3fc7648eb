package so.cueflow.http;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response body already written as JSON, sent as it is: written straight into the buffer the response sends (the
 * eligibility answer, ~12 KB per page view, was built as an array and then copied into one — half the bytes that
 * request allocated).
 */
public record JsonBytes(Buffer buffer) {
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);

    /** The start of {@code {"success":true,"<name>":[...]}}, written once for every list of that name. */
    public record ListHead(byte[] bytes) {
        public static ListHead of(String name) {
            return new ListHead(("{\"success\":true," + Json.writeString(name) + ":[").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code {"success":true,"<name>":[...]}} from elements already written as JSON, copied once into an exact buffer. */
    public static JsonBytes successList(ListHead listHead, List<byte[]> elements) {
        byte[] head = listHead.bytes();
        int size = head.length + Math.max(0, elements.size() - 1) + TAIL.length;
        for (byte[] element : elements) size += element.length;
        Buffer buffer = Buffer.buffer(size).appendBytes(head);
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) buffer.appendByte((byte) ',');
            buffer.appendBytes(elements.get(i));
        }
        return new JsonBytes(buffer.appendBytes(TAIL));
    }
}
