package so.cueflow.dashboard;

import so.cueflow.targeting.InvalidTargetingException;
import so.cueflow.targeting.Problem;
import so.cueflow.targeting.RuleParser;
import so.cueflow.targeting.Targeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contact list's filter: up to {@link #ROWS} rule rows (all must hold), each a contact rule
 * (field, operator, value or days) or an event rule (event key, operator, value or days). The rows
 * become the targeting JSON of the API and go through targeting's own parser, so the filter means
 * exactly what a message's targeting means; its problems come back on the row's inputs.
 */
public final class ContactFilter {
    public static final int ROWS = 3;
    public static final List<String> PARTS = List.of("kind", "subject", "operator", "value", "days");
    /** Suggestions for the operator input: targeting's own operators. */
    public static final List<String> OPERATORS = java.util.stream.Stream.concat(
            java.util.Arrays.stream(so.cueflow.targeting.ValueOperator.values()).map(so.cueflow.targeting.ValueOperator::wireName),
            java.util.Arrays.stream(so.cueflow.targeting.EventOperator.values()).map(so.cueflow.targeting.EventOperator::wireName)).toList();
    private static final RuleParser PARSER = new RuleParser();
    private static final Pattern PROBLEM_PATH = Pattern.compile("^targeting\\.groups\\[0]\\.rules\\[(\\d+)](?:\\.(\\w+))?");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");

    private final Form form;
    private final List<Integer> usedRows = new ArrayList<>();
    private final Targeting targeting;

    private ContactFilter(Form form) {
        this.form = form;
        List<Object> rules = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            if (form.trimmed(name(row, "subject")) == null) continue;
            usedRows.add(row);
            rules.add(rule(row));
        }
        this.targeting = rules.isEmpty() ? null : parse(rules);
    }

    /** Reads the rows from the request's query string (the list and the export take the same URL parameters). */
    public static ContactFilter of(PageRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int row = 0; row < ROWS; row++) {
            for (String part : PARTS) {
                String value = request.query(name(row, part));
                if (value != null) values.put(name(row, part), value);
            }
        }
        return new ContactFilter(Form.of(values));
    }

    public static String name(int row, String part) {
        return "rule-" + row + "-" + part;
    }

    public Form form() {
        return form;
    }

    public boolean active() {
        return targeting != null;
    }

    public boolean valid() {
        return form.valid();
    }

    /** The parsed rules, or null when no row is filled in. */
    public Targeting targeting() {
        return targeting;
    }

    /** The filter's rows as URL parameters (for the pager and the export link). */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int row : usedRows) {
            for (String part : PARTS) {
                String value = form.trimmed(name(row, part));
                if (value != null) parameters.put(name(row, part), value);
            }
        }
        return parameters;
    }

    private Map<String, Object> rule(int row) {
        boolean event = "event".equals(form.trimmed(name(row, "kind")));
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", event ? "event" : "contact");
        rule.put(event ? "eventKey" : "field", form.trimmed(name(row, "subject")));
        rule.put("operator", form.trimmed(name(row, "operator")));
        String value = form.trimmed(name(row, "value"));
        if (value != null) rule.put("value", typed(value, event, form.trimmed(name(row, "subject"))));
        String days = form.trimmed(name(row, "days"));
        if (days != null) rule.put(event && "count_greater_than".equals(rule.get("operator")) ? "withinDays" : "days", typed(days, true, ""));
        return rule;
    }

    /** Numbers for counts and custom attributes, true/false for custom attributes, text otherwise. */
    private static Object typed(String value, boolean numeric, String field) {
        boolean custom = field != null && field.startsWith("customAttributes.");
        if ((numeric || custom) && NUMBER.matcher(value).matches()) {
            return value.contains(".") ? Double.parseDouble(value) : Long.parseLong(value);
        }
        if (custom && (value.equals("true") || value.equals("false"))) return Boolean.parseBoolean(value);
        return value;
    }

    private Targeting parse(List<Object> rules) {
        try {
            return PARSER.parse(Map.of("groups", List.of(Map.of("rules", rules))), "targeting");
        } catch (InvalidTargetingException e) {
            for (Problem problem : e.problems()) form.reject(fieldOf(problem.field()), problem.message());
            return null;
        }
    }

    /** "targeting.groups[0].rules[1].days" → the days input of the second filled-in row. */
    private String fieldOf(String path) {
        Matcher matcher = PROBLEM_PATH.matcher(path == null ? "" : path);
        if (!matcher.find()) return name(usedRows.isEmpty() ? 0 : usedRows.get(0), "subject");
        int row = usedRows.get(Math.min(Integer.parseInt(matcher.group(1)), usedRows.size() - 1));
        String part = matcher.group(2) == null ? "subject" : switch (matcher.group(2)) {
            case "operator" -> "operator";
            case "value" -> "value";
            case "days", "withinDays" -> "days";
            default -> "subject";
        };
        return name(row, part);
    }
}
