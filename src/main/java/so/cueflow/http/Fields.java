package so.cueflow.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one JSON object, collecting every problem (with its path) instead of
 * stopping at the first; {@link #throwIfInvalid()} then reports them all at once.
 */
public final class Fields {
    private final ObjectNode node;
    private final String prefix;
    private final List<ApiError.FieldProblem> problems;

    public Fields(ObjectNode node, String prefix, List<ApiError.FieldProblem> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    public Fields(ObjectNode node) {
        this(node, "", new ArrayList<>());
    }

    public String path(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    public void problem(String field, String message) {
        problems.add(new ApiError.FieldProblem(field, message));
    }

    public List<ApiError.FieldProblem> problems() {
        return problems;
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    public JsonNode get(String name) {
        return node.get(name);
    }

    public void rejectUnknown(Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                problem(path(name), "unknown field; allowed fields are " + String.join(", ", new TreeSet<>(allowed)));
            }
        });
    }

    public String requiredString(String name, int maxLength) {
        if (!node.has(name) || node.get(name).isNull()) {
            problem(path(name), "is required");
            return null;
        }
        return string(name, maxLength);
    }

    /** The string value, or null when absent or JSON null. */
    public String optionalString(String name, int maxLength) {
        if (!node.has(name) || node.get(name).isNull()) return null;
        return string(name, maxLength);
    }

    private String string(String name, int maxLength) {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            problem(path(name), "must be a string, not " + Kinds.of(value));
            return null;
        }
        String text = value.textValue();
        if (text.isEmpty()) {
            problem(path(name), "must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            problem(path(name), "must be at most " + maxLength + " characters (got " + text.length() + ")");
            return null;
        }
        return text;
    }

    /** An ISO-8601 timestamp in {@link Times#RANGE} as epoch millis, or null when absent, JSON null or invalid. */
    public Long optionalTimestamp(String name) {
        String text = optionalString(name, 64);
        if (text == null) return null;
        Instant instant = IsoTimestamps.parse(text);
        if (instant == null) {
            problem(path(name), "must be an ISO-8601 timestamp such as \"2026-11-26T09:41:31.123Z\"");
            return null;
        }
        if (!Times.inRange(instant)) {
            problem(path(name), "must be " + Times.RANGE);
            return null;
        }
        return instant.toEpochMilli();
    }

    /**
     * A whole number from {@code min} to {@code max}, or {@code absent} when the field is missing or
     * null. Numbers that do not fit are refused, never wrapped or rounded.
     */
    public long optionalWholeNumber(String name, long min, long max, long absent) {
        if (!node.has(name) || node.get(name).isNull()) return absent;
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            problem(path(name), "must be a whole number from " + min + " to " + max);
            return absent;
        }
        return value.longValue();
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) throw ApiError.invalid(problems);
    }
}
