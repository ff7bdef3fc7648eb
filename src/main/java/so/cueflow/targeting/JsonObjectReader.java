package so.cueflow.targeting;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads the fields of one JSON object at a known path, adding a problem for each thing wrong. Null counts as absent. */
final class JsonObjectReader {

    private final Map<?, ?> fields;
    private final String path;
    private final List<Problem> problems;

    private JsonObjectReader(Map<?, ?> fields, String path, List<Problem> problems) {
        this.fields = fields;
        this.path = path;
        this.problems = problems;
    }

    static Optional<JsonObjectReader> read(Object json, String path, List<Problem> problems, String what) {
        if (json instanceof Map<?, ?> map) {
            return Optional.of(new JsonObjectReader(map, path, problems));
        }
        problems.add(new Problem(path, what + " must be an object, got " + describe(json)));
        return Optional.empty();
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof String text) {
            return "the string \"" + text + "\"";
        }
        if (json instanceof Number || json instanceof Boolean) {
            return json.toString();
        }
        return json instanceof List ? "a list" : json instanceof Map ? "an object" : json.getClass().getSimpleName();
    }

    String path() {
        return path;
    }

    List<Problem> problems() {
        return problems;
    }

    boolean has(String key) {
        return fields.get(key) != null;
    }

    Object get(String key) {
        return fields.get(key);
    }

    void problem(String key, String message) {
        problems.add(new Problem(child(path, key), message));
    }

    void rejectUnknownKeys(Collection<String> allowed) {
        fields.keySet().stream()
                .filter(key -> !allowed.contains(key))
                .forEach(key -> problem(String.valueOf(key),
                        "unknown field \"" + key + "\"; allowed here: " + String.join(", ", allowed)));
    }

    Optional<String> requiredText(String key, String expected) {
        return requiredText(key, () -> expected);
    }

    /** expected is only built when there is a problem to report. */
    Optional<String> requiredText(String key, Supplier<String> expected) {
        Object value = fields.get(key);
        if (value instanceof String text) {
            return Optional.of(text);
        }
        problem(key, value == null
                ? "\"" + key + "\" is required: " + expected.get()
                : "\"" + key + "\" must be " + expected.get() + ", got " + describe(value));
        return Optional.empty();
    }

    <E extends Enum<E> & WireNamed> Optional<E> requiredChoice(String key, Collection<E> choices, String where) {
        Supplier<String> expected = () -> "one of " + WireNamed.wireNames(choices);
        return requiredText(key, expected).flatMap(name -> {
            Optional<E> choice = WireNamed.fromWire(choices, name);
            if (choice.isEmpty()) {
                problem(key, "unknown " + key + " \"" + name + "\" for " + where + "; expected " + expected.get());
            }
            return choice;
        });
    }

    Optional<Long> wholeNumber(String key, long min, long max) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal number = value instanceof Number given ? ValueOrder.decimal(given) : null;
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            problem(key, "\"" + key + "\" must be a whole number from " + min + " to " + max + ", got " + describe(value));
            return Optional.empty();
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(key, "\"" + key + "\" must be from " + min + " to " + max + ", got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(number.longValueExact());
    }

    /** The list under key, when it is one of at most maxItems items. */
    Optional<List<?>> list(String key, int maxItems) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> items)) {
            problem(key, "\"" + key + "\" must be a list, got " + describe(value));
            return Optional.empty();
        }
        if (items.size() > maxItems) {
            problem(key, "\"" + key + "\" may hold at most " + maxItems + " items, got " + items.size());
        }
        return Optional.of(items);
    }

    /** Reports parameters the operator needs but lacks, and parameters it does not take. */
    void checkParameters(Collection<String> parameters, Collection<String> required, Collection<String> optional,
                         String operator, Supplier<String> usage) {
        for (String parameter : parameters) {
            if (has(parameter) && !required.contains(parameter) && !optional.contains(parameter)) {
                problem(parameter, "\"" + parameter + "\" does not apply to " + operator + ": " + usage.get());
            } else if (!has(parameter) && required.contains(parameter)) {
                problem(parameter, "\"" + parameter + "\" is required for " + operator + ": " + usage.get());
            }
        }
    }
}
