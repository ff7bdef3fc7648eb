package so.cueflow.messages;

import so.cueflow.messages.AudienceOracle.Person;
import so.cueflow.messages.AudienceOracle.Sent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static so.cueflow.messages.AudienceOracle.DAY;

/**
 * Seeded random contacts, event histories over ~60 days and targetings without page rules. Instants are kept
 * at least {@link #MARGIN} away from every window edge (now - days), as seen from {@code seededAt}, so that the
 * seconds that pass between seeding and counting cannot move anything across an edge.
 */
final class RandomAudience {
    static final long MARGIN = 15 * 60_000L;
    static final List<Integer> DAYS = List.of(1, 2, 7, 14, 30);
    private static final List<String> KEYS = List.of("export_completed", "report_viewed", "plan_upgraded", "invite_sent", "page_viewed");
    private static final List<String> TEXTS = List.of("pro", "Pro", "free", "team", "acme", "ac", ".com", "@", "Ada", "e", "x");
    private static final List<String> EVENT_OPERATORS = List.of("has_done", "has_not_done", "count_greater_than",
            "count_less_than", "count_equals",
            "first_done_within", "last_done_within");
    private static final List<String> VALUE_OPERATORS = List.of("equals", "not_equals", "is_set", "is_not_set", "contains",
            "not_contains", "starts_with", "ends_with", "greater_than", "less_than", "between");
    private static final List<String> PROPERTIES = List.of("plan", "amount", "source", "first", "dueOn", "absent");
    private static final List<String> TEXT_FIELDS = List.of("plan", "email", "name");
    private static final List<String> DATE_FIELDS = List.of("signedUpAt", "createdAt");
    private static final List<String> CUSTOM_FIELDS = List.of("customAttributes.seats", "customAttributes.beta",
            "customAttributes.company", "customAttributes.renewsOn", "customAttributes.score", "customAttributes.absent");

    private final Random random;
    private final long seededAt;

    RandomAudience(long seed, long seededAt) {
        this.random = new Random(seed);
        this.seededAt = seededAt;
    }

    int index(int size) {
        return random.nextInt(size);
    }

    long seededAt() {
        return seededAt;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A past instant up to {@code days} back (a few up to 20 h ahead), never within MARGIN of a window edge or now. */
    long instant(int days) {
        while (true) {
            long at = chance(4) ? seededAt + MARGIN + (long) (random.nextDouble() * 20 * 3_600_000L)
                    : chance(20) ? seededAt - pick(DAYS) * DAY + (random.nextBoolean() ? 1 : -1) * (MARGIN + random.nextInt(3_600_000))
                    : seededAt - (long) (random.nextDouble() * days * DAY);
            if (Math.abs(at - seededAt) < MARGIN) continue;
            if (DAYS.stream().noneMatch(d -> Math.abs(at - (seededAt - d * DAY)) < MARGIN)) return at;
        }
    }

    private String date(long at) {
        return chance(50) ? AudienceOracle.iso(at).substring(0, 10) : AudienceOracle.iso(at);
    }

    /** A date string whose instant is also clear of the edges (a bare day is its midnight). */
    private String safeDate(int days) {
        while (true) {
            String text = date(instant(days));
            long at = AudienceOracle.millis(text);
            if (Math.abs(at - seededAt) >= MARGIN && DAYS.stream().noneMatch(d -> Math.abs(at - (seededAt - d * DAY)) < MARGIN)) return text;
        }
    }

    private Number number() {
        int value = random.nextInt(21);
        return chance(70) ? (Number) value : (Number) (value + 0.5);
    }

    /** The contact as sent (POST body) and as the oracle reads it; createdAt is added once the server answers. */
    Map<String, Object> contactBody(String externalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", externalId);
        if (chance(85)) body.put("plan", pick(List.of("pro", "free", "team", "enterprise", "Pro")));
        if (chance(70)) body.put("email", externalId + "@" + pick(List.of("acme.com", "example.org", "pro.io")));
        if (chance(50)) body.put("name", pick(List.of("Ada Lovelace", "Bob", "ada", "Eve Xu")));
        if (chance(75)) body.put("signedUpAt", AudienceOracle.iso(instant(90)));
        if (chance(85)) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (chance(80)) attributes.put("seats", number());
            if (chance(60)) attributes.put("beta", random.nextBoolean());
            if (chance(60)) attributes.put("company", pick(List.of("Acme", "acme inc", "Pro Shop", "x")));
            if (chance(60)) attributes.put("renewsOn", safeDate(60));
            if (chance(50)) attributes.put("score", chance(80) ? number() : pick(List.of("7", "high", "2026-11-01")));
            body.put("customAttributes", attributes);
        }
        return body;
    }

    List<Sent> history() {
        List<Sent> events = new ArrayList<>();
        int count = chance(6) ? 0 : random.nextInt(21);
        for (int i = 0; i < count; i++) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (chance(70)) properties.put("plan", pick(List.of("pro", "free", "team", "Pro")));
            if (chance(60)) properties.put("amount", number());
            if (chance(50)) properties.put("source", pick(List.of("web", "ios", "android")));
            if (chance(30)) properties.put("first", random.nextBoolean());
            if (chance(25)) properties.put("dueOn", safeDate(30));
            events.add(new Sent(pick(KEYS), instant(60), properties));
        }
        return events;
    }

    Map<String, Object> targeting() {
        List<Object> groups = new ArrayList<>();
        int count = chance(4) ? 0 : 1 + random.nextInt(3);
        for (int g = 0; g < count; g++) {
            List<Object> rules = new ArrayList<>();
            int size = 1 + random.nextInt(3);
            for (int r = 0; r < size; r++) rules.add(chance(65) ? eventRule() : contactRule());
            groups.add(Map.of("rules", rules));
        }
        return Map.of("groups", groups);
    }

    private Map<String, Object> eventRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "event");
        rule.put("eventKey", pick(KEYS));
        String operator = pick(EVENT_OPERATORS);
        rule.put("operator", operator);
        if (operator.startsWith("count_")) rule.put("value", random.nextInt(operator.equals("count_equals") ? 3 : 7));
        if (operator.endsWith("_within")) {
            rule.put(chance(50) ? "days" : "withinDays", pick(DAYS));
        } else if (chance(50)) {
            rule.put("withinDays", pick(DAYS));
        }
        if (chance(35)) {
            List<Object> where = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                Map<String, Object> condition = new LinkedHashMap<>();
                condition.put("property", pick(PROPERTIES));
                comparison(condition, pick(VALUE_OPERATORS), false);
                where.add(condition);
            }
            rule.put("where", where);
        }
        return rule;
    }

    private Map<String, Object> contactRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "contact");
        int kind = random.nextInt(10);
        if (kind < 3) {
            rule.put("field", pick(TEXT_FIELDS));
            comparison(rule, pick(VALUE_OPERATORS.subList(0, 8)), true);
        } else if (kind < 5) {
            rule.put("field", pick(DATE_FIELDS));
            String operator = pick(List.of("is_set", "is_not_set", "greater_than", "less_than", "between", "is_within", "is_before"));
            if (operator.startsWith("is_w") || operator.startsWith("is_b")) days(rule, operator);
            else dateComparison(rule, operator);
        } else {
            rule.put("field", pick(CUSTOM_FIELDS));
            if (chance(15)) days(rule, pick(List.of("is_within", "is_before")));
            else comparison(rule, pick(VALUE_OPERATORS), false);
        }
        return rule;
    }

    private void days(Map<String, Object> rule, String operator) {
        rule.put("operator", operator);
        rule.put("days", pick(DAYS));
    }

    private void dateComparison(Map<String, Object> rule, String operator) {
        rule.put("operator", operator);
        if (operator.equals("between")) {
            String a = safeDate(90);
            String b = safeDate(90);
            boolean ordered = AudienceOracle.millis(a) <= AudienceOracle.millis(b);
            rule.put("value", ordered ? List.of(a, b) : List.of(b, a));
        } else if (!operator.startsWith("is_")) {
            rule.put("value", safeDate(90));
        }
    }

    /** Fills operator and value (for where conditions and contact rules); textOnly for text fields. */
    private void comparison(Map<String, Object> rule, String operator, boolean textOnly) {
        rule.put("operator", operator);
        switch (operator) {
            case "is_set", "is_not_set" -> { }
            case "contains", "not_contains", "starts_with", "ends_with" -> rule.put("value", pick(TEXTS));
            case "equals", "not_equals" -> rule.put("value", textOnly || chance(50) ? pick(TEXTS) : chance(70) ? number() : random.nextBoolean());
            case "greater_than", "less_than", "between" -> {
                if (chance(65)) {
                    double a = number().doubleValue();
                    double b = number().doubleValue();
                    Object lo = a % 1 == 0 ? (Object) (int) Math.min(a, b) : Math.min(a, b);
                    Object hi = Math.max(a, b);
                    rule.put("value", operator.equals("between") ? List.of(lo, hi) : lo);
                } else {
                    dateComparison(rule, operator);
                }
            }
            default -> throw new IllegalArgumentException(operator);
        }
    }

    Person person(String externalId, Map<String, Object> body, long createdAt, List<Sent> events) {
        Map<String, Object> fields = new LinkedHashMap<>(body);
        if (body.get("signedUpAt") instanceof String at) fields.put("signedUpAt", AudienceOracle.millis(at));
        fields.put("createdAt", createdAt);
        return new Person(externalId, fields, events);
    }
}
