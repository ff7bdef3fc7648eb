package so.cueflow.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Streams a {@link Reply.Download} from the worker thread in 64 KiB chunks, waiting whenever the
 * connection's write queue is full, so an export of any size holds only a chunk or two in memory.
 */
final class Downloads {
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);
    private static final int CHUNK = 64 * 1024;

    private Downloads() {
    }

    /** Returns null: the response has been sent (or the connection reset after a failure half-way). */
    static <T> T stream(RoutingContext ctx, Reply.Download download, List<Cookie> cookies) {
        HttpServerResponse response = ctx.response();
        PageRunner.securityHeaders(response);
        cookies.forEach(response::addCookie);
        response.setChunked(true)
                .putHeader("Content-Type", download.contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + download.filename() + "\"");
        try (OutputStream out = new ResponseStream(response)) {
            download.body().write(out);
        } catch (Exception e) {
            LOG.warn("download {} stopped half-way on {}", download.filename(), ctx.request().path(), e);
            response.reset();
            return null;
        }
        response.end();
        return null;
    }

    private static final class ResponseStream extends OutputStream {
        private final HttpServerResponse response;
        private final byte[] buffer = new byte[CHUNK];
        private int used;

        ResponseStream(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) flush();
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (used == buffer.length) flush();
                int n = Math.min(length, buffer.length - used);
                System.arraycopy(bytes, offset, buffer, used, n);
                used += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            if (used == 0) return;
            waitForRoom();
            response.write(Buffer.buffer(used).appendBytes(buffer, 0, used));
            used = 0;
        }

        private void waitForRoom() throws IOException {
            while (response.writeQueueFull()) {
                if (response.closed()) throw new IOException("the browser closed the connection");
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (response.closed()) throw new IOException("the browser closed the connection");
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
