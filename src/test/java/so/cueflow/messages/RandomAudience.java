package so.cueflow.messages;

import so.cueflow.messages.AudienceOracle.Person;
import so.cueflow.messages.AudienceOracle.Sent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static so.cueflow.messages.AudienceOracle.DAY;

/**
 * Seeded random contacts, event histories over ~60 days and targetings (a few page rules, false in a preview),
 * against a known "now" (the server under test runs on a held clock). A quarter of the instants sit exactly on an edge the targetings use —
 * now − N days for each window, and the retention cutoff — to the millisecond: one before, at, or one after it.
 * Rule forms are dealt from shuffled decks, so every operator with every parameter form appears evenly; each form
 * generated is counted in {@link #coverage()}.
 */
final class RandomAudience {
    static final int RETENTION_DAYS = 40;
    /** Windows; 40 begins exactly at the purge's cutoff, 45 before it (where the rollups remember purged events). */
    static final List<Integer> DAYS = List.of(1, 2, 7, 14, 30, RETENTION_DAYS, 45);
    static final List<String> EVENT_FORMS = eventForms();
    static final List<String> VALUE_OPERATORS = List.of("equals", "not_equals", "is_set", "is_not_set", "contains",
            "not_contains", "starts_with", "ends_with", "greater_than", "less_than", "between");
    static final List<String> TEXT_OPERATORS = VALUE_OPERATORS.subList(0, 8);
    static final List<String> DATE_OPERATORS = List.of("is_set", "is_not_set", "greater_than", "less_than", "between",
            "is_within", "is_before");
    static final List<String> CUSTOM_OPERATORS = concat(VALUE_OPERATORS, List.of("is_within", "is_before"));
    private static final List<String> KEYS = List.of("export_completed", "report_viewed", "plan_upgraded", "invite_sent", "page_viewed");
    private static final List<String> TEXTS = List.of("pro", "Pro", "free", "team", "acme", "ac", ".com", "@", "Ada", "e", "x",
            "+1", "https", "admin", "person-1", ".png");
    private static final List<String> PROPERTIES = List.of("plan", "amount", "source", "first", "dueOn", "absent");
    private static final List<String> TEXT_FIELDS = List.of("externalId", "email", "name", "phone", "avatarUrl", "role", "plan");
    private static final List<String> DATE_FIELDS = List.of("signedUpAt", "createdAt", "updatedAt", "lastSeenAt");
    private static final List<String> CUSTOM_FIELDS = List.of("customAttributes.seats", "customAttributes.beta",
            "customAttributes.company", "customAttributes.renewsOn", "customAttributes.score", "customAttributes.role",
            "customAttributes.absent");

    private final Random random;
    private final long now;
    private final RuleCoverage coverage = new RuleCoverage();
    private final Map<String, List<String>> decks = new HashMap<>();

    RandomAudience(long seed, long now) {
        this.random = new Random(seed);
        this.now = now;
    }

    /** "operator" or "operator withinDays" / "operator days": each event operator with each window form it takes. */
    private static List<String> eventForms() {
        List<String> forms = new ArrayList<>();
        for (String operator : List.of("has_done", "has_not_done", "count_greater_than", "count_less_than", "count_equals")) {
            forms.add(operator);
            forms.add(operator + " withinDays");
        }
        for (String operator : List.of("first_done_within", "last_done_within")) {
            forms.add(operator + " days");
            forms.add(operator + " withinDays");
        }
        return List.copyOf(forms);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    int index(int size) {
        return random.nextInt(size);
    }

    long now() {
        return now;
    }

    RuleCoverage coverage() {
        return coverage;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** The next of {@code items} from its own shuffled deck, refilled when empty. */
    private String deal(String deck, List<String> items) {
        List<String> cards = decks.computeIfAbsent(deck, name -> new ArrayList<>());
        if (cards.isEmpty()) {
            cards.addAll(items);
            Collections.shuffle(cards, random);
        }
        return cards.remove(cards.size() - 1);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** Up to {@code days} back; a quarter on an edge, a few up to 20 h ahead of now (ingest allows a day). */
    long instant(int days) {
        if (chance(25)) return edge();
        if (chance(4)) return now + 1 + (long) (random.nextDouble() * 20 * 3_600_000L);
        return now - (long) (random.nextDouble() * days * DAY);
    }

    /** now − N days of a window (or the retention cutoff, or now itself), one millisecond before, at or after it. */
    long edge() {
        long start = chance(10) ? now - RETENTION_DAYS * DAY : chance(5) ? now : now - pick(DAYS) * DAY;
        int offset = random.nextInt(3) - 1;
        coverage.count("instant on an edge " + (offset < 0 ? "- 1 ms" : offset == 0 ? "exactly" : "+ 1 ms"));
        return start + offset;
    }

    /** An instant as ISO-8601, or half the time its bare day (midnight UTC: now is a midnight, so edges stay edges). */
    private String date(int days) {
        String at = AudienceOracle.iso(instant(days));
        return chance(50) ? at.substring(0, 10) : at;
    }

    private Number number() {
        int value = random.nextInt(21);
        return chance(70) ? (Number) value : (Number) (value + 0.5);
    }

    /** The contact as POST /api/v1/contacts takes it; createdAt and updatedAt are added once the server has it. */
    Map<String, Object> contactBody(String externalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", externalId);
        if (chance(85)) body.put("plan", pick(List.of("pro", "free", "team", "enterprise", "Pro")));
        if (chance(70)) body.put("email", externalId + "@" + pick(List.of("acme.com", "example.org", "pro.io")));
        if (chance(50)) body.put("name", pick(List.of("Ada Lovelace", "Bob", "ada", "Eve Xu")));
        if (chance(40)) body.put("phone", "+1 555 01" + random.nextInt(100));
        if (chance(30)) body.put("avatarUrl", pick(List.of("https://img.example.com/", "http://x.io/")) + externalId + ".png");
        if (chance(40)) body.put("role", pick(List.of("admin", "owner", "member", "Admin")));
        if (chance(75)) body.put("signedUpAt", AudienceOracle.iso(instant(90)));
        if (chance(85)) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (chance(80)) attributes.put("seats", number());
            if (chance(60)) attributes.put("beta", random.nextBoolean());
            if (chance(60)) attributes.put("company", pick(List.of("Acme", "acme inc", "Pro Shop", "x")));
            if (chance(60)) attributes.put("renewsOn", date(60));
            if (chance(50)) attributes.put("score", chance(80) ? number() : pick(List.of("7", "high", "2026-11-01")));
            body.put("customAttributes", attributes);
        }
        return body;
    }

    /**
     * The same contact as a Segment identify call's traits (docs/segment.md): createdAt is signedUpAt, avatar is
     * avatarUrl, and every other trait — role included, which is no Segment contact field — is a custom attribute.
     */
    static Map<String, Object> segmentTraits(Map<String, Object> body) {
        Map<String, Object> traits = new LinkedHashMap<>();
        body.forEach((field, value) -> {
            switch (field) {
                case "externalId" -> { }
                case "signedUpAt" -> traits.put("createdAt", value);
                case "avatarUrl" -> traits.put("avatar", value);
                case "customAttributes" -> traits.putAll((Map<String, ?>) value);
                default -> traits.put(field, value);
            }
        });
        return traits;
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
            if (chance(25)) properties.put("dueOn", date(30));
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
            for (int r = 0; r < size; r++) rules.add(chance(3) ? pageRule() : chance(65) ? eventRule() : contactRule());
            groups.add(Map.of("rules", rules));
        }
        return Map.of("groups", groups);
    }

    private Map<String, Object> eventRule() {
        String form = deal("event", EVENT_FORMS);
        coverage.count("event " + form);
        String[] parts = form.split(" ");
        String operator = parts[0];
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "event");
        rule.put("eventKey", pick(KEYS));
        rule.put("operator", operator);
        if (operator.startsWith("count_")) rule.put("value", random.nextInt(operator.equals("count_equals") ? 3 : 7));
        if (parts.length > 1) rule.put(parts[1], pick(DAYS));
        if (chance(35)) {
            coverage.count("event rule with where");
            List<Object> where = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                Map<String, Object> condition = new LinkedHashMap<>();
                condition.put("property", pick(PROPERTIES));
                String comparison = deal("where", VALUE_OPERATORS);
                coverage.count("where " + comparison);
                comparison(condition, comparison, false);
                where.add(condition);
            }
            rule.put("where", where);
        }
        return rule;
    }

    /** A preview has no page: every page rule is false there, whatever it says. */
    private Map<String, Object> pageRule() {
        coverage.count("page rule");
        return Map.of("type", "page", "field", pick(List.of("url", "path")),
                "operator", pick(List.of("equals", "starts_with", "not_contains")), "value", "/settings");
    }

    private Map<String, Object> contactRule() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("type", "contact");
        String kind = deal("contact", List.of("text", "text", "date", "date", "custom", "custom", "custom"));
        String operator = deal(kind, switch (kind) {
            case "text" -> TEXT_OPERATORS;
            case "date" -> DATE_OPERATORS;
            default -> CUSTOM_OPERATORS;
        });
        coverage.count("contact " + kind + " " + operator);
        rule.put("field", pick(switch (kind) {
            case "text" -> TEXT_FIELDS;
            case "date" -> DATE_FIELDS;
            default -> CUSTOM_FIELDS;
        }));
        if (operator.equals("is_within") || operator.equals("is_before")) {
            rule.put("operator", operator);
            rule.put("days", pick(DAYS));
        } else if (kind.equals("date")) {
            dateComparison(rule, operator);
        } else {
            comparison(rule, operator, kind.equals("text"));
        }
        return rule;
    }

    private void dateComparison(Map<String, Object> rule, String operator) {
        rule.put("operator", operator);
        if (operator.equals("between")) {
            String a = date(90);
            String b = date(90);
            boolean ordered = AudienceOracle.millis(a) <= AudienceOracle.millis(b);
            rule.put("value", ordered ? List.of(a, b) : List.of(b, a));
        } else if (!operator.startsWith("is_")) {
            rule.put("value", date(90));
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

    /**
     * The contact as the oracle reads it: dates as epoch millis, the server's createdAt and updatedAt, and for a
     * contact made by a Segment identify call its role as the custom attribute it became.
     */
    static Person person(String externalId, Map<String, Object> body, long createdAt, long updatedAt, boolean viaSegment,
                         List<Sent> events) {
        Map<String, Object> fields = new LinkedHashMap<>(body);
        if (body.get("signedUpAt") instanceof String at) fields.put("signedUpAt", AudienceOracle.millis(at));
        if (viaSegment && fields.containsKey("role")) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (body.get("customAttributes") instanceof Map<?, ?> map) map.forEach((k, v) -> attributes.put((String) k, v));
            attributes.put("role", fields.remove("role"));
            fields.put("customAttributes", attributes);
        }
        fields.put("createdAt", createdAt);
        fields.put("updatedAt", updatedAt);
        return new Person(externalId, fields, events);
    }
}
