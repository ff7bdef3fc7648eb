package so.cueflow.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

import java.util.List;

/**
 * Vert.x's HTTP/1 request decoder with the framing rule of RFC 9112 §6.1: a request with both
 * Content-Length and Transfer-Encoding, or with any Transfer-Encoding but exactly "chunked", is an
 * error, and nothing after it on the connection is read (Netty would frame it by the chunked body
 * and serve the bytes after it as a second request: request smuggling). Vert.x offers no option for
 * this, so each new connection's decoder is replaced by this one before it reads a byte.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    private static final String DECODER = "httpDecoder";
    private boolean refused;

    private StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    static void install(HttpConnection connection, HttpServerOptions options, AcceptLimit limit) {
        if (connection instanceof Http1xServerConnection http1) {
            http1.channel().pipeline().replace(DECODER, DECODER, new StrictRequestDecoder(options));
            limit.watch(http1.channel());
        }
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        String problem = framingProblem(message);
        if (problem == null) return super.isContentAlwaysEmpty(message);
        message.setDecoderResult(DecoderResult.failure(new FramingException(problem)));
        refused = true;
        return true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (!refused) super.decode(ctx, buffer, out);
        if (refused) buffer.skipBytes(buffer.readableBytes());
    }

    private static String framingProblem(HttpMessage message) {
        List<String> encodings = message.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (encodings.isEmpty()) return null;
        if (message.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return "a request must not have both Content-Length and Transfer-Encoding";
        }
        if (encodings.size() != 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked")) {
            return "Transfer-Encoding must be exactly \"chunked\"";
        }
        return null;
    }

    /** Answers a request the decoder refused (bad framing, too long a line or header) and closes the connection. */
    static void answerInvalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        ApiError error = cause instanceof FramingException framing
                ? ApiError.invalid("Transfer-Encoding", framing.getMessage())
                : ApiError.invalid("request", "could not be read as HTTP/1.1 (" + describe(cause) + ")");
        request.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Connection", "close")
                .end(io.vertx.core.buffer.Buffer.buffer(Json.write(Responses.errorBody(error))))
                .onComplete(done -> request.connection().close());
    }

    private static String describe(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.TooLongFrameException) return "a line or the headers are too long";
        return "malformed request line or headers";
    }

    static final class FramingException extends IllegalArgumentException {
        FramingException(String message) {
            super(message, null);
        }
    }
}
