package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static so.cueflow.targeting.TargetingJson.RULE;
import static so.cueflow.targeting.TargetingJson.oneRule;
import static so.cueflow.targeting.TargetingJson.onlyProblem;
import static so.cueflow.targeting.TargetingJson.parse;
import static so.cueflow.targeting.TargetingJson.problems;
import static so.cueflow.targeting.TargetingJson.ruleProblems;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The targeting as a whole: structure, paths, caps; rules of each type have their own tests. */
class RuleParserTest {

    private final RuleParser parser = new RuleParser();

    @Test
    void theExampleOfTheSpecParses() {
        Targeting targeting = parse("""
                { "groups": [
                    { "rules": [
                        { "type": "event", "eventKey": "advanced_export_viewed", "operator": "has_done" },
                        { "type": "event", "eventKey": "advanced_export_used", "operator": "has_not_done" } ] },
                    { "rules": [
                        { "type": "event", "eventKey": "export_completed", "operator": "count_greater_than", "value": 9 },
                        { "type": "contact", "field": "plan", "operator": "equals", "value": "pro" } ] } ] }
                """);

        assertThat(targeting).isEqualTo(new Targeting(List.of(
                new Group(List.of(
                        new EventRule("advanced_export_viewed", EventOperator.HAS_DONE, null, null, List.of()),
                        new EventRule("advanced_export_used", EventOperator.HAS_NOT_DONE, null, null, List.of()))),
                new Group(List.of(
                        new EventRule("export_completed", EventOperator.COUNT_GREATER_THAN, 9L, null, List.of()),
                        new ContactRule("plan", ValueOperator.EQUALS, "pro", null))))));
    }

    @Test
    void nullAnEmptyObjectAndNoGroupsAllTargetEveryone() {
        assertThat(parser.parse(null)).isEqualTo(Targeting.EVERYONE);
        assertThat(parse("{}")).isEqualTo(Targeting.EVERYONE);
        assertThat(parse("{'groups': []}")).isEqualTo(Targeting.EVERYONE);
        assertThat(parse("{'groups': null}").targetsEveryone()).isTrue();
    }

    @Test
    void aMissingDaysIsReportedAtItsFullPath() {
        List<Problem> problems = problems("""
                {'groups': [
                  {'rules': [{'type': 'event', 'eventKey': 'a', 'operator': 'has_done'}]},
                  {'rules': [{'type': 'event', 'eventKey': 'a', 'operator': 'first_done_within'}]}]}""");

        assertThat(problems).extracting(Problem::field).containsExactly("targeting.groups[1].rules[0].withinDays");
        assertThat(problems.get(0).message()).contains("required", "first_done_within", "days");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        List<Problem> problems = problems("""
                {'groups': [
                  {'rules': [{'type': 'event', 'eventKey': 'ExportDone', 'operator': 'has_done', 'days': 3}]},
                  {'rules': [{'type': 'contact', 'field': 'plann', 'operator': 'equals', 'value': 'pro'},
                             {'type': 'page', 'field': 'path', 'operator': 'is', 'value': '/'}]}],
                 'extra': 1}""");

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                "targeting.extra",
                "targeting.groups[0].rules[0].eventKey",
                "targeting.groups[0].rules[0].days",
                "targeting.groups[1].rules[0].field",
                "targeting.groups[1].rules[1].operator");
    }

    @Test
    void theExceptionMessageNamesEveryPath() {
        assertThatThrownBy(() -> parse(oneRule("{'type': 'event', 'eventKey': 'a', 'operator': 'nope', 'dayz': 1}")))
                .isInstanceOf(InvalidTargetingException.class)
                .hasMessageContaining(RULE + ".operator")
                .hasMessageContaining(RULE + ".dayz");
    }

    @Test
    void anEmptyPathPrefixGivesPathsFromTheTargetingItself() {
        try {
            parser.parse(JsonText.read(oneRule("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'x': 1}")), "");
            fail("expected a problem");
        } catch (InvalidTargetingException e) {
            assertThat(e.problems()).extracting(Problem::field).containsExactly("groups[0].rules[0].x");
        }
    }

    @Test
    void aTargetingThatIsNotAnObjectIsRejected() {
        assertThat(problems("[]")).containsExactly(new Problem("targeting", "targeting must be an object, got a list"));
        assertThat(problems("'everyone'")).extracting(Problem::field).containsExactly("targeting");
    }

    @Test
    void unknownKeysAreRejectedAtEveryLevelListingWhatIsAllowed() {
        assertThat(problems("{'group': []}")).containsExactly(
                new Problem("targeting.group", "unknown field \"group\"; allowed here: groups"));
        assertThat(problems("{'groups': [{'rules': [{'type': 'page', 'field': 'url', 'operator': 'equals', 'value': 'x'}], 'name': 'a'}]}"))
                .extracting(Problem::field).containsExactly("targeting.groups[0].name");
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'eventkey': 'b'}"))
                .isEqualTo(new Problem(RULE + ".eventkey",
                        "unknown field \"eventkey\"; allowed here: type, eventKey, operator, value, withinDays, days, where"));
        assertThat(onlyProblem("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'where': [{'property': 'p', 'operator': 'is_set', 'x': 1}]}").field())
                .isEqualTo(RULE + ".where[0].x");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plan', 'operator': 'is_set', 'eventKey': 'a'}").field())
                .isEqualTo(RULE + ".eventKey");
        assertThat(onlyProblem("{'type': 'page', 'field': 'url', 'operator': 'equals', 'value': 'x', 'days': 1}").field())
                .isEqualTo(RULE + ".days");
    }

    @Test
    void groupsMustBeAListOfObjectsWithAtLeastOneRule() {
        assertThat(problems("{'groups': {}}")).extracting(Problem::field).containsExactly("targeting.groups");
        assertThat(problems("{'groups': [3]}")).extracting(Problem::field).containsExactly("targeting.groups[0]");
        assertThat(problems("{'groups': [{}]}")).containsExactly(
                new Problem("targeting.groups[0].rules", "\"rules\" is required: a list of 1 to 20 rules"));
        assertThat(problems("{'groups': [{'rules': []}]}")).extracting(Problem::message)
                .containsExactly("a group needs at least one rule (to target everyone, leave out all groups)");
        assertThat(problems("{'groups': [{'rules': ['has_done']}]}")).extracting(Problem::field)
                .containsExactly("targeting.groups[0].rules[0]");
    }

    @Test
    void aRuleNeedsAKnownType() {
        assertThat(onlyProblem("{'eventKey': 'a', 'operator': 'has_done'}"))
                .isEqualTo(new Problem(RULE + ".type", "\"type\" is required: one of event, contact, page"));
        assertThat(onlyProblem("{'type': 'segment'}"))
                .isEqualTo(new Problem(RULE + ".type", "unknown rule type \"segment\"; expected one of event, contact, page"));
        assertThat(onlyProblem("{'type': 1}").message()).isEqualTo("\"type\" must be one of event, contact, page, got 1");
    }

    @Test
    void atMostTwentyGroupsTwentyRulesAndTwentyWhereConditions() {
        String rule = "{'type': 'event', 'eventKey': 'a', 'operator': 'has_done'}";
        String condition = "{'property': 'p', 'operator': 'is_set'}";
        assertThat(problems("{'groups': [" + repeat("{'rules': [" + rule + "]}", 21) + "]}"))
                .containsExactly(new Problem("targeting.groups", "\"groups\" may hold at most 20 items, got 21"));
        assertThat(problems(oneRule(repeat(rule, 21)))).extracting(Problem::field).containsExactly("targeting.groups[0].rules");
        assertThat(ruleProblems("{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'where': [" + repeat(condition, 21) + "]}"))
                .extracting(Problem::field).containsExactly(RULE + ".where");
        Targeting full = parse("{'groups': [" + repeat("{'rules': [" + repeat(
                "{'type': 'event', 'eventKey': 'a', 'operator': 'has_done', 'where': [" + repeat(condition, 20) + "]}", 20) + "]}", 20) + "]}");
        assertThat(full.groups()).hasSize(20).allSatisfy(group -> assertThat(group.rules()).hasSize(20));
    }

    @Test
    void theKeysNeedingRawEventsAreThoseWithWhereOrWithinDays() {
        Targeting targeting = parse("""
                {'groups': [{'rules': [
                  {'type': 'event', 'eventKey': 'a', 'operator': 'count_greater_than', 'value': 1},
                  {'type': 'event', 'eventKey': 'b', 'operator': 'count_greater_than', 'value': 1, 'withinDays': 3},
                  {'type': 'event', 'eventKey': 'c', 'operator': 'has_done', 'where': [{'property': 'p', 'operator': 'is_set'}]},
                  {'type': 'contact', 'field': 'plan', 'operator': 'is_set'}]}]}""");

        assertThat(targeting.eventKeysNeedingEvents()).containsExactlyInAnyOrder("b", "c");
        assertThat(targeting.eventKeys()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void plainJavaValuesParseAsJacksonWouldHandThem() {
        Map<String, Object> rule = Map.of("type", "event", "eventKey", "a", "operator", "count_greater_than",
                "value", java.math.BigInteger.TEN, "withinDays", new java.math.BigDecimal("7"));

        Targeting targeting = parser.parse(Map.of("groups", List.of(Map.of("rules", List.of(rule)))), "targeting");

        assertThat(targeting.groups().get(0).rules()).containsExactly(
                new EventRule("a", EventOperator.COUNT_GREATER_THAN, 10L, 7, List.of()));
    }

    private static String repeat(String item, int times) {
        return IntStream.range(0, times).mapToObj(i -> item).collect(Collectors.joining(", "));
    }
}
