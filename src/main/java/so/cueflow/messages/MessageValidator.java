package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.Json;
import so.cueflow.http.Kinds;
import so.cueflow.http.Times;
import so.cueflow.targeting.InvalidTargetingException;
import so.cueflow.targeting.RuleParser;
import so.cueflow.targeting.Targeting;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/** The rules of a message body (spec section 7); a PATCH is validated as the merged whole. */
final class MessageValidator {
    static final Set<String> FIELDS = Set.of("name", "type", "content", "targeting", "startDate", "endDate", "frequency", "priority");
    private static final Set<String> CONTENT_FIELDS = Set.of("title", "body", "primaryButton", "secondaryButton", "position", "dismissible");
    private static final Set<String> BUTTON_FIELDS = Set.of("text", "url");
    private static final Pattern URL = Pattern.compile("^(https?://[^/\\s]\\S*|/(?!/)\\S*)$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final RuleParser RULES = new RuleParser();

    private MessageValidator() {
    }

    record Valid(String name, MessageType type, String content, String targeting, Targeting rules, String startDate,
                 String endDate, Frequency frequency, int priority) {
    }

    static Valid validate(ObjectNode body) {
        Fields fields = new Fields(body);
        fields.rejectUnknown(FIELDS);
        String name = fields.requiredString("name", 200);
        MessageType type = oneOf(fields, "type", MessageType.values(), MessageType::fromWire, null);
        String content = content(fields, type);
        Targeting rules = targeting(fields);
        String startDate = date(fields, "startDate");
        String endDate = date(fields, "endDate");
        if (startDate != null && endDate != null && endDate.compareTo(startDate) < 0) {
            fields.problem("endDate", "is before startDate");
        }
        Frequency frequency = oneOf(fields, "frequency", Frequency.values(), Frequency::fromWire, Frequency.ONCE);
        int priority = priority(fields);
        fields.throwIfInvalid();
        JsonNode targeting = body.get("targeting");
        return new Valid(name, type, content, targeting == null || targeting.isNull() ? "{\"groups\":[]}" : Json.writeString(targeting),
                rules, startDate, endDate, frequency, priority);
    }

    /** Parses a {@code targeting} object on its own, throwing a 400 that names every problem. */
    static Targeting targetingOf(JsonNode node) {
        Fields fields = new Fields(Json.MAPPER.createObjectNode());
        try {
            return RULES.parse(node == null || node.isNull() ? null : Json.MAPPER.convertValue(node, Object.class), "targeting");
        } catch (InvalidTargetingException e) {
            e.problems().forEach(problem -> fields.problem(problem.field(), problem.message()));
            fields.throwIfInvalid();
            throw e;
        }
    }

    static Targeting parseStored(String targetingJson) {
        return RULES.parse(Json.MAPPER.convertValue(Json.parse(targetingJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)), Object.class), "targeting");
    }

    private static <E extends Enum<E>> E oneOf(Fields fields, String name, E[] allowed, Function<String, Optional<E>> fromWire,
                                               E defaultValue) {
        if (defaultValue != null && (!fields.has(name) || fields.isNull(name))) return defaultValue;
        String value = fields.requiredString(name, 50);
        if (value == null) return null;
        Optional<E> known = fromWire.apply(value);
        if (known.isEmpty()) {
            String names = Arrays.stream(allowed).map(Enum::toString).sorted().collect(Collectors.joining(", "));
            fields.problem(name, "must be one of " + names + " (got \"" + value + "\")");
        }
        return known.orElse(null);
    }

    private static String content(Fields fields, MessageType type) {
        JsonNode content = fields.get("content");
        if (content == null || !content.isObject()) {
            fields.problem("content", content == null ? "is required" : "must be an object, not " + Kinds.of(content));
            return null;
        }
        Fields inner = new Fields((ObjectNode) content, "content", fields.problems());
        inner.rejectUnknown(CONTENT_FIELDS);
        inner.optionalString("title", 200);
        inner.optionalString("body", 5_000);
        if (!inner.has("title") && !inner.has("body")) {
            fields.problem("content", "needs a title or a body");
        }
        button(inner, "primaryButton");
        button(inner, "secondaryButton");
        if (inner.has("position")) {
            String position = inner.optionalString("position", 10);
            if (type == MessageType.MODAL) fields.problem("content.position", "applies to banners only");
            else if (position != null && !Set.of("top", "bottom").contains(position)) fields.problem("content.position", "must be top or bottom");
        }
        if (inner.has("dismissible") && !inner.get("dismissible").isBoolean()) {
            fields.problem("content.dismissible", "must be true or false");
        }
        return Json.writeString(content);
    }

    private static void button(Fields content, String name) {
        if (!content.has(name) || content.isNull(name)) return;
        JsonNode button = content.get(name);
        if (!button.isObject()) {
            content.problem(content.path(name), "must be an object {text, url}, not " + Kinds.of(button));
            return;
        }
        Fields fields = new Fields((ObjectNode) button, content.path(name), content.problems());
        fields.rejectUnknown(BUTTON_FIELDS);
        fields.requiredString("text", 50);
        String url = fields.optionalString("url", 2_048);
        if (url != null && !URL.matcher(url).matches()) {
            fields.problem(fields.path("url"), "must be an http(s) URL or a path starting with /");
        }
    }

    private static Targeting targeting(Fields fields) {
        try {
            return RULES.parse(fields.isNull("targeting") || !fields.has("targeting") ? null
                    : Json.MAPPER.convertValue(fields.get("targeting"), Object.class), "targeting");
        } catch (InvalidTargetingException e) {
            e.problems().forEach(problem -> fields.problem(problem.field(), problem.message()));
            return null;
        }
    }

    private static String date(Fields fields, String name) {
        String value = fields.optionalString(name, 10);
        if (value == null) return null;
        try {
            if (DATE.matcher(value).matches()) {
                LocalDate day = LocalDate.parse(value);
                if (Times.inRange(day)) return day.toString();
                fields.problem(name, "must be a day in the years " + Times.FIRST_YEAR + " to " + Times.LAST_YEAR);
                return null;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        fields.problem(name, "must be a whole UTC day such as \"2026-12-01\"");
        return null;
    }

    private static int priority(Fields fields) {
        return (int) fields.optionalWholeNumber("priority", 0, 1_000, 0);
    }

    static ApiError notFound(String id) {
        return ApiError.notFound("not_found", "no message with id \"" + id + "\" in this workspace");
    }
}
