package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.targeting.TargetingJson.RULE;
import static so.cueflow.targeting.TargetingJson.onlyProblem;
import static so.cueflow.targeting.TargetingJson.onlyRule;
import static so.cueflow.targeting.Verdicts.DAY;
import static so.cueflow.targeting.Verdicts.NOW_MS;
import static so.cueflow.targeting.Verdicts.event;
import static so.cueflow.targeting.Verdicts.matches;

import java.util.List;
import org.junit.jupiter.api.Test;

/** has_done / has_not_done with a window, count_less_than and count_equals, and withinDays as the one window name. */
class NewEventOperatorsTest {

    private static History exportsAt(long... times) {
        History history = new History();
        for (long at : times) {
            history.did("export_completed", at);
        }
        return history;
    }

    @Test
    void hasNotDoneWithinSevenDaysIsTrueForAContactWhoNeverDidIt() {
        String inactive = event("has_not_done", "'withinDays': 7");

        assertThat(matches(inactive, new History().withRawEvents("export_completed"))).isTrue();
        assertThat(matches(inactive, new History().did("signed_in", NOW_MS).withRawEvents("export_completed"))).isTrue();
    }

    @Test
    void hasDoneAndHasNotDoneWithinDaysCountTheWindowStartAsInsideAndOneMillisecondEarlierAsOutside() {
        long start = NOW_MS - 7 * DAY;
        String done = event("has_done", "'withinDays': 7");
        String notDone = event("has_not_done", "'withinDays': 7");

        assertThat(matches(done, exportsAt(start).withRawEvents())).isTrue();
        assertThat(matches(notDone, exportsAt(start).withRawEvents())).isFalse();
        assertThat(matches(done, exportsAt(start - 1).withRawEvents())).isFalse();
        assertThat(matches(notDone, exportsAt(start - 1).withRawEvents())).isTrue();
        assertThat(matches(notDone, exportsAt(start - 30 * DAY, start - 1).withRawEvents())).isTrue();
    }

    @Test
    void countLessThanIsTrueBelowTheValueFalseAtItAndTrueForNoEventsAtAll() {
        String fewerThanTwo = event("count_less_than", "'value': 2");

        assertThat(matches(fewerThanTwo, Activity.NONE)).isTrue();
        assertThat(matches(fewerThanTwo, exportsAt(1).rollupsOnly())).isTrue();
        assertThat(matches(fewerThanTwo, exportsAt(1, 2).rollupsOnly())).isFalse();
        assertThat(matches(event("count_less_than", "'value': 0"), Activity.NONE)).isFalse();
    }

    @Test
    void countEqualsMatchesOnlyTheExactCountAndZeroMeansNeverDone() {
        String exactlyTwo = event("count_equals", "'value': 2");

        assertThat(matches(exactlyTwo, exportsAt(1).rollupsOnly())).isFalse();
        assertThat(matches(exactlyTwo, exportsAt(1, 2).rollupsOnly())).isTrue();
        assertThat(matches(exactlyTwo, exportsAt(1, 2, 3).rollupsOnly())).isFalse();
        assertThat(matches(event("count_equals", "'value': 0"), Activity.NONE)).isTrue();
        assertThat(matches(event("count_equals", "'value': 0"), exportsAt(1).rollupsOnly())).isFalse();
    }

    @Test
    void countOperatorsWithinDaysCountOnlyFromTheWindowStartOn() {
        long start = NOW_MS - 30 * DAY;
        Activity edge = exportsAt(start - 1, start, NOW_MS).withRawEvents();

        assertThat(matches(event("count_equals", "'value': 2, 'withinDays': 30"), edge)).isTrue();
        assertThat(matches(event("count_less_than", "'value': 3, 'withinDays': 30"), edge)).isTrue();
        assertThat(matches(event("count_less_than", "'value': 2, 'withinDays': 30"), edge)).isFalse();
        assertThat(matches(event("count_equals", "'value': 3"), edge)).isTrue();
    }

    @Test
    void theNewOperatorsParseWithTheirParameters() {
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'has_not_done', 'withinDays': 7}"))
                .isEqualTo(new EventRule("a", EventOperator.HAS_NOT_DONE, null, 7, List.of()));
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'count_less_than', 'value': 3, 'withinDays': 2}"))
                .isEqualTo(new EventRule("a", EventOperator.COUNT_LESS_THAN, 3L, 2, List.of()));
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'count_equals', 'value': 0}"))
                .isEqualTo(new EventRule("a", EventOperator.COUNT_EQUALS, 0L, null, List.of()));
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'count_equals'}").field()).isEqualTo(RULE + ".value");
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'count_less_than', 'value': 1, 'days': 2}").field())
                .isEqualTo(RULE + ".days");
    }

    @Test
    void withinDaysAndDaysAreTheSameWindowOfFirstAndLastDoneWithin() {
        EventRule byDays = (EventRule) onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'last_done_within', 'days': 7}");
        EventRule byWithinDays = (EventRule) onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'last_done_within', 'withinDays': 7}");
        EventRule both = (EventRule) onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'last_done_within', 'days': 7, 'withinDays': 7}");

        assertThat(byDays).isEqualTo(byWithinDays).isEqualTo(both);
        Problem differ = onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'first_done_within', 'days': 7, 'withinDays': 3}");
        assertThat(differ.field()).isEqualTo(RULE + ".withinDays");
        assertThat(differ.message()).contains("withinDays", "days", "same window", "7", "3");
    }

    @Test
    void descriptionsNameTheWindow() {
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'has_not_done', 'withinDays': 7}").description())
                .isEqualTo("has not done a in the last 7 days");
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'count_equals', 'value': 1}").description())
                .isEqualTo("has done a exactly 1 time");
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'a', 'operator': 'count_less_than', 'value': 3, 'withinDays': 1}").description())
                .isEqualTo("has done a fewer than 3 times in the last 1 day");
    }
}
