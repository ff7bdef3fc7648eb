package so.cueflow.storage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON member on PostgreSQL, read from the column as jsonb ({@link JsonColumn}) with one SQL/JSON path per verdict,
 * or for comparisons with a number by its jsonb type and numeric value (and a path for the date-like strings that
 * leave such a comparison unsure, on rows with a dash): comparisons are typed (a number never equals a string;
 * numbers compare as exact decimals) and an unknown result, from a type mix or a missing member, selects nothing. Rows that are not valid jsonb, such as those holding an
 * escaped NUL, must be left out: {@link JsonComparison} leaves them to the evaluator without reading them.
 */
record PostgresMember(JsonColumn column, String key) implements JsonMember {
    private static final String DAY = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

    private String json() {
        return column.jsonb();
    }

    private String member() {
        return "strict $.\"" + key + "\"";
    }

    private SqlCondition path(String filter, ObjectNode variables) {
        return SqlCondition.of("jsonb_path_exists(" + json() + ", CAST(? AS jsonpath), CAST(? AS jsonb), true)",
                member() + " ? (" + filter + ")", variables.toString());
    }

    private Verdict exists(String filter, ObjectNode variables) {
        return Verdict.when(path(filter, variables));
    }

    private Verdict onText(String sql, Object... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = member() + " ? (@.type() == \"string\")";
        System.arraycopy(values, 0, parameters, 1, values.length);
        String text = "(jsonb_path_query_first(" + json() + ", CAST(? AS jsonpath), '{}', true) #>> '{}')";
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
     * With {@code datesInDoubt}, a member that is not such a number is UNSURE when it is a date-like string: a path,
     * read only for rows with a dash in the column (a date has one).
     */
    @Override
    public Verdict compare(List<Bound> bounds, boolean datesInDoubt) {
        if (!datesInDoubt) return Verdict.when(numberMeeting(bounds));
        SqlCondition dated = SqlCondition.of("strpos(" + column.text() + ", '-') > 0")
                .and(path("@.type() == \"string\" && @ like_regex \"^" + DAY + "\"", variables()));
        return Verdict.when(numberMeeting(bounds), dated);
    }

    /**
     * Whether the member is a number within every bound, compared as exact decimals (numeric): its type is read
     * first, so that nothing else is cast. Measured cheaper than the same test as an SQL/JSON path, whose variables
     * are read again for every row.
     */
    private SqlCondition numberMeeting(List<Bound> bounds) {
        String member = "(" + json() + " -> CAST(? AS text))";
        StringBuilder sql = new StringBuilder("CASE WHEN jsonb_typeof(" + member + ") = 'number' THEN ");
        List<Object> parameters = new ArrayList<>(List.of(key));
        for (int i = 0; i < bounds.size(); i++) {
            sql.append(i > 0 ? " AND " : "").append(member).append("::numeric ").append(bounds.get(i).operator()).append(" ?");
            parameters.add(key);
            parameters.add(bounds.get(i).value());
        }
        return new SqlCondition(sql.append(" ELSE false END").toString(), parameters);
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
