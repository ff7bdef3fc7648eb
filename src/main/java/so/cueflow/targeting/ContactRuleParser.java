package so.cueflow.targeting;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a rule of type "contact". */
final class ContactRuleParser {

    private static final List<String> FIELDS = List.of("type", "field", "operator", "value", "days");
    private static final Set<String> PARAMETERS = Set.of("value", "days");

    private ContactRuleParser() {
    }

    static Optional<Rule> read(JsonObjectReader rule) {
        int before = rule.problems().size();
        rule.rejectUnknownKeys(FIELDS);
        Optional<String> field = rule.requiredText("field", "a contact field");
        Optional<FieldKind> kind = field.flatMap(name -> fieldKind(rule, name));
        Optional<ValueOperator> operator =
                rule.requiredChoice("operator", WireNamed.all(ValueOperator.class), "a contact rule");
        Optional<Long> days = rule.wholeNumber("days", 1, RuleParser.MAX_DAYS);
        operator.ifPresent(op -> checkOperator(rule, op, field.orElse(null), kind.orElse(null)));
        Optional<Object> value = operator.flatMap(op -> ComparisonValue.read(rule, op, kind.orElse(null) == FieldKind.TEXT));
        if (rule.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ContactRule(field.orElseThrow(), operator.orElseThrow(), value.orElse(null),
                days.map(Long::intValue).orElse(null)));
    }

    private static Optional<FieldKind> fieldKind(JsonObjectReader rule, String field) {
        Optional<FieldKind> kind = FieldKind.of(field);
        if (kind.isEmpty()) {
            rule.problem("field", "unknown contact field \"" + field + "\"; expected one of " + FieldKind.knownFields());
        }
        return kind;
    }

    private static void checkOperator(JsonObjectReader rule, ValueOperator operator, String field, FieldKind kind) {
        Set<String> required = operator.takesValue() ? Set.of("value") : operator.takesDays() ? Set.of("days") : Set.of();
        rule.checkParameters(PARAMETERS, required, Set.of(), operator.wireName(), () -> ComparisonValue.usage(operator));
        if (kind != null && !kind.operators().contains(operator)) {
            rule.problem("operator", "operator " + operator.wireName() + " does not apply to " + field + ", a "
                    + kind.label() + "; expected one of " + WireNamed.wireNames(kind.operators()));
        }
    }
}
