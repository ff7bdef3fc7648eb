package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Evaluates rules written as JSON text at a fixed now, checking that matches() and explain() agree. */
final class Verdicts {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final long NOW_MS = NOW.toEpochMilli();
    static final long DAY = 86_400_000L;
    static final Evaluator EVALUATOR = new Evaluator(Clock.fixed(NOW, ZoneOffset.UTC));

    private Verdicts() {
    }

    static boolean matches(Targeting targeting, Subject subject) {
        boolean matches = EVALUATOR.matches(targeting, subject);
        assertThat(EVALUATOR.explain(targeting, subject).matches()).as("explain agrees with matches").isEqualTo(matches);
        return matches;
    }

    static boolean matches(String rule, Activity activity) {
        return matches(TargetingJson.parse(TargetingJson.oneRule(rule)), new Subject(ContactFields.NONE, activity, null));
    }

    static boolean matches(String rule, Map<String, Object> contact) {
        return matches(TargetingJson.parse(TargetingJson.oneRule(rule)), new Subject(Contacts.of(contact), Activity.NONE, null));
    }

    static boolean matches(String rule, Page page) {
        return matches(TargetingJson.parse(TargetingJson.oneRule(rule)), new Subject(ContactFields.NONE, Activity.NONE, page));
    }

    static String event(String operator, String parameters) {
        return "{'type': 'event', 'eventKey': 'export_completed', 'operator': '" + operator + "'"
                + (parameters.isEmpty() ? "" : ", " + parameters) + "}";
    }

    static String contact(String field, String operator, String parameters) {
        return "{'type': 'contact', 'field': '" + field + "', 'operator': '" + operator + "'"
                + (parameters.isEmpty() ? "" : ", " + parameters) + "}";
    }

    static String page(String field, String operator, String value) {
        return "{'type': 'page', 'field': '" + field + "', 'operator': '" + operator + "', 'value': '" + value + "'}";
    }

    static Map<String, Object> attributes(String name, Object value) {
        return Map.of("customAttributes", Map.of(name, value));
    }
}
