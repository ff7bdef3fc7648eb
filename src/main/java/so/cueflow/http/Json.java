package so.cueflow.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON mapper, strict on input: duplicate keys, trailing data and invalid Unicode are errors (see {@link JsonBody}). */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(JsonBody.MAX_DEPTH)
                            .maxNumberLength(JsonBody.MAX_NUMBER_DIGITS)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }

    public static JsonNode parse(byte[] body) {
        return JsonBody.parse(body);
    }

    public static ObjectNode parseObject(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ApiError.invalid("body", "the body must be a JSON object, not " + Kinds.of(node));
        }
        return (ObjectNode) node;
    }

    public static byte[] write(Object value) {
        if (value instanceof JsonBytes written) return written.buffer().getBytes();
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value not serialisable", e);
        }
    }

    /** {@code {"success": true, name: value}} with the success flag first. */
    public static Map<String, Object> success(String name, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put(name, value);
        return body;
    }
}
