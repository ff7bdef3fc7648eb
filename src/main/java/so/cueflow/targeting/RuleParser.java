package so.cueflow.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the JSON of a {@code targeting} object — as plain Java values: Map, List, String, Number, Boolean, null —
 * into a {@link Targeting}, or throws {@link InvalidTargetingException} listing every problem with its path.
 */
public final class RuleParser {

    public static final int MAX_GROUPS = 20;
    public static final int MAX_RULES_PER_GROUP = 20;
    public static final int MAX_WHERE_CONDITIONS = 20;
    public static final int MAX_DAYS = 36_500;

    private static final List<String> RULE_TYPES = List.of("event", "contact", "page");

    public Targeting parse(Object json) {
        return parse(json, "targeting");
    }

    /** @param path where the targeting sits in the request, prefixed to every problem's field (may be empty) */
    public Targeting parse(Object json, String path) {
        List<Problem> problems = new ArrayList<>();
        String prefix = path == null ? "" : path;
        Optional<Targeting> targeting = json == null ? Optional.of(Targeting.EVERYONE) : readTargeting(json, prefix, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTargetingException(problems);
        }
        return targeting.orElseThrow();
    }

    private Optional<Targeting> readTargeting(Object json, String path, List<Problem> problems) {
        return JsonObjectReader.read(json, path, problems, "targeting").map(targeting -> {
            targeting.rejectUnknownKeys(List.of("groups"));
            List<?> groups = targeting.list("groups", MAX_GROUPS).orElse(List.of());
            List<Group> read = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                readGroup(groups.get(i), JsonObjectReader.child(path, "groups") + "[" + i + "]", problems).ifPresent(read::add);
            }
            return problems.isEmpty() ? new Targeting(read) : null;
        });
    }

    private Optional<Group> readGroup(Object json, String path, List<Problem> problems) {
        return JsonObjectReader.read(json, path, problems, "a group").map(group -> {
            int before = problems.size();
            group.rejectUnknownKeys(List.of("rules"));
            List<?> rules = group.list("rules", MAX_RULES_PER_GROUP).orElse(List.of());
            if (!group.has("rules")) {
                group.problem("rules", "\"rules\" is required: a list of 1 to " + MAX_RULES_PER_GROUP + " rules");
            } else if (rules.isEmpty() && problems.size() == before) {
                group.problem("rules", "a group needs at least one rule (to target everyone, leave out all groups)");
            }
            List<Rule> read = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                readRule(rules.get(i), JsonObjectReader.child(path, "rules") + "[" + i + "]", problems).ifPresent(read::add);
            }
            return problems.size() == before ? new Group(read) : null;
        });
    }

    private Optional<Rule> readRule(Object json, String path, List<Problem> problems) {
        return JsonObjectReader.read(json, path, problems, "a rule").flatMap(rule -> {
            String expected = "one of " + String.join(", ", RULE_TYPES);
            return rule.requiredText("type", expected).flatMap(type -> switch (type) {
                case "event" -> EventRuleParser.read(rule);
                case "contact" -> ContactRuleParser.read(rule);
                case "page" -> PageRuleParser.read(rule);
                default -> {
                    rule.problem("type", "unknown rule type \"" + type + "\"; expected " + expected);
                    yield Optional.empty();
                }
            });
        });
    }
}
