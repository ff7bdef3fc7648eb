package so.cueflow.storage;

/**
 * A rule's verdict on each contact it may concern, computed once per statement: {@code table} selects one row per
 * such contact with the columns {@code id} and {@code verdict} (a {@link Verdict}: YES when SQL decides the rule
 * holds, UNSURE when SQL cannot decide it, else NO; contacts with NO may be left out). A statement names the table (a
 * materialized common table expression) and reads it twice: for the contacts the rule selects, and for the proof that
 * no contact is in doubt. {@code negated}: the rule selects every contact but those with YES.
 */
public record Judged(IdSet.Select table, boolean negated) {

    /** The contacts the rule selects, when none of the table named {@code name} is in doubt. */
    public IdSet holds(String name) {
        IdSet.Select ok = IdSet.Select.of("SELECT " + name + ".id AS id FROM " + name + " WHERE " + name + ".verdict = " + Verdict.YES);
        return negated ? new IdSet.AllBut(ok) : ok;
    }

    /** How many contacts of the table named {@code name} SQL cannot decide, as a scalar subquery. */
    public static String doubts(String name) {
        return "(SELECT COUNT(*) FROM " + name + " WHERE " + name + ".verdict = " + Verdict.UNSURE + ")";
    }
}
