package so.cueflow.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for query parameters: a name the route does not take, a name given twice, or a
 * value it cannot read is a 400 naming the parameter — never silently ignored.
 */
public final class QueryParams {
    private final MultiMap params;

    private QueryParams(MultiMap params) {
        this.params = params;
    }

    /** The request's parameters, after refusing any not in {@code allowed} and any repeated one (all reported at once). */
    public static QueryParams of(RoutingContext ctx, Set<String> allowed) {
        MultiMap params = ctx.queryParams();
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        for (String name : new TreeSet<>(params.names())) {
            if (!allowed.contains(name)) {
                problems.add(new ApiError.FieldProblem(name, allowed.isEmpty() ? "unknown parameter; this endpoint takes none"
                        : "unknown parameter; allowed are " + String.join(", ", new TreeSet<>(allowed))));
            } else if (params.getAll(name).size() > 1) {
                problems.add(new ApiError.FieldProblem(name, "is given more than once"));
            }
        }
        if (!problems.isEmpty()) throw ApiError.invalid(problems);
        return new QueryParams(params);
    }

    /** The value, or null when absent. */
    public String text(String name) {
        return params.get(name);
    }

    /** A whole number from 1 to {@code max}; {@code defaultValue} when absent. */
    public int limit(String name, int defaultValue, int max) {
        String text = params.get(name);
        if (text == null) return defaultValue;
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) return value;
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        throw ApiError.invalid(name, "must be a whole number from 1 to " + max + ", not \"" + text + "\"");
    }

    /** {@code true} or {@code false} exactly; absent is false. Other spellings (1, yes) are refused rather than guessed. */
    public boolean flag(String name) {
        String text = params.get(name);
        if (text == null || text.equals("false")) return false;
        if (text.equals("true")) return true;
        throw ApiError.invalid(name, "must be true or false, not \"" + text + "\"");
    }

    /** One of {@code choices}, or null when absent. */
    public String choice(String name, Set<String> choices) {
        String text = params.get(name);
        if (text == null || choices.contains(text)) return text;
        throw ApiError.invalid(name, "must be " + String.join(", ", new TreeSet<>(choices)) + ", not \"" + text + "\"");
    }
}
