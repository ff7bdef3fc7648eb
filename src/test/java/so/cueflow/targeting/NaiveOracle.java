package so.cueflow.targeting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import so.cueflow.targeting.RandomScenarios.Occurrence;
import so.cueflow.targeting.RandomScenarios.Scenario;

/**
 * A deliberately plain reading of the targeting rules, written apart from the main code: it reads the rule JSON
 * itself and scans every raw event for every rule, with no rollups.
 */
final class NaiveOracle {

    record Verdict(boolean matches, Long count, Long firstAt, Long lastAt) {
    }

    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d.*");

    private final long now;

    NaiveOracle(long now) {
        this.now = now;
    }

    boolean matches(Map<?, ?> targeting, Scenario scenario) {
        List<?> groups = (List<?>) targeting.get("groups");
        if (groups == null || groups.isEmpty()) {
            return true;
        }
        for (Object group : groups) {
            boolean all = true;
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                all = all && rule((Map<?, ?>) rule, scenario).matches();
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    Verdict rule(Map<?, ?> rule, Scenario scenario) {
        switch ((String) rule.get("type")) {
            case "event":
                return eventRule(rule, scenario.history(), scenario.keptFrom());
            case "contact":
                return new Verdict(contactRule(rule, scenario.contact()), null, null, null);
            default:
                return new Verdict(pageRule(rule, scenario.page()), null, null, null);
        }
    }

    /**
     * Rules that filter (where) or count in a window read the raw events still kept; the others read every event
     * the contact ever did, including those the retention purge removed (the activity keeps their count).
     */
    private Verdict eventRule(Map<?, ?> rule, List<Occurrence> history, Long keptFrom) {
        String operator = (String) rule.get("operator");
        boolean windowOperator = operator.equals("first_done_within") || operator.equals("last_done_within");
        Integer window = (Integer) (rule.get("withinDays") != null ? rule.get("withinDays") : rule.get("days"));
        boolean countsInWindow = window != null && !windowOperator;
        boolean rawOnly = rule.get("where") != null || countsInWindow;
        long start = window == null ? Long.MIN_VALUE : now - window * 86_400_000L;
        long count = 0;
        long inWindow = 0;
        Long first = null;
        Long last = null;
        for (Occurrence event : history) {
            if (!event.eventKey().equals(rule.get("eventKey")) || !whereHolds((List<?>) rule.get("where"), event)) {
                continue;
            }
            if (rawOnly && keptFrom != null && event.occurredAt() < keptFrom) {
                continue;
            }
            count++;
            if (event.occurredAt() >= start) {
                inWindow++;
            }
            first = first == null || event.occurredAt() < first ? event.occurredAt() : first;
            last = last == null || event.occurredAt() > last ? event.occurredAt() : last;
        }
        long counted = countsInWindow ? inWindow : count;
        Number value = (Number) rule.get("value");
        boolean matches;
        switch (operator) {
            case "has_done": matches = counted > 0; break;
            case "has_not_done": matches = counted == 0; break;
            case "count_greater_than": matches = counted > value.longValue(); break;
            case "count_less_than": matches = counted < value.longValue(); break;
            case "count_equals": matches = counted == value.longValue(); break;
            case "first_done_within": matches = first != null && first >= start; break;
            case "last_done_within": matches = last != null && last >= start; break;
            default: throw new IllegalArgumentException(operator);
        }
        return new Verdict(matches, counted, first, last);
    }

    private boolean whereHolds(List<?> where, Occurrence event) {
        if (where == null) {
            return true;
        }
        for (Object item : where) {
            Map<?, ?> condition = (Map<?, ?>) item;
            Object actual = event.properties().get(condition.get("property"));
            if (!compare((String) condition.get("operator"), actual, condition.get("value"), null)) {
                return false;
            }
        }
        return true;
    }

    private boolean contactRule(Map<?, ?> rule, Map<String, Object> contact) {
        String field = (String) rule.get("field");
        Object actual;
        if (field.startsWith("customAttributes.")) {
            Object attributes = contact.get("customAttributes");
            actual = attributes instanceof Map ? ((Map<?, ?>) attributes).get(field.substring(17)) : null;
        } else {
            actual = contact.get(field);
        }
        return compare((String) rule.get("operator"), actual, rule.get("value"), (Integer) rule.get("days"));
    }

    private boolean compare(String operator, Object actual, Object expected, Integer days) {
        boolean notSet = actual == null || actual.equals("");
        String text = actual instanceof String ? (String) actual : null;
        switch (operator) {
            case "is_set": return !notSet;
            case "is_not_set": return notSet;
            case "equals": return !notSet && same(actual, expected);
            case "not_equals": return notSet || !same(actual, expected);
            case "contains": return text != null && text.indexOf((String) expected) >= 0;
            case "not_contains": return text == null || text.indexOf((String) expected) < 0;
            case "starts_with": return text != null && text.startsWith((String) expected);
            case "ends_with": return text != null && text.endsWith((String) expected);
            case "greater_than": return !notSet && order(actual, expected) != null && order(actual, expected) > 0;
            case "less_than": return !notSet && order(actual, expected) != null && order(actual, expected) < 0;
            case "between": {
                List<?> bounds = (List<?>) expected;
                Integer low = order(actual, bounds.get(0));
                Integer high = order(actual, bounds.get(1));
                return !notSet && low != null && high != null && low >= 0 && high <= 0;
            }
            case "is_within": {
                Long at = millis(actual);
                return at != null && at >= now - days * 86_400_000L && at <= now;
            }
            case "is_before": {
                Long at = millis(actual);
                return at != null && at < now - days * 86_400_000L;
            }
            default: throw new IllegalArgumentException(operator);
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return a.equals(b);
    }

    private static Integer order(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof String || b instanceof String) {
            Long x = millis(a);
            Long y = millis(b);
            return x == null || y == null ? null : Long.compare(x, y);
        }
        return null;
    }

    static Long millis(Object value) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (!(value instanceof String)) {
            return null;
        }
        String text = (String) value;
        if (!DATE_LIKE.matcher(text).matches()) {
            return null;
        }
        try {
            return text.indexOf('T') < 0
                    ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()
                    : Instant.from(DateTimeFormatter.ISO_DATE_TIME.parse(text)).toEpochMilli();
        } catch (RuntimeException notADate) {
            return null;
        }
    }

    /** Sorts the bounds of a generated between: numbers by value, dates by instant. */
    static double orderKey(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : millis(value);
    }

    private static boolean pageRule(Map<?, ?> rule, Page page) {
        if (page == null) {
            return false;
        }
        String actual = rule.get("field").equals("url") ? page.url() : page.path();
        if (actual == null) {
            return false;
        }
        String expected = (String) rule.get("value");
        switch ((String) rule.get("operator")) {
            case "equals": return actual.equals(expected);
            case "not_equals": return !actual.equals(expected);
            case "contains": return actual.indexOf(expected) >= 0;
            case "not_contains": return actual.indexOf(expected) < 0;
            case "starts_with": return actual.startsWith(expected);
            default: return actual.endsWith(expected);
        }
    }
}
