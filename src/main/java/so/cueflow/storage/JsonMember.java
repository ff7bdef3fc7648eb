package so.cueflow.storage;

/**
 * One member of a flat JSON object column, as each engine reads it: the conditions {@link JsonComparison} is built
 * from. Every condition is two-valued: a missing member, a JSON null or a value of another type makes it false.
 */
sealed interface JsonMember permits SqliteMember, PostgresMember {

    /** Any value but null and the empty string. */
    SqlCondition isSet();

    SqlCondition equalsText(String text);

    SqlCondition equalsBoolean(boolean flag);

    /** A number compared with {@code bound} by {@code operator} (=, &lt;, &gt;, &lt;=, &gt;=). */
    SqlCondition compare(String operator, Number bound);

    SqlCondition contains(String text);

    SqlCondition startsWith(String text);

    SqlCondition endsWith(String text);

    /** A string that starts like yyyy-MM-dd (ASCII digits): one the evaluator may read as an instant. */
    SqlCondition startsLikeADate();
}
