package so.cueflow.storage;

/**
 * A JSON member on SQLite: {@code json_type} names its type (integer, real, text, true, false, null; NULL when
 * missing) and {@code json_extract} gives it as an SQL integer, real or text, which SQLite compares exactly.
 */
record SqliteMember(String column, String path) implements JsonMember {
    private static final String DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]";

    static SqliteMember of(String column, String key) {
        return new SqliteMember(column, "$." + key);
    }

    private String type() {
        return "json_type(" + column + ", ?)";
    }

    private String value() {
        return "json_extract(" + column + ", ?)";
    }

    private String text() {
        return "CASE WHEN " + type() + " = 'text' THEN " + value() + " END";
    }

    private static SqlCondition twoValued(String sql, Object... parameters) {
        return SqlCondition.of("COALESCE(" + sql + ", 0)", parameters);
    }

    @Override
    public SqlCondition isSet() {
        return twoValued(type() + " <> 'null' AND NOT (" + type() + " = 'text' AND " + value() + " = '')", path, path, path);
    }

    @Override
    public SqlCondition equalsText(String text) {
        return twoValued(type() + " = 'text' AND " + value() + " = ?", path, path, text);
    }

    @Override
    public SqlCondition equalsBoolean(boolean flag) {
        return twoValued(type() + " = '" + flag + "'", path);
    }

    @Override
    public SqlCondition compare(String operator, Number bound) {
        return twoValued(type() + " IN ('integer', 'real') AND " + value() + " " + operator + " ?", path, path, bound);
    }

    @Override
    public SqlCondition contains(String text) {
        return twoValued("instr(" + text() + ", ?) > 0", path, path, text);
    }

    @Override
    public SqlCondition startsWith(String text) {
        return twoValued("substr(" + text() + ", 1, ?) = ?", path, path, JsonComparison.characters(text), text);
    }

    @Override
    public SqlCondition endsWith(String text) {
        return twoValued("substr(" + text() + ", ?) = ?", path, path, -JsonComparison.characters(text), text);
    }

    /**
     * A dash anywhere in the column first: it spares parsing the JSON of most rows, at a fraction of the cost of a
     * GLOB for a date anywhere in the text (measured: 0.08 s against 0.40 s over 200,000 contacts).
     */
    @Override
    public SqlCondition startsLikeADate() {
        return twoValued("instr(" + column + ", '-') > 0 AND " + type() + " = 'text' AND " + value() + " GLOB '" + DAY + "*'",
                path, path);
    }
}
