package so.cueflow.targeting;

/** {@code actual} is the contact's value of the field (String, Number, Boolean, an Instant for date fields, or null). */
public record ContactRuleExplanation(String type, String description, boolean matches, String field, Object actual)
        implements RuleExplanation {
}
