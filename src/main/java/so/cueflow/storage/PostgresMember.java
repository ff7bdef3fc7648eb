package so.cueflow.storage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * A JSON member on PostgreSQL, read with one SQL/JSON path per condition (the text column is parsed once per
 * condition): path comparisons are typed (a number never equals a string; numbers compare as exact decimals) and an
 * unknown result, from a type mix or a missing member, selects nothing. The column is not cast when it holds an
 * escaped NUL, which jsonb refuses ({@link JsonComparison} leaves such rows to the evaluator).
 */
record PostgresMember(String column, String key) implements JsonMember {
    private static final String DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

    private String json() {
        return "(CASE WHEN strpos(" + column + ", '\\u0000') = 0 THEN " + column + "::jsonb END)";
    }

    private String member() {
        return "strict $.\"" + key + "\"";
    }

    private SqlCondition exists(String filter, ObjectNode variables) {
        return SqlCondition.of("COALESCE(jsonb_path_exists(" + json() + ", CAST(? AS jsonpath), CAST(? AS jsonb), true), false)",
                member() + " ? (" + filter + ")", variables.toString());
    }

    private String text() {
        return "(jsonb_path_query_first(" + json() + ", CAST(? AS jsonpath), '{}', true) #>> '{}')";
    }

    private SqlCondition onText(String sql, Object... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = member() + " ? (@.type() == \"string\")";
        System.arraycopy(values, 0, parameters, 1, values.length);
        return SqlCondition.of("COALESCE(" + sql + ", false)", parameters);
    }

    private static ObjectNode variables() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public SqlCondition isSet() {
        return exists("@.type() != \"null\" && !(@.type() == \"string\" && @ == \"\")", variables());
    }

    @Override
    public SqlCondition equalsText(String text) {
        return exists("@ == $v", variables().put("v", text));
    }

    @Override
    public SqlCondition equalsBoolean(boolean flag) {
        return exists("@ == $v", variables().put("v", flag));
    }

    @Override
    public SqlCondition compare(String operator, Number bound) {
        String path = operator.equals("=") ? "==" : operator;
        return exists("@ " + path + " $v", variables().put("v", (BigDecimal) bound));
    }

    @Override
    public SqlCondition contains(String text) {
        return onText("strpos(" + text() + ", ?) > 0", text);
    }

    @Override
    public SqlCondition startsWith(String text) {
        return onText("left(" + text() + ", ?) = ?", JsonComparison.characters(text), text);
    }

    @Override
    public SqlCondition endsWith(String text) {
        return onText("right(" + text() + ", ?) = ?", JsonComparison.characters(text), text);
    }

    /** A dash anywhere in the column first: it spares parsing the JSON of most rows. */
    @Override
    public SqlCondition startsLikeADate() {
        return SqlCondition.of("strpos(" + column + ", '-') > 0").and(exists("@.type() == \"string\" && @ like_regex \"^" + DAY + "\"",
                variables()));
    }
}
