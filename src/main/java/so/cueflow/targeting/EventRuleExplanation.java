package so.cueflow.targeting;

/**
 * {@code count} is the number the verdict used: events meeting the where conditions, inside the window when the
 * rule counts in one (withinDays on any operator but first/last_done_within). {@code firstAt}/{@code lastAt} span all events meeting the where conditions
 * (null when none). {@code threshold} is a count operator's value; {@code windowStart} the window's first instant.
 */
public record EventRuleExplanation(String type, String description, boolean matches, String eventKey, long count,
                                   Long firstAt, Long lastAt, Long threshold, Long windowStart)
        implements RuleExplanation {
}
