package so.cueflow.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * A three-valued SQL expression, never NULL: {@value #NO} when a comparison does not hold, {@value #YES} when it holds,
 * {@value #UNSURE} when SQL cannot decide it and leaves it to the evaluator. A row's verdict is computed once and then
 * read as a number, so the JSON behind it is typed and compared once per row (computing "holds" and "unsure" as two
 * conditions typed and compared it twice or more). Verdicts combine as in three-valued logic: {@link #all} is the
 * least of them (one that does not hold decides, whatever SQL is unsure of), {@link #not} swaps NO and YES.
 */
public record Verdict(String sql, List<Object> parameters) {
    public static final int NO = 0;
    public static final int UNSURE = 1;
    public static final int YES = 2;

    public Verdict {
        parameters = List.copyOf(parameters);
    }

    public static Verdict of(String sql, Object... parameters) {
        return new Verdict(sql, List.of(parameters));
    }

    /** A comparison SQL decides for every row. */
    public static Verdict when(SqlCondition condition) {
        return new Verdict("CASE WHEN " + condition.sql() + " THEN " + YES + " ELSE " + NO + " END", condition.parameters());
    }

    /** YES where {@code holds}; else UNSURE where {@code unsure} (computed only for those rows); else NO. */
    public static Verdict when(SqlCondition holds, SqlCondition unsure) {
        List<Object> joined = new ArrayList<>(holds.parameters());
        joined.addAll(unsure.parameters());
        return new Verdict("CASE WHEN " + holds.sql() + " THEN " + YES + " WHEN " + unsure.sql() + " THEN " + UNSURE + " ELSE "
                + NO + " END", joined);
    }

    public static Verdict no() {
        return of(String.valueOf(NO));
    }

    /** UNSURE where {@code doubtful} holds, else this verdict (not computed for those rows). */
    public Verdict unsureWhere(SqlCondition doubtful) {
        List<Object> joined = new ArrayList<>(doubtful.parameters());
        joined.addAll(parameters);
        return new Verdict("CASE WHEN " + doubtful.sql() + " THEN " + UNSURE + " ELSE " + sql + " END", joined);
    }

    public Verdict not() {
        return new Verdict(YES + " - (" + sql + ")", parameters);
    }

    /** The verdict of all of them holding: the least (SQLite's many-argument min, PostgreSQL's LEAST). */
    public static Verdict all(List<Verdict> verdicts, Dialect dialect) {
        if (verdicts.isEmpty()) return of(String.valueOf(YES));
        if (verdicts.size() == 1) return verdicts.get(0);
        List<Object> joined = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            sql.add(verdict.sql());
            joined.addAll(verdict.parameters());
        }
        return new Verdict((dialect == Dialect.POSTGRESQL ? "LEAST(" : "min(") + String.join(", ", sql) + ")", joined);
    }

    /** The rows SQL decides it holds for. */
    public SqlCondition holds() {
        return new SqlCondition("(" + sql + ") = " + YES, parameters);
    }

    /** The rows SQL leaves to the evaluator. */
    public SqlCondition unsure() {
        return new SqlCondition("(" + sql + ") = " + UNSURE, parameters);
    }
}
