package so.cueflow.targeting;

import java.util.List;
import java.util.Optional;

/** Reads a rule of type "page". */
final class PageRuleParser {

    private static final List<String> FIELDS = List.of("type", "field", "operator", "value");

    private PageRuleParser() {
    }

    static Optional<Rule> read(JsonObjectReader rule) {
        int before = rule.problems().size();
        rule.rejectUnknownKeys(FIELDS);
        Optional<PageField> field = rule.requiredChoice("field", WireNamed.all(PageField.class), "a page rule");
        Optional<PageOperator> operator =
                rule.requiredChoice("operator", WireNamed.all(PageOperator.class), "a page rule");
        Optional<String> value = rule.requiredText("value", "a non-empty string").filter(text -> {
            if (text.isEmpty()) {
                rule.problem("value", "\"value\" must be a non-empty string");
            }
            return !text.isEmpty();
        });
        if (rule.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PageRule(field.orElseThrow(), operator.orElseThrow(), value.orElseThrow()));
    }
}
