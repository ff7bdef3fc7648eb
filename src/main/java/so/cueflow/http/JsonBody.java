package so.cueflow.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The one strict reading of a request body: UTF-8 that is valid (no overlong forms, nothing beyond
 * U+10FFFF, nothing truncated), JSON with no trailing data, and strings without unpaired UTF-16
 * surrogates — an invalid byte or escape would otherwise be stored changed, and two different
 * identifiers could become one. Problems name the field they are in.
 */
final class JsonBody {
    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_DIGITS = 100;

    private JsonBody() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiError.invalid("body", "the request body is empty; send a JSON object");
        }
        String text = decode(body);
        JsonNode node = read(text);
        rejectUnpairedSurrogates(node, "");
        return node;
    }

    private static String decode(byte[] body) {
        try {
            return strictDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            int badByte = firstInvalidByte(body);
            String readable = new String(body, StandardCharsets.UTF_8);
            int charOffset = strictPrefixLength(body, badByte);
            throw ApiError.invalid(fieldAt(readable, charOffset),
                    "is not valid UTF-8 (byte " + badByte + " of the body); send text encoded as UTF-8");
        }
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static int firstInvalidByte(byte[] body) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    private static int strictPrefixLength(byte[] body, int length) {
        try {
            return strictDecoder().decode(ByteBuffer.wrap(body, 0, length)).length();
        } catch (CharacterCodingException e) {
            return 0;
        }
    }

    private static JsonNode read(String text) {
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            JsonNode node = Json.MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw ApiError.invalid("body", "the request body is empty; send a JSON object");
            }
            if (parser.nextToken() != null) {
                throw ApiError.invalid("body", "has data after the JSON value" + where(parser) + "; send one JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw tooLarge(e);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid(pathOf(e), "is not valid JSON" + where(e) + explain(e));
        } catch (IOException e) {
            throw ApiError.invalid("body", "could not be read as JSON");
        }
    }

    private static ApiError tooLarge(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("depth")) {
            return ApiError.invalid("body", "nests objects and arrays more than " + MAX_DEPTH + " levels deep");
        }
        if (message.contains("Number")) {
            return ApiError.invalid(pathOf(e), "is a number of more than " + MAX_NUMBER_DIGITS + " characters");
        }
        return ApiError.invalid(pathOf(e), "is larger than allowed");
    }

    /** A hint in our words for the syntax errors people make; the parser's own text names its internals. */
    private static String explain(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("'NaN'") || message.contains("Infinity")) return ": NaN and Infinity are not JSON numbers";
        if (message.contains("Duplicate field")) return ": a key appears twice in one object";
        if (message.contains("end-of-input")) return ": the body ends before the JSON value does";
        if (message.contains("Unexpected character")) return ": unexpected character";
        if (message.contains("control character")) return ": control characters in strings must be escaped";
        return "";
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String where(JsonParser parser) {
        var location = parser.currentTokenLocation();
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String pathOf(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser) {
            String path = path(parser.getParsingContext());
            return path.isEmpty() ? "body" : path;
        }
        return "body";
    }

    /** The field the character at {@code offset} belongs to, found by reading the text up to it. */
    private static String fieldAt(String text, int offset) {
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            String path = "";
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isScalarValue() || token == JsonToken.FIELD_NAME) {
                    parser.finishToken();
                    path = path(parser.getParsingContext());
                }
                if (parser.currentLocation().getCharOffset() > offset) break;
            }
            return path.isEmpty() ? "body" : path;
        } catch (IOException e) {
            return "body";
        }
    }

    /** {@code events[1].eventKey}: the notation of every other validation message. */
    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) return "";
        String parent = path(context.getParent());
        if (context.inArray()) return parent + "[" + Math.max(0, context.getCurrentIndex()) + "]";
        String name = context.getCurrentName();
        if (name == null) return parent;
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static void rejectUnpairedSurrogates(JsonNode node, String path) {
        if (node.isTextual() && unpairedSurrogateIn(node.textValue())) {
            throw ApiError.invalid(path.isEmpty() ? "body" : path,
                    "contains an unpaired UTF-16 surrogate (such as \\ud800); send valid Unicode text");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) rejectUnpairedSurrogates(node.get(i), path + "[" + i + "]");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (unpairedSurrogateIn(field.getKey())) {
                    throw ApiError.invalid(path.isEmpty() ? "body" : path,
                            "has a key with an unpaired UTF-16 surrogate (such as \\ud800); send valid Unicode text");
                }
                rejectUnpairedSurrogates(field.getValue(), child);
            }
        }
    }

    static boolean unpairedSurrogateIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
