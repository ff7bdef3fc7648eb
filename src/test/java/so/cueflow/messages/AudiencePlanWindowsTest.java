package so.cueflow.messages;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import so.cueflow.storage.ContactScope;
import so.cueflow.storage.Dialect;
import so.cueflow.targeting.RuleParser;
import so.cueflow.targeting.Targeting;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which table a windowed "any event in the window" rule is counted from: the activity rollups when every raw event of
 * the window is kept, the raw events when the window begins before a retention purge's cutoff (the rollups still
 * remember the purged events there). EventRetentionIT and AudiencePreviewIT hold both answers to the evaluator.
 */
class AudiencePlanWindowsTest {
    private static final long NOW = 1_795_000_000_000L;
    private static final long DAY = 86_400_000L;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWindowWhoseEventsAreAllKeptIsAnsweredByTheLatestTimeOfTheRollup(Dialect dialect) {
        AsOf purgedTenDaysAgo = new AsOf(NOW, NOW - 10 * DAY);
        for (Map<String, Object> rule : List.<Map<String, Object>>of(
                rule("has_done", null, 7), rule("has_not_done", null, 7), rule("count_greater_than", 0L, 7),
                rule("count_equals", 0L, 10), rule("count_less_than", 1L, 7))) {
            assertThat(sql(rule, purgedTenDaysAgo, dialect)).as(rule.toString()).contains("a.last_at >= ?").doesNotContain("FROM events");
            assertThat(sql(rule, AsOf.allKept(NOW), dialect)).as(rule.toString()).contains("a.last_at >= ?").doesNotContain("FROM events");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWindowBeginningBeforeThePurgesCutoffOrCountingMoreThanOneEventReadsTheRawEvents(Dialect dialect) {
        AsOf purgedTenDaysAgo = new AsOf(NOW, NOW - 10 * DAY);
        for (Map<String, Object> rule : List.<Map<String, Object>>of(rule("has_done", null, 11), rule("has_not_done", null, 30),
                rule("count_equals", 0L, 11))) {
            assertThat(sql(rule, purgedTenDaysAgo, dialect)).as(rule.toString()).contains("FROM events").doesNotContain("a.last_at");
        }
        for (Map<String, Object> rule : List.<Map<String, Object>>of(rule("count_greater_than", 1L, 7), rule("count_equals", 1L, 7),
                rule("count_less_than", 2L, 7))) {
            assertThat(sql(rule, AsOf.allKept(NOW), dialect)).as(rule.toString()).contains("FROM events").doesNotContain("a.last_at");
        }
    }

    private static Map<String, Object> rule(String operator, Long value, int withinDays) {
        return value == null ? Map.of("type", "event", "eventKey", "signed_in", "operator", operator, "withinDays", withinDays)
                : Map.of("type", "event", "eventKey", "signed_in", "operator", operator, "value", value, "withinDays", withinDays);
    }

    private static String sql(Map<String, Object> rule, AsOf asOf, Dialect dialect) {
        Targeting targeting = new RuleParser().parse(Map.of("groups", List.of(Map.of("rules", List.of(rule)))));
        return AudiencePlan.of(targeting, ContactScope.all("w"), asOf, dialect).exact().sql();
    }
}
