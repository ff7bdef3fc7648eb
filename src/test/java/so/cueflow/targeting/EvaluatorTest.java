package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static so.cueflow.targeting.TargetingJson.oneRule;
import static so.cueflow.targeting.TargetingJson.parse;
import static so.cueflow.targeting.Verdicts.DAY;
import static so.cueflow.targeting.Verdicts.EVALUATOR;
import static so.cueflow.targeting.Verdicts.NOW_MS;
import static so.cueflow.targeting.Verdicts.contact;
import static so.cueflow.targeting.Verdicts.event;
import static so.cueflow.targeting.Verdicts.matches;
import static so.cueflow.targeting.Verdicts.page;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event rules, groups and explanations; contact and page operators are in ContactAndPageRuleEvaluationTest. */
class EvaluatorTest {

    private static History exportsAt(long... times) {
        History history = new History();
        for (long at : times) {
            history.did("export_completed", at);
        }
        return history;
    }

    @Test
    void countGreaterThanIsFalseWhenTheCountEqualsTheValueAndTrueOneAbove() {
        String moreThanTwo = event("count_greater_than", "'value': 2");

        assertThat(matches(moreThanTwo, exportsAt(1).rollupsOnly())).isFalse();
        assertThat(matches(moreThanTwo, exportsAt(1, 2).rollupsOnly())).isFalse();
        assertThat(matches(moreThanTwo, exportsAt(1, 2, 3).rollupsOnly())).isTrue();
        assertThat(matches(event("count_greater_than", "'value': 0"), exportsAt(1).rollupsOnly())).isTrue();
    }

    @Test
    void firstDoneWithinCountsTheWindowStartAsInsideAndOneMillisecondEarlierAsOutside() {
        String firstWithinSevenDays = event("first_done_within", "'days': 7");
        long start = NOW_MS - 7 * DAY;

        assertThat(matches(firstWithinSevenDays, exportsAt(start, NOW_MS).rollupsOnly())).isTrue();
        assertThat(matches(firstWithinSevenDays, exportsAt(start - 1, NOW_MS).rollupsOnly())).isFalse();
    }

    @Test
    void lastDoneWithinCountsTheWindowStartAsInsideAndOneMillisecondEarlierAsOutside() {
        String lastWithinOneDay = event("last_done_within", "'days': 1");
        long start = NOW_MS - DAY;

        assertThat(matches(lastWithinOneDay, exportsAt(start - 5 * DAY, start).rollupsOnly())).isTrue();
        assertThat(matches(lastWithinOneDay, exportsAt(start - 5 * DAY, start - 1).rollupsOnly())).isFalse();
    }

    @Test
    void withinDaysCountsTheWindowStartAsInsideAndExcludesOlderEvents() {
        String moreThanOneInThirtyDays = event("count_greater_than", "'value': 1, 'withinDays': 30");
        long start = NOW_MS - 30 * DAY;

        assertThat(matches(moreThanOneInThirtyDays, exportsAt(start, NOW_MS).withRawEvents())).isTrue();
        assertThat(matches(moreThanOneInThirtyDays, exportsAt(start - 1, NOW_MS).withRawEvents())).isFalse();
        assertThat(matches(moreThanOneInThirtyDays, exportsAt(start - 100 * DAY, start - DAY, NOW_MS).withRawEvents())).isFalse();
    }

    @Test
    void eventsDatedAheadOfNowAreInsideTheWindows() {
        History tomorrow = exportsAt(NOW_MS + DAY);

        assertThat(matches(event("last_done_within", "'days': 1"), tomorrow.rollupsOnly())).isTrue();
        assertThat(matches(event("count_greater_than", "'value': 0, 'withinDays': 1"), tomorrow.withRawEvents())).isTrue();
    }

    @Test
    void aBrandNewContactHasNotDoneAnything() {
        Activity none = new History().withRawEvents("export_completed");

        assertThat(matches(event("has_not_done", ""), Activity.NONE)).isTrue();
        assertThat(matches(event("has_done", ""), Activity.NONE)).isFalse();
        assertThat(matches(event("count_greater_than", "'value': 0"), Activity.NONE)).isFalse();
        assertThat(matches(event("first_done_within", "'days': 36500"), Activity.NONE)).isFalse();
        assertThat(matches(event("last_done_within", "'days': 36500"), Activity.NONE)).isFalse();
        assertThat(matches(event("has_not_done", "'where': [{'property': 'format', 'operator': 'is_set'}]"), none)).isTrue();
        assertThat(matches(event("count_greater_than", "'value': 0, 'withinDays': 3"), none)).isFalse();
    }

    @Test
    void aBackFilledEventOlderThanTheFirstMovesFirstAtInTheRollup() {
        KeyStats rollup = KeyStats.of(NOW_MS - 2 * DAY).combinedWith(KeyStats.of(NOW_MS - DAY));
        Targeting firstWithinSevenDays = parse(oneRule(event("first_done_within", "'days': 7")));
        Subject before = new Subject(ContactFields.NONE, new Activity(Map.of("export_completed", rollup), Map.of()), null);

        KeyStats backFilled = rollup.combinedWith(KeyStats.of(NOW_MS - 10 * DAY));
        Subject after = new Subject(ContactFields.NONE, new Activity(Map.of("export_completed", backFilled), Map.of()), null);

        assertThat(backFilled).isEqualTo(new KeyStats(3, NOW_MS - 10 * DAY, NOW_MS - DAY));
        assertThat(matches(firstWithinSevenDays, before)).isTrue();
        assertThat(matches(firstWithinSevenDays, after)).isFalse();
    }

    @Test
    void whereCountsOnlyTheMatchingEvents() {
        History history = new History()
                .did("export_completed", NOW_MS - 20 * DAY, "format", "csv")
                .did("export_completed", NOW_MS - 10 * DAY, "format", "pdf")
                .did("export_completed", NOW_MS - DAY, "format", "csv")
                .did("export_completed", NOW_MS - 2 * DAY);
        String csv = "'where': [{'property': 'format', 'operator': 'equals', 'value': 'csv'}]";

        assertThat(matches(event("count_greater_than", "'value': 1, " + csv), history.withRawEvents())).isTrue();
        assertThat(matches(event("count_greater_than", "'value': 2, " + csv), history.withRawEvents())).isFalse();
        assertThat(matches(event("first_done_within", "'days': 15, " + csv), history.withRawEvents())).isFalse();
        assertThat(matches(event("last_done_within", "'days': 1, " + csv), history.withRawEvents())).isTrue();
        assertThat(matches(event("has_not_done", "'where': [{'property': 'format', 'operator': 'equals', 'value': 'xlsx'}]"),
                history.withRawEvents())).isTrue();
    }

    @Test
    void whereAndWithinDaysCombine() {
        History history = new History()
                .did("export_completed", NOW_MS - 40 * DAY, "rows", 5000)
                .did("export_completed", NOW_MS - 3 * DAY, "rows", 5000.0)
                .did("export_completed", NOW_MS - 2 * DAY, "rows", 10);
        String big = "'where': [{'property': 'rows', 'operator': 'greater_than', 'value': 1000}]";

        assertThat(matches(event("count_greater_than", "'value': 0, 'withinDays': 30, " + big), history.withRawEvents())).isTrue();
        assertThat(matches(event("count_greater_than", "'value': 1, 'withinDays': 30, " + big), history.withRawEvents())).isFalse();
        assertThat(matches(event("count_greater_than", "'value': 1, " + big), history.withRawEvents())).isTrue();
    }

    @Test
    void missingRawEventsAreACallerBugEvenWhenAnEarlierRuleAlreadyFails() {
        Targeting targeting = parse(oneRule(contact("plan", "equals", "'value': 'pro'") + ", "
                + event("count_greater_than", "'value': 0, 'withinDays': 3")));
        Subject subject = new Subject(ContactFields.NONE, exportsAt(NOW_MS).rollupsOnly(), null);

        assertThatThrownBy(() -> EVALUATOR.matches(targeting, subject))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("export_completed");
        assertThatThrownBy(() -> EVALUATOR.explain(targeting, subject)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void groupsAreOredAndRulesInAGroupAnded() {
        Targeting targeting = parse("{'groups': ["
                + "{'rules': [" + contact("plan", "equals", "'value': 'pro'") + ", " + event("has_done", "") + "]},"
                + "{'rules': [" + contact("role", "equals", "'value': 'admin'") + "]}]}");
        Activity exported = exportsAt(NOW_MS).rollupsOnly();

        assertThat(matches(targeting, new Subject(Contacts.of(Map.of("plan", "pro")), exported, null))).isTrue();
        assertThat(matches(targeting, new Subject(Contacts.of(Map.of("plan", "pro")), Activity.NONE, null))).isFalse();
        assertThat(matches(targeting, new Subject(Contacts.of(Map.of("plan", "free")), exported, null))).isFalse();
        assertThat(matches(targeting, new Subject(Contacts.of(Map.of("role", "admin")), Activity.NONE, null))).isTrue();
    }

    @Test
    void noGroupsMatchEveryone() {
        Explanation explanation = EVALUATOR.explain(Targeting.EVERYONE, new Subject(ContactFields.NONE, Activity.NONE, null));

        assertThat(EVALUATOR.matches(Targeting.EVERYONE, new Subject(ContactFields.NONE, Activity.NONE, null))).isTrue();
        assertThat(explanation.matches()).isTrue();
        assertThat(explanation.groups()).isEmpty();
    }

    @Test
    void explainGivesTheNumbersBehindEveryRule() {
        History history = new History()
                .did("export_completed", NOW_MS - 40 * DAY, "format", "csv")
                .did("export_completed", NOW_MS - 3 * DAY, "format", "csv")
                .did("export_completed", NOW_MS - 2 * DAY, "format", "pdf");
        Targeting targeting = parse("{'groups': [{'rules': ["
                + event("count_greater_than", "'value': 1, 'withinDays': 30, "
                        + "'where': [{'property': 'format', 'operator': 'equals', 'value': 'csv'}]") + ", "
                + event("last_done_within", "'days': 7") + "]}, {'rules': ["
                + contact("plan", "equals", "'value': 'pro'") + ", "
                + "{'type': 'page', 'field': 'path', 'operator': 'starts_with', 'value': '/settings'}]}]}");
        Subject subject = new Subject(Contacts.of(Map.of("plan", "pro")), history.withRawEvents(), new Page("https://x.io/settings", "/settings"));

        Explanation explanation = EVALUATOR.explain(targeting, subject);

        assertThat(explanation.matches()).isTrue();
        assertThat(explanation.evaluatedAt()).isEqualTo(NOW_MS);
        assertThat(explanation.groups()).extracting(GroupExplanation::matches).containsExactly(false, true);
        assertThat(explanation.groups().get(0).rules()).containsExactly(
                new EventRuleExplanation("event", "has done export_completed more than 1 time in the last 30 days "
                        + "where format equals \"csv\"", false, "export_completed", 1, NOW_MS - 40 * DAY, NOW_MS - 3 * DAY,
                        1L, NOW_MS - 30 * DAY),
                new EventRuleExplanation("event", "last did export_completed in the last 7 days", true,
                        "export_completed", 3, NOW_MS - 40 * DAY, NOW_MS - 2 * DAY, null, NOW_MS - 7 * DAY));
        assertThat(explanation.groups().get(1).rules()).containsExactly(
                new ContactRuleExplanation("contact", "plan equals \"pro\"", true, "plan", "pro"),
                new PageRuleExplanation("page", "page path starts with \"/settings\"", true, "path", "/settings"));
    }

    @Test
    void explanationsSerialiseToJsonAsTheyAre() {
        Targeting targeting = parse(oneRule(event("has_done", "") + ", " + contact("customAttributes.seats", "is_set", "")));
        Subject subject = new Subject(Contacts.of(Map.of("customAttributes", Map.of("seats", 3))), exportsAt(NOW_MS).rollupsOnly(), null);

        String json = JsonText.write(EVALUATOR.explain(targeting, subject));

        assertThat(json).isEqualTo("{\"matches\":true,\"evaluatedAt\":" + NOW_MS + ",\"groups\":[{\"matches\":true,\"rules\":["
                + "{\"type\":\"event\",\"description\":\"has done export_completed\",\"matches\":true,"
                + "\"eventKey\":\"export_completed\",\"count\":1,\"firstAt\":" + NOW_MS + ",\"lastAt\":" + NOW_MS + ","
                + "\"threshold\":null,\"windowStart\":null},"
                + "{\"type\":\"contact\",\"description\":\"customAttributes.seats is set\",\"matches\":true,"
                + "\"field\":\"customAttributes.seats\",\"actual\":3}]}]}");
    }
}
