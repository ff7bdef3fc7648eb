package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.targeting.TargetingJson.RULE;
import static so.cueflow.targeting.TargetingJson.onlyProblem;
import static so.cueflow.targeting.TargetingJson.onlyRule;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventRuleParserTest {

    @Test
    void everyEventOperatorParsesWithItsParameters() {
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done'}"))
                .isEqualTo(new EventRule("a", EventOperator.HAS_DONE, null, null, List.of()));
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'value': 0, 'withinDays': 30}"))
                .isEqualTo(new EventRule("a", EventOperator.COUNT_GREATER_THAN, 0L, 30, List.of()));
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'first_done_within', 'days': 7}"))
                .isEqualTo(new EventRule("a", EventOperator.FIRST_DONE_WITHIN, null, 7, List.of()));
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'last_done_within', 'days': 1}"))
                .isEqualTo(new EventRule("a", EventOperator.LAST_DONE_WITHIN, null, 1, List.of()));
    }

    @Test
    void aWhereListParsesIntoPropertyConditions() {
        Rule rule = onlyRule("""
                {'type': 'event', 'eventKey': 'purchase_completed', 'operator': 'has_done', 'where': [
                  {'property': 'plan', 'operator': 'equals', 'value': 'pro'},
                  {'property': 'amount', 'operator': 'between', 'value': [10, 99.5]},
                  {'property': 'isFirstPurchase', 'operator': 'is_set'}]}""");

        assertThat(((EventRule) rule).where()).containsExactly(
                new PropertyCondition("plan", ValueOperator.EQUALS, "pro"),
                new PropertyCondition("amount", ValueOperator.BETWEEN, List.of(10, 99.5)),
                new PropertyCondition("isFirstPurchase", ValueOperator.IS_SET, null));
    }

    @Test
    void anUnknownEventOperatorListsTheAllowedOnes() {
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'has_dones'}")).isEqualTo(new Problem(
                RULE + ".operator", "unknown operator \"has_dones\" for an event rule; expected one of has_done, "
                        + "has_not_done, count_greater_than, count_less_than, count_equals, first_done_within, last_done_within"));
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a'}").field()).isEqualTo(RULE + ".operator");
    }

    @Test
    void parametersThatDoNotBelongToTheOperatorAreRejected() {
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'days': 3}")).isEqualTo(new Problem(
                RULE + ".days", "\"days\" does not apply to has_done: has_done takes an optional withinDays (a whole number >= 1) besides an optional where"));
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'has_not_done', 'value': 1}").field())
                .isEqualTo(RULE + ".value");
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'last_done_within', 'days': 3, 'withinDays': 4}").field())
                .isEqualTo(RULE + ".withinDays");
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'value': 3, 'days': 3}").field())
                .isEqualTo(RULE + ".days");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plan', 'operator': 'equals', 'value': 'a', 'days': 3}").field())
                .isEqualTo(RULE + ".days");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plan', 'operator': 'is_set', 'value': 'a'}"))
                .isEqualTo(new Problem(RULE + ".value", "\"value\" does not apply to is_set: is_set takes no value"));
        assertThat(onlyProblem("{'type': 'contact', 'field': 'signedUpAt', 'operator': 'is_within', 'days': 3, 'value': 1}").field())
                .isEqualTo(RULE + ".value");
    }

    @Test
    void requiredParametersAreReportedWhenMissing() {
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'withinDays': 7}"))
                .isEqualTo(new Problem(RULE + ".value", "\"value\" is required for count_greater_than: count_greater_than "
                        + "takes value (a whole number >= 0) and optionally withinDays"));
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'last_done_within'}").field()).isEqualTo(RULE + ".withinDays");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'signedUpAt', 'operator': 'is_before'}").field()).isEqualTo(RULE + ".days");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plan', 'operator': 'contains'}").field()).isEqualTo(RULE + ".value");
        assertThat(onlyProblem("{'type': 'contact', 'operator': 'is_set'}").field()).isEqualTo(RULE + ".field");
        assertThat(onlyProblem("{'type': 'page', 'field': 'url', 'operator': 'equals'}").field()).isEqualTo(RULE + ".value");
    }

    @Test
    void aNullParameterCountsAsAbsent() {
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'value': 1, 'withinDays': null, 'days': null, 'where': null}"))
                .isEqualTo(new EventRule("a", EventOperator.COUNT_GREATER_THAN, 1L, null, List.of()));
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'first_done_within', 'days': null}").field())
                .isEqualTo(RULE + ".withinDays");
    }

    @Test
    void countsAndDaysMustBeWholeNumbersInRange() {
        String count = "{'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'value': %s}";
        assertThat(onlyProblem(count.formatted("-1")).message()).isEqualTo("\"value\" must be from 0 to 2147483647, got -1");
        assertThat(onlyProblem(count.formatted("2.5")).message())
                .isEqualTo("\"value\" must be a whole number from 0 to 2147483647, got 2.5");
        assertThat(onlyProblem(count.formatted("'3'")).message()).endsWith("got the string \"3\"");
        assertThat(onlyProblem(count.formatted("true")).field()).isEqualTo(RULE + ".value");
        assertThat(onlyProblem(count.formatted("2147483648")).field()).isEqualTo(RULE + ".value");
        assertThat(onlyProblem(count.formatted("123456789012345678901234567890")).field()).isEqualTo(RULE + ".value");
        assertThat(((EventRule) onlyRule(count.formatted("3.0"))).value()).isEqualTo(3L);

        String within = "{'type': 'event', 'eventKey': 'a', 'operator': 'first_done_within', 'days': %s}";
        assertThat(onlyProblem(within.formatted("0")).message()).isEqualTo("\"days\" must be from 1 to 36500, got 0");
        assertThat(onlyProblem(within.formatted("36501")).field()).isEqualTo(RULE + ".days");
        assertThat(((EventRule) onlyRule(within.formatted("36500"))).withinDays()).isEqualTo(36500);
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'value': 1, 'withinDays': 0}").field())
                .isEqualTo(RULE + ".withinDays");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'lastSeenAt', 'operator': 'is_within', 'days': 1.5}").field())
                .isEqualTo(RULE + ".days");
    }

    @Test
    void eventKeysMustBeSnakeCaseAndAtMostOneHundredCharacters() {
        String rule = "{'type': 'event', 'eventKey': '%s', 'operator': 'has_done'}";
        for (String bad : List.of("ExportDone", "exportDone", "1export", "export__done", "export_", "_export", "export-done", "")) {
            assertThat(onlyProblem(rule.formatted(bad)).field()).as(bad).isEqualTo(RULE + ".eventKey");
        }
        assertThat(onlyProblem(rule.formatted("exportDone")).message()).isEqualTo("\"eventKey\" must be a snake_case event "
                + "key such as \"purchase_completed\" (lowercase letters and digits in words joined by single underscores), "
                + "got \"exportDone\"");
        String hundred = "a".repeat(100);
        assertThat(((EventRule) onlyRule(rule.formatted(hundred))).eventKey()).isEqualTo(hundred);
        assertThat(onlyProblem(rule.formatted(hundred + "a")).message())
                .isEqualTo("\"eventKey\" may be at most 100 characters, got 101");
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 7, 'operator': 'has_done'}").field()).isEqualTo(RULE + ".eventKey");
        assertThat(onlyProblem("{'type': 'event', 'operator': 'has_done'}").field()).isEqualTo(RULE + ".eventKey");
        assertThat(((EventRule) onlyRule(rule.formatted("step2_done_v2"))).eventKey()).isEqualTo("step2_done_v2");
    }

    @Test
    void whereConditionsAreCheckedOneByOne() {
        String rule = "{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'where': %s}";
        assertThat(onlyProblem(rule.formatted("{'property': 'p'}")).message()).isEqualTo("\"where\" must be a list, got an object");
        assertThat(onlyProblem(rule.formatted("['plan']")).field()).isEqualTo(RULE + ".where[0]");
        assertThat(onlyProblem(rule.formatted("[{'property': 'has space', 'operator': 'is_set'}]")).field())
                .isEqualTo(RULE + ".where[0].property");
        assertThat(onlyProblem(rule.formatted("[{'operator': 'is_set'}]")).field()).isEqualTo(RULE + ".where[0].property");
        assertThat(onlyProblem(rule.formatted("[{'property': 'p', 'operator': 'is_set'}, {'property': 'p', 'operator': 'equals'}]")))
                .isEqualTo(new Problem(RULE + ".where[1].value",
                        "\"value\" is required for equals: equals takes value: a string, number or boolean"));
        assertThat(onlyProblem(rule.formatted("[{'property': 'p', 'operator': 'is_not_set', 'value': 1}]")).field())
                .isEqualTo(RULE + ".where[0].value");
        assertThat(onlyProblem(rule.formatted("[{'property': 'p', 'operator': 'contains', 'value': 1}]")).message())
                .isEqualTo("\"value\" must be a non-empty string for contains, got 1");
    }

    @Test
    void dateWindowsAreNotOperatorsOfWhereConditions() {
        Problem problem = onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'where': "
                + "[{'property': 'at', 'operator': 'is_within'}]}");

        assertThat(problem.field()).isEqualTo(RULE + ".where[0].operator");
        assertThat(problem.message()).isEqualTo("unknown operator \"is_within\" for a where condition; expected one of "
                + "equals, not_equals, is_set, is_not_set, contains, not_contains, starts_with, ends_with, greater_than, "
                + "less_than, between");
    }
}
