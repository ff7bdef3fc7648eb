package so.cueflow.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A response body already written as JSON, sent as it is. */
public record JsonBytes(byte[] bytes) {
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);

    /** The start of {@code {"success":true,"<name>":[...]}}, written once for every list of that name. */
    public record ListHead(byte[] bytes) {
        public static ListHead of(String name) {
            return new ListHead(("{\"success\":true," + Json.writeString(name) + ":[").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code {"success":true,"<name>":[...]}} from elements already written as JSON, copied once into an exact array. */
    public static JsonBytes successList(ListHead listHead, List<byte[]> elements) {
        byte[] head = listHead.bytes();
        int size = head.length + Math.max(0, elements.size() - 1) + TAIL.length;
        for (byte[] element : elements) size += element.length;
        byte[] bytes = new byte[size];
        System.arraycopy(head, 0, bytes, 0, head.length);
        int at = head.length;
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) bytes[at++] = ',';
            byte[] element = elements.get(i);
            System.arraycopy(element, 0, bytes, at, element.length);
            at += element.length;
        }
        System.arraycopy(TAIL, 0, bytes, at, TAIL.length);
        return new JsonBytes(bytes);
    }
}
