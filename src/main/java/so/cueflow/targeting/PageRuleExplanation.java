package so.cueflow.targeting;

/** {@code actual} is the page's url or path, null when no page is known. */
public record PageRuleExplanation(String type, String description, boolean matches, String field, String actual)
        implements RuleExplanation {
}
