package so.cueflow.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain TCP connection to the server, for what no HTTP client will send: bad framing, slow headers. */
final class RawConnection implements AutoCloseable {
    private final Socket socket = new Socket();

    RawConnection(int port) {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RawConnection send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sends until it closes the connection, or until {@code waitMillis} pass. */
    Received readUntilClosed(int waitMillis) {
        return readUntil(received -> false, waitMillis);
    }

    /** Reads until {@code count} whole responses (each framed by Content-Length) have arrived, or {@code waitMillis} pass. */
    Received readResponses(int count, int waitMillis) {
        return readUntil(received -> wholeResponses(received) >= count, waitMillis);
    }

    /** Reads until what arrived is {@code enough}, the server closes the connection, or {@code waitMillis} pass. */
    private Received readUntil(java.util.function.Predicate<String> enough, int waitMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + waitMillis;
        try {
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            while (!enough.test(bytes.toString(StandardCharsets.ISO_8859_1)) && System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                int read;
                try {
                    read = in.read(chunk);
                } catch (SocketTimeoutException stillOpen) {
                    break;
                }
                if (read < 0) return new Received(bytes.toString(StandardCharsets.ISO_8859_1), true);
                bytes.write(chunk, 0, read);
            }
        } catch (IOException reset) {
            return new Received(bytes.toString(StandardCharsets.ISO_8859_1), true);
        }
        return new Received(bytes.toString(StandardCharsets.ISO_8859_1), false);
    }

    private static int wholeResponses(String all) {
        int responses = 0;
        int at = 0;
        while (true) {
            int headersEnd = all.indexOf("\r\n\r\n", at);
            if (headersEnd < 0) return responses;
            int bodyLength = contentLength(all.substring(at, headersEnd));
            int end = headersEnd + 4 + bodyLength;
            if (end > all.length()) return responses;
            responses++;
            at = end;
        }
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Received(String text, boolean closed) {
        int responses() {
            return text.split("HTTP/1\\.1 ", -1).length - 1;
        }
    }
}
