package so.cueflow.targeting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random contacts, histories and targetings (as JSON values) around a fixed now, boundaries included. */
final class RandomScenarios {

    static final long NOW = Instant.parse("2026-11-26T12:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;

    private static final List<String> KEYS = List.of("export_completed", "page_viewed", "plan_upgraded");
    private static final List<Integer> DAYS = List.of(1, 2, 7, 30);
    private static final List<String> PROPERTIES = List.of("plan", "amount", "first", "renewsOn", "absent");
    private static final List<String> TEXTS = List.of("pro", "Pro", "p", "o", "free", "acme", ".com", "@", "pro_trial");
    private static final List<String> CONTACT_FIELDS = List.of("plan", "email", "signedUpAt", "lastSeenAt",
            "customAttributes.seats", "customAttributes.beta", "customAttributes.company", "customAttributes.renewsOn",
            "customAttributes.absent");
    private static final List<String> VALUE_OPERATORS = List.of("equals", "not_equals", "is_set", "is_not_set",
            "contains", "not_contains", "starts_with", "ends_with", "greater_than", "less_than", "between");
    private static final List<String> EVENT_OPERATORS = List.of("has_done", "has_not_done", "count_greater_than",
            "count_less_than", "count_equals", "first_done_within", "last_done_within");
    private static final List<String> PAGE_OPERATORS = List.of("equals", "not_equals", "contains", "not_contains",
            "starts_with", "ends_with");

    record Occurrence(String eventKey, long occurredAt, Map<String, Object> properties) {
    }

    /** {@code keptFrom}: raw events before it were purged by retention (their rollup stays); null when none were. */
    record Scenario(long seed, List<Occurrence> history, Map<String, Object> contact, Page page,
                    List<Map<String, Object>> targetings, Long keptFrom) {

        List<Occurrence> kept() {
            return keptFrom == null ? history : history.stream().filter(event -> event.occurredAt() >= keptFrom).toList();
        }
    }

    private final Random random;

    private RandomScenarios(long seed) {
        this.random = new Random(seed);
    }

    static Scenario generate(long seed, int targetings) {
        RandomScenarios scenarios = new RandomScenarios(seed);
        List<Occurrence> history = new ArrayList<>();
        int events = scenarios.random.nextInt(14);
        for (int i = 0; i < events; i++) {
            history.add(new Occurrence(scenarios.pick(KEYS), scenarios.timestamp(), scenarios.properties()));
        }
        List<Map<String, Object>> generated = new ArrayList<>();
        for (int i = 0; i < targetings; i++) {
            generated.add(scenarios.targeting());
        }
        Long keptFrom = scenarios.chance(20) ? NOW - scenarios.pick(DAYS) * DAY + scenarios.random.nextInt(3) - 1 : null;
        return new Scenario(seed, history, scenarios.contact(), scenarios.page(), generated, keptFrom);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private long timestamp() {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return NOW + DAY - (long) (random.nextDouble() * 56 * DAY);
        }
        if (kind < 9) {
            return NOW - pick(DAYS) * DAY + random.nextInt(3) - 1;
        }
        return NOW + random.nextInt(3) - 1;
    }

    private Number number() {
        int value = random.nextInt(11);
        return switch (random.nextInt(4)) {
            case 0 -> value;
            case 1 -> (long) value;
            case 2 -> value / 2.0;
            default -> BigDecimal.valueOf(value * 5L, 1);
        };
    }

    private String isoDate() {
        Instant at = Instant.ofEpochMilli(timestamp());
        return switch (random.nextInt(3)) {
            case 0 -> at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            case 1 -> at.toString();
            default -> at.atOffset(ZoneOffset.ofHours(2)).toString();
        };
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        if (chance(70)) {
            properties.put("plan", pick(List.of("pro", "free", "Pro", "pro_trial", "")));
        }
        if (chance(60)) {
            properties.put("amount", number());
        }
        if (chance(40)) {
            properties.put("first", random.nextBoolean());
        }
        if (chance(30)) {
            properties.put("renewsOn", isoDate());
        }
        return properties;
    }

    private Map<String, Object> contact() {
        Map<String, Object> contact = new HashMap<>();
        maybe(contact, "plan", pick(List.of("pro", "free", "Pro", "")));
        maybe(contact, "email", pick(List.of("ada@acme.com", "bob@example.org", "ACME@acme.com", "")));
        maybe(contact, "signedUpAt", timestamp());
        maybe(contact, "lastSeenAt", timestamp());
        if (chance(80)) {
            Map<String, Object> attributes = new HashMap<>();
            maybe(attributes, "seats", chance(90) ? number() : "5");
            maybe(attributes, "beta", random.nextBoolean());
            maybe(attributes, "company", pick(List.of("Acme", "acme inc", "pro shop", "")));
            maybe(attributes, "renewsOn", chance(90) ? isoDate() : "someday");
            contact.put("customAttributes", attributes);
        }
        return contact;
    }

    /** Absent, present with a null value, or present with the value. */
    private void maybe(Map<String, Object> map, String key, Object value) {
        int kind = random.nextInt(10);
        if (kind < 7) {
            map.put(key, value);
        } else if (kind < 8) {
            map.put(key, null);
        }
    }

    private Page page() {
        if (chance(20)) {
            return null;
        }
        String path = pick(List.of("/", "/settings", "/settings/billing", "/Settings", "/pro/acme.com"));
        return new Page(chance(10) ? null : "https://app.example.com" + path + (chance(30) ? "?tab=pro" : ""), path);
    }

    private Map<String, Object> targeting() {
        Map<String, Object> targeting = new LinkedHashMap<>();
        int groups = chance(5) ? 0 : 1 + random.nextInt(3);
        List<Object> list = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<Object> rules = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(10);
                rules.add(kind < 6 ? eventRule() : kind < 9 ? contactRule() : pageRule());
            }
            list.add(Map.of("rules", rules));
        }
        targeting.put("groups", list);
        return targeting;
    }

    private Map<String, Object> eventRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "event");
        rule.put("eventKey", pick(KEYS));
        String operator = pick(EVENT_OPERATORS);
        rule.put("operator", operator);
        if (operator.startsWith("count_")) {
            rule.put("value", random.nextInt(5));
        }
        if (operator.endsWith("_within")) {
            int days = pick(DAYS);
            int name = random.nextInt(3);
            rule.put(name == 0 ? "withinDays" : "days", days);
            if (name == 2) {
                rule.put("withinDays", days);
            }
        } else if (chance(50)) {
            rule.put("withinDays", pick(DAYS));
        }
        if (chance(40)) {
            List<Object> where = new ArrayList<>();
            int conditions = 1 + random.nextInt(2);
            for (int i = 0; i < conditions; i++) {
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
        String field = pick(CONTACT_FIELDS);
        rule.put("field", field);
        boolean text = field.equals("plan") || field.equals("email");
        List<String> operators = new ArrayList<>(text ? VALUE_OPERATORS.subList(0, 8) : VALUE_OPERATORS);
        if (field.endsWith("At")) {
            operators.removeAll(List.of("equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with"));
        }
        if (!text) {
            operators.addAll(List.of("is_within", "is_before"));
        }
        String operator = pick(operators);
        if (operator.equals("is_within") || operator.equals("is_before")) {
            rule.put("operator", operator);
            rule.put("days", pick(DAYS));
        } else {
            comparison(rule, operator, text);
        }
        return rule;
    }

    private void comparison(Map<String, Object> into, String operator, boolean textOnly) {
        into.put("operator", operator);
        switch (operator) {
            case "is_set", "is_not_set" -> { }
            case "equals", "not_equals" -> into.put("value", textOnly ? pick(TEXTS) : scalar());
            case "contains", "not_contains", "starts_with", "ends_with" -> into.put("value", pick(TEXTS));
            case "greater_than", "less_than" -> into.put("value", ordered(chance(50)));
            case "between" -> into.put("value", bounds());
            default -> throw new IllegalArgumentException(operator);
        }
    }

    private Object scalar() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(TEXTS);
            case 1 -> number();
            default -> random.nextBoolean();
        };
    }

    private Object ordered(boolean numeric) {
        if (!numeric) {
            return isoDate();
        }
        return chance(20) ? (Object) timestamp() : number();
    }

    private List<Object> bounds() {
        boolean numeric = chance(50);
        List<Object> bounds = new ArrayList<>(List.of(ordered(numeric), ordered(numeric)));
        bounds.sort(Comparator.comparing(NaiveOracle::orderKey));
        return bounds;
    }

    private Map<String, Object> pageRule() {
        return Map.of("type", "page", "field", pick(List.of("url", "path")), "operator", pick(PAGE_OPERATORS),
                "value", pick(List.of("/settings", "settings", "/", "https://app.example.com/settings/billing",
                        "billing", "/Settings", "tab=pro", "acme.com")));
    }
}
