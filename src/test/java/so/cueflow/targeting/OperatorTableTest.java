package so.cueflow.targeting;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder's operator table says what the parser accepts: each row parses, and a missing parameter does not. */
class OperatorTableTest {
    private final RuleParser parser = new RuleParser();
    private final Map<String, Object> table = OperatorTable.asJson();

    @Test
    @SuppressWarnings("unchecked")
    void everyEventOperatorParsesWithTheParametersTheTableGivesIt() {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) table.get("event");
        assertThat(rows).extracting(row -> row.get("name"))
                .containsExactlyElementsOf(WireNamed.all(EventOperator.class).stream().map(EventOperator::wireName).toList());
        for (Map<String, Object> row : rows) {
            List<String> required = (List<String>) row.get("required");
            List<String> all = new ArrayList<>(required);
            all.addAll((List<String>) row.get("optional"));
            assertThat(parser.parse(targeting(eventRule(row.get("name"), all)))).isNotNull();
            for (String parameter : required) {
                List<String> without = new ArrayList<>(required);
                without.remove(parameter);
                assertThatThrownBy(() -> parser.parse(targeting(eventRule(row.get("name"), without))))
                        .isInstanceOf(InvalidTargetingException.class);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFieldOperatorTheTableOffersParsesOnThatKindOfField() {
        Map<String, List<String>> byKind = (Map<String, List<String>>) table.get("fieldOperators");
        Map<String, String> fields = Map.of("text", "plan", "date", "signedUpAt", "custom", "customAttributes.seats");
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, Boolean> textOnly = new LinkedHashMap<>();
        ((List<Map<String, Object>>) table.get("value")).forEach(row -> {
            inputs.put((String) row.get("name"), (String) row.get("input"));
            textOnly.put((String) row.get("name"), (Boolean) row.get("textOnly"));
        });
        byKind.forEach((kind, operators) -> operators.forEach(operator -> {
            Map<String, Object> rule = new LinkedHashMap<>(Map.of("type", "contact", "field", fields.get(kind), "operator", operator));
            switch (inputs.get(operator)) {
                case "days" -> rule.put("days", 3);
                case "range" -> rule.put("value", kind.equals("date") ? List.of("2026-01-01", "2026-02-01") : List.of(1, 2));
                case "value" -> rule.put("value", kind.equals("date") ? "2026-01-01"
                        : kind.equals("text") || textOnly.get(operator) || operator.endsWith("equals") ? "pro" : 5);
                default -> { }
            }
            assertThat(parser.parse(targeting(rule))).as(kind + " " + operator).isNotNull();
        }));
        assertThat(byKind.get("text")).doesNotContain("is_within");
    }

    private static Map<String, Object> eventRule(Object operator, List<String> parameters) {
        Map<String, Object> rule = new LinkedHashMap<>(Map.of("type", "event", "eventKey", "report_exported", "operator", operator));
        parameters.forEach(parameter -> rule.put(parameter, parameter.equals("value") ? 2 : 5));
        return rule;
    }

    private static Map<String, Object> targeting(Map<String, Object> rule) {
        return Map.of("groups", List.of(Map.of("rules", List.of(rule))));
    }
}
