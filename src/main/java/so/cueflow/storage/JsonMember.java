package so.cueflow.storage;

import java.util.List;

/**
 * One member of a flat JSON object column, as each engine reads it: the comparisons {@link JsonComparison} is built
 * from, each as a {@link Verdict} that types the member once per row. A missing member, a JSON null or a value of
 * another type gives NO; only {@link #compare} with {@code datesInDoubt} gives UNSURE.
 */
sealed interface JsonMember permits SqliteMember, PostgresMember {

    /** A number compared with {@code value} by {@code operator} (=, &lt;, &gt;, &lt;=, &gt;=). */
    record Bound(String operator, Number value) {
    }

    /** Any value but null and the empty string. */
    Verdict isSet();

    Verdict equalsText(String text);

    Verdict equalsBoolean(boolean flag);

    /**
     * A number within every bound. {@code datesInDoubt}: a string that starts like yyyy-MM-dd (ASCII digits), which the
     * evaluator may read as an instant, is UNSURE rather than NO.
     */
    Verdict compare(List<Bound> bounds, boolean datesInDoubt);

    Verdict contains(String text);

    Verdict startsWith(String text);

    Verdict endsWith(String text);
}
