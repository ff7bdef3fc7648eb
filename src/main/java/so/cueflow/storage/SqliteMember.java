package so.cueflow.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON member on SQLite: {@code json_type} names its type (integer, real, text, true, false, null; NULL when
 * missing) and {@code json_extract} gives it as an SQL integer, real or text, which SQLite compares exactly. Each
 * verdict is one {@code CASE json_type(...)}: the type is read once per row and decides which test, if any, reads the
 * value (SQLite reuses the row's parsed JSON for that second call).
 */
record SqliteMember(String column, String path) implements JsonMember {
    private static final String DAY = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]";
    private static final Verdict YES = Verdict.of(String.valueOf(Verdict.YES));
    private static final String NUL = "'\\u0000'";

    /** The verdict for members of one JSON type. */
    private record Branch(String type, Verdict verdict) {
    }

    static SqliteMember of(String column, String key) {
        return new SqliteMember(column, "$." + key);
    }

    /** The member's value, as the left side of {@code test}: binds the path, then {@code values}. */
    private Verdict test(int verdict, String test, Object... values) {
        List<Object> parameters = new ArrayList<>(List.of(path));
        parameters.addAll(List.of(values));
        return new Verdict("CASE WHEN json_extract(" + column + ", ?) " + test + " THEN " + verdict + " ELSE " + Verdict.NO
                + " END", parameters);
    }

    /** One CASE on the member's type (a missing member typed {@code missingAs} when not null): the branch naming it, else {@code otherwise}. */
    private Verdict byType(String missingAs, List<Branch> branches, Verdict otherwise) {
        String type = "json_type(" + column + ", ?)";
        StringBuilder sql = new StringBuilder("CASE ").append(missingAs == null ? type : "COALESCE(" + type + ", '" + missingAs + "')");
        List<Object> parameters = new ArrayList<>(List.of(path));
        for (Branch branch : branches) {
            sql.append(" WHEN '").append(branch.type()).append("' THEN ").append(branch.verdict().sql());
            parameters.addAll(branch.verdict().parameters());
        }
        parameters.addAll(otherwise.parameters());
        return new Verdict(sql.append(" ELSE ").append(otherwise.sql()).append(" END").toString(), parameters);
    }

    private Verdict onText(Verdict verdict) {
        return byType(null, List.of(new Branch("text", readingText(verdict))), Verdict.no());
    }

    /**
     * A verdict that reads the member as text: UNSURE, left to the evaluator, on rows whose JSON holds an escaped NUL,
     * at which SQLite's text functions stop. Only text is guarded: a number, boolean or null is read the same whatever
     * else the row holds, and scanning every row for a NUL cost a quarter of a count over a window of 800,000 events.
     */
    private Verdict readingText(Verdict verdict) {
        return verdict.unsureWhere(SqlCondition.of("instr(" + column + ", " + NUL + ") > 0"));
    }

    @Override
    public Verdict isSet() {
        return byType("null", List.of(new Branch("null", Verdict.no()), new Branch("text", readingText(test(Verdict.YES, "<> ''")))), YES);
    }

    @Override
    public Verdict equalsText(String text) {
        return onText(test(Verdict.YES, "= ?", text));
    }

    @Override
    public Verdict equalsBoolean(boolean flag) {
        return byType(null, List.of(new Branch(String.valueOf(flag), YES)), Verdict.no());
    }

    /** The numbers' test repeated for integer and real: one of them is computed. */
    @Override
    public Verdict compare(List<Bound> bounds, boolean datesInDoubt) {
        List<String> tests = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (Bound bound : bounds) {
            tests.add("json_extract(" + column + ", ?) " + bound.operator() + " ?");
            parameters.addAll(List.of(path, bound.value()));
        }
        Verdict number = Verdict.when(new SqlCondition(String.join(" AND ", tests), parameters));
        List<Branch> branches = new ArrayList<>(List.of(new Branch("integer", number), new Branch("real", number)));
        if (datesInDoubt) branches.add(new Branch("text", readingText(test(Verdict.UNSURE, "GLOB '" + DAY + "*'"))));
        return byType(null, branches, Verdict.no());
    }

    @Override
    public Verdict contains(String text) {
        return onText(Verdict.when(SqlCondition.of("instr(json_extract(" + column + ", ?), ?) > 0", path, text)));
    }

    @Override
    public Verdict startsWith(String text) {
        return onText(Verdict.when(SqlCondition.of("substr(json_extract(" + column + ", ?), 1, ?) = ?", path,
                JsonComparison.characters(text), text)));
    }

    @Override
    public Verdict endsWith(String text) {
        return onText(Verdict.when(SqlCondition.of("substr(json_extract(" + column + ", ?), ?) = ?", path,
                -JsonComparison.characters(text), text)));
    }
}
