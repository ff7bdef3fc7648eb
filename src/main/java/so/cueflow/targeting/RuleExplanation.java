package so.cueflow.targeting;

/** One rule's verdict and the numbers behind it; {@code type} is "event", "contact" or "page" as in the rule's JSON. */
public sealed interface RuleExplanation permits EventRuleExplanation, ContactRuleExplanation, PageRuleExplanation {

    String type();

    String description();

    boolean matches();
}
