package so.cueflow.targeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a rule of type "event". */
final class EventRuleParser {

    private static final List<String> FIELDS = List.of("type", "eventKey", "operator", "value", "withinDays", "days", "where");

    private EventRuleParser() {
    }

    static Optional<Rule> read(JsonObjectReader rule) {
        int before = rule.problems().size();
        rule.rejectUnknownKeys(FIELDS);
        Optional<String> eventKey = eventKey(rule);
        Optional<EventOperator> operator =
                rule.requiredChoice("operator", WireNamed.all(EventOperator.class), "an event rule");
        Optional<Long> value = rule.wholeNumber("value", 0, Integer.MAX_VALUE);
        Optional<Long> withinDays = rule.wholeNumber("withinDays", 1, RuleParser.MAX_DAYS);
        Optional<Long> days = rule.wholeNumber("days", 1, RuleParser.MAX_DAYS);
        List<PropertyCondition> where = where(rule);
        operator.ifPresent(op -> rule.checkParameters(EventOperator.PARAMETERS, op.requiredParameters(),
                op.optionalParameters(), op.wireName(), op::usage));
        Optional<Long> window = operator.flatMap(op -> window(rule, op, withinDays, days));
        if (rule.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new EventRule(eventKey.orElseThrow(), operator.orElseThrow(), value.orElse(null),
                window.map(Long::intValue).orElse(null), where));
    }

    /** first_done_within and last_done_within take their window as withinDays or, under its older name, days. */
    private static Optional<Long> window(JsonObjectReader rule, EventOperator operator, Optional<Long> withinDays,
                                         Optional<Long> days) {
        if (!operator.needsWindow()) {
            return withinDays;
        }
        if (withinDays.isPresent() && days.isPresent() && !withinDays.equals(days)) {
            rule.problem("withinDays", "\"withinDays\" and \"days\" are the same window of " + operator.wireName()
                    + "; give one, or both equal (got withinDays " + withinDays.get() + ", days " + days.get() + ")");
        } else if (withinDays.isEmpty() && days.isEmpty() && !rule.has("withinDays") && !rule.has("days")) {
            rule.problem("withinDays", "\"withinDays\" is required for " + operator.wireName() + ": " + operator.usage());
        }
        return withinDays.or(() -> days);
    }

    private static Optional<String> eventKey(JsonObjectReader rule) {
        String expected = "a snake_case event key such as \"purchase_completed\"";
        return rule.requiredText("eventKey", expected).filter(key -> {
            if (key.length() > EventRule.MAX_EVENT_KEY_LENGTH) {
                rule.problem("eventKey", "\"eventKey\" may be at most " + EventRule.MAX_EVENT_KEY_LENGTH
                        + " characters, got " + key.length());
                return false;
            }
            if (!EventRule.EVENT_KEY.matcher(key).matches()) {
                rule.problem("eventKey", "\"eventKey\" must be " + expected
                        + " (lowercase letters and digits in words joined by single underscores), got \"" + key + "\"");
                return false;
            }
            return true;
        });
    }

    private static List<PropertyCondition> where(JsonObjectReader rule) {
        List<?> items = rule.list("where", RuleParser.MAX_WHERE_CONDITIONS).orElse(List.of());
        List<PropertyCondition> conditions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = JsonObjectReader.child(rule.path(), "where") + "[" + i + "]";
            JsonObjectReader.read(items.get(i), path, rule.problems(), "a where condition")
                    .flatMap(EventRuleParser::condition)
                    .ifPresent(conditions::add);
        }
        return conditions;
    }

    private static Optional<PropertyCondition> condition(JsonObjectReader condition) {
        int before = condition.problems().size();
        condition.rejectUnknownKeys(List.of("property", "operator", "value"));
        Optional<String> property = condition.requiredText("property", "a property name").filter(name -> {
            boolean valid = PropertyCondition.PROPERTY_NAME.matcher(name).matches();
            if (!valid) {
                condition.problem("property", "\"property\" must be a property name: a letter or _ then up to 63 "
                        + "letters, digits or _, got \"" + name + "\"");
            }
            return valid;
        });
        Optional<ValueOperator> operator =
                condition.requiredChoice("operator", ValueOperator.FOR_PROPERTIES, "a where condition");
        operator.ifPresent(op -> condition.checkParameters(Set.of("value"), op.takesValue() ? Set.of("value") : Set.of(),
                Set.of(), op.wireName(), () -> ComparisonValue.usage(op)));
        Optional<Object> value = operator.flatMap(op -> ComparisonValue.read(condition, op, false));
        if (condition.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new PropertyCondition(property.orElseThrow(), operator.orElseThrow(), value.orElse(null)));
    }
}
