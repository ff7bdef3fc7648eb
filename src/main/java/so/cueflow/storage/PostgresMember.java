package so.cueflow.storage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * A JSON member on PostgreSQL, read with one SQL/JSON path per verdict (twice for a comparison with a number that a
 * date-like string leaves unsure, on rows whose member is a string) from a jsonb column
 * ({@link JsonColumn#storedJsonb}): path comparisons are typed (a number never equals a string; numbers compare as
 * exact decimals) and an unknown result, from a type mix or a missing member, selects nothing. Rows that are not
 * valid jsonb, such as those holding an escaped NUL, must be left out: {@link JsonComparison} leaves them to the
 * evaluator without reading them.
 */
record PostgresMember(String json, String key) implements JsonMember {
    private static final String DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

    private String member() {
        return "strict $.\"" + key + "\"";
    }

    private SqlCondition path(String filter, ObjectNode variables) {
        return SqlCondition.of("jsonb_path_exists(" + json + ", CAST(? AS jsonpath), CAST(? AS jsonb), true)",
                member() + " ? (" + filter + ")", variables.toString());
    }

    private Verdict exists(String filter, ObjectNode variables) {
        return Verdict.when(path(filter, variables));
    }

    private Verdict onText(String sql, Object... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = member() + " ? (@.type() == \"string\")";
        System.arraycopy(values, 0, parameters, 1, values.length);
        String text = "(jsonb_path_query_first(" + json + ", CAST(? AS jsonpath), '{}', true) #>> '{}')";
        return Verdict.when(SqlCondition.of(sql.replace("TEXT", text), parameters));
    }

    private static ObjectNode variables() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public Verdict isSet() {
        return exists("@.type() != \"null\" && !(@.type() == \"string\" && @ == \"\")", variables());
    }

    @Override
    public Verdict equalsText(String text) {
        return exists("@ == $v", variables().put("v", text));
    }

    @Override
    public Verdict equalsBoolean(boolean flag) {
        return exists("@ == $v", variables().put("v", flag));
    }

    /**
     * With {@code datesInDoubt}, a member that is not such a number is UNSURE when it is a date-like string: a second
     * path, read only for rows whose member is a string, so most rows read the path once (measured: one path returning
     * the member, typed after, cost more than this). Only the jsonb copy is read, never the text.
     */
    @Override
    public Verdict compare(List<Bound> bounds, boolean datesInDoubt) {
        ObjectNode variables = variables();
        StringBuilder filter = new StringBuilder();
        for (Bound bound : bounds) {
            String name = "b" + variables.size();
            filter.append(filter.isEmpty() ? "" : " && ").append("@ ").append(bound.operator().equals("=") ? "==" : bound.operator())
                    .append(" $").append(name);
            variables.put(name, (BigDecimal) bound.value());
        }
        if (!datesInDoubt) return exists(filter.toString(), variables);
        SqlCondition dated = SqlCondition.of("jsonb_typeof(" + json + " -> CAST(? AS text)) = 'string'", key)
                .and(path("@.type() == \"string\" && @ like_regex \"^" + DAY + "\"", variables()));
        return Verdict.when(path(filter.toString(), variables), dated);
    }

    @Override
    public Verdict contains(String text) {
        return onText("strpos(TEXT, ?) > 0", text);
    }

    @Override
    public Verdict startsWith(String text) {
        return onText("left(TEXT, ?) = ?", JsonComparison.characters(text), text);
    }

    @Override
    public Verdict endsWith(String text) {
        return onText("right(TEXT, ?) = ?", JsonComparison.characters(text), text);
    }
}
