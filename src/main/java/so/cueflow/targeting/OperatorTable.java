package so.cueflow.targeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operators the rule parser accepts, with the parameters each takes, as plain values for JSON.
 * The dashboard's rule builder draws its choices from this, so an operator added to an enum (with its
 * parameters) appears in the builder without a change there.
 */
public final class OperatorTable {

    private OperatorTable() {
    }

    public static Map<String, Object> asJson() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("event", eventOperators());
        table.put("value", valueOperators());
        table.put("propertyOperators", wireNames(ValueOperator.FOR_PROPERTIES));
        table.put("contactFields", Map.of("text", FieldKind.TEXT_FIELDS, "date", FieldKind.DATE_FIELDS));
        table.put("fieldOperators", Map.of(
                "text", wireNames(FieldKind.TEXT.operators()),
                "date", wireNames(FieldKind.DATE.operators()),
                "custom", wireNames(FieldKind.CUSTOM_ATTRIBUTE.operators())));
        table.put("pageFields", wireNames(WireNamed.all(PageField.class)));
        table.put("pageOperators", wireNames(WireNamed.all(PageOperator.class)));
        table.put("maxDays", RuleParser.MAX_DAYS);
        return table;
    }

    private static List<Map<String, Object>> eventOperators() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EventOperator operator : EventOperator.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", operator.wireName());
            row.put("required", sorted(operator.requiredParameters()));
            // "days" is only the older name of withinDays: the builder offers one window field.
            row.put("optional", sorted(operator.optionalParameters().stream().filter(name -> !name.equals("days")).collect(java.util.stream.Collectors.toSet())));
            rows.add(row);
        }
        return rows;
    }

    /** input: what the operator compares with — "value", "range" (two values), "days" or "none". */
    private static List<Map<String, Object>> valueOperators() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ValueOperator operator : ValueOperator.values()) {
            String input = operator.takesDays() ? "days" : !operator.takesValue() ? "none"
                    : operator == ValueOperator.BETWEEN ? "range" : "value";
            rows.add(Map.of("name", operator.wireName(), "input", input, "textOnly", operator.isTextual()));
        }
        return rows;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static List<String> wireNames(Iterable<? extends WireNamed> operators) {
        List<String> names = new ArrayList<>();
        operators.forEach(operator -> names.add(operator.wireName()));
        return names;
    }
}
