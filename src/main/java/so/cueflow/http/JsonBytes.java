package so.cueflow.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A response body already written as JSON, sent as it is. */
public record JsonBytes(byte[] bytes) {

    /** {@code {"success":true,"<name>":[...]}} from elements already written as JSON. */
    public static JsonBytes successList(String name, List<byte[]> elements) {
        int size = 32 + name.length();
        for (byte[] element : elements) size += element.length + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(("{\"success\":true," + Json.writeString(name) + ":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) out.write(',');
            out.writeBytes(elements.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return new JsonBytes(out.toByteArray());
    }
}
