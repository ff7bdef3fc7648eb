package so.cueflow.messages;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deliberately plain reading of spec section 6, written apart from the targeting package: it reads the
 * targeting as the JSON maps that were sent and scans every raw event the test sent, with no rollups.
 */
final class AudienceOracle {
    static final long DAY = 86_400_000L;
    private static final Pattern DAY_ONLY = Pattern.compile("\\d{4}-\\d\\d-\\d\\d");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

    /** One event as sent. */
    record Sent(String eventKey, long occurredAt, Map<String, Object> properties) {
    }

    /** A contact as sent: its fields (dates as epoch millis, customAttributes as a map) and its events. */
    record Person(String externalId, Map<String, Object> fields, List<Sent> events) {
    }

    private final long now;
    private final long keptFrom;

    /** @param keptFrom raw events before it were purged by retention; their rollup stays (Long.MIN_VALUE: none were) */
    AudienceOracle(long now, long keptFrom) {
        this.now = now;
        this.keptFrom = keptFrom;
    }

    boolean matches(Map<?, ?> targeting, Person person) {
        List<?> groups = targeting == null ? null : (List<?>) targeting.get("groups");
        if (groups == null || groups.isEmpty()) return true;
        for (Object group : groups) {
            boolean all = true;
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                if (!rule((Map<?, ?>) rule, person)) {
                    all = false;
                    break;
                }
            }
            if (all) return true;
        }
        return false;
    }

    boolean rule(Map<?, ?> rule, Person person) {
        return switch ((String) rule.get("type")) {
            case "event" -> eventRule(rule, person.events());
            case "contact" -> compare((String) rule.get("operator"), field(person.fields(), (String) rule.get("field")),
                    rule.get("value"), (Integer) rule.get("days"));
            default -> false; // page rules: no page in a preview
        };
    }

    private boolean eventRule(Map<?, ?> rule, List<Sent> events) {
        String operator = (String) rule.get("operator");
        boolean windowOperator = operator.endsWith("_within");
        Integer window = (Integer) (rule.get("withinDays") != null ? rule.get("withinDays") : rule.get("days"));
        long start = window == null ? Long.MIN_VALUE : now - window * DAY;
        long count = 0;
        long inWindow = 0;
        Long first = null;
        Long last = null;
        // Rules that filter (where) or count in a window read the raw events kept; the others the whole rollup.
        boolean rawOnly = rule.get("where") != null || window != null && !windowOperator;
        for (Sent event : events) {
            if (!event.eventKey().equals(rule.get("eventKey")) || !where((List<?>) rule.get("where"), event)) continue;
            if (rawOnly && event.occurredAt() < keptFrom) continue;
            count++;
            if (event.occurredAt() >= start) inWindow++;
            if (first == null || event.occurredAt() < first) first = event.occurredAt();
            if (last == null || event.occurredAt() > last) last = event.occurredAt();
        }
        long counted = window != null && !windowOperator ? inWindow : count;
        Number value = (Number) rule.get("value");
        return switch (operator) {
            case "has_done" -> counted > 0;
            case "has_not_done" -> counted == 0;
            case "count_greater_than" -> counted > value.longValue();
            case "count_less_than" -> counted < value.longValue();
            case "count_equals" -> counted == value.longValue();
            case "first_done_within" -> first != null && first >= start;
            case "last_done_within" -> last != null && last >= start;
            default -> throw new IllegalArgumentException(String.valueOf(rule));
        };
    }

    private boolean where(List<?> conditions, Sent event) {
        if (conditions == null) return true;
        for (Object item : conditions) {
            Map<?, ?> condition = (Map<?, ?>) item;
            if (!compare((String) condition.get("operator"), event.properties().get(condition.get("property")),
                    condition.get("value"), null)) {
                return false;
            }
        }
        return true;
    }

    private static Object field(Map<String, Object> fields, String name) {
        if (!name.startsWith("customAttributes.")) return fields.get(name);
        Object attributes = fields.get("customAttributes");
        return attributes instanceof Map<?, ?> map ? map.get(name.substring("customAttributes.".length())) : null;
    }

    private boolean compare(String operator, Object actual, Object expected, Integer days) {
        boolean set = actual != null && !"".equals(actual);
        String text = actual instanceof String s ? s : null;
        switch (operator) {
            case "is_set": return set;
            case "is_not_set": return !set;
            case "equals": return set && same(actual, expected);
            case "not_equals": return !set || !same(actual, expected);
            case "contains": return text != null && text.contains((String) expected);
            case "not_contains": return text == null || !text.contains((String) expected);
            case "starts_with": return text != null && text.startsWith((String) expected);
            case "ends_with": return text != null && text.endsWith((String) expected);
            case "greater_than": {
                Integer order = order(actual, expected);
                return set && order != null && order > 0;
            }
            case "less_than": {
                Integer order = order(actual, expected);
                return set && order != null && order < 0;
            }
            case "between": {
                List<?> bounds = (List<?>) expected;
                Integer low = order(actual, bounds.get(0));
                Integer high = order(actual, bounds.get(1));
                return set && low != null && high != null && low >= 0 && high <= 0;
            }
            case "is_within": {
                Long at = millis(actual);
                return at != null && at >= now - days * DAY && at <= now;
            }
            case "is_before": {
                Long at = millis(actual);
                return at != null && at < now - days * DAY;
            }
            default: throw new IllegalArgumentException(operator);
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        return a.equals(b);
    }

    /** Numbers by value; when a string is involved, both sides as instants; anything else is incomparable. */
    private static Integer order(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        if (a instanceof String || b instanceof String) {
            Long x = millis(a);
            Long y = millis(b);
            return x == null || y == null ? null : Long.compare(x, y);
        }
        return null;
    }

    static Long millis(Object value) {
        if (value instanceof Number number) return number.longValue();
        if (!(value instanceof String text)) return null;
        try {
            if (DAY_ONLY.matcher(text).matches()) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (INSTANT.matcher(text).matches()) return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (RuntimeException notADate) {
            return null;
        }
        return null;
    }

    static String iso(long millis) {
        return Workspace.iso(Instant.ofEpochMilli(millis));
    }
}
