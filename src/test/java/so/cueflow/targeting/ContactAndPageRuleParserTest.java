package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.targeting.TargetingJson.RULE;
import static so.cueflow.targeting.TargetingJson.onlyProblem;
import static so.cueflow.targeting.TargetingJson.onlyRule;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactAndPageRuleParserTest {

    @Test
    void contactRulesParseForFieldsDatesAndCustomAttributes() {
        assertThat(onlyRule("{'type': 'contact', 'field': 'email', 'operator': 'ends_with', 'value': '@acme.com'}"))
                .isEqualTo(new ContactRule("email", ValueOperator.ENDS_WITH, "@acme.com", null));
        assertThat(onlyRule("{'type': 'contact', 'field': 'signedUpAt', 'operator': 'is_within', 'days': 7}"))
                .isEqualTo(new ContactRule("signedUpAt", ValueOperator.IS_WITHIN, null, 7));
        assertThat(onlyRule("{'type': 'contact', 'field': 'signedUpAt', 'operator': 'between', 'value': ['2026-01-01', '2026-02-01T00:00:00Z']}"))
                .isEqualTo(new ContactRule("signedUpAt", ValueOperator.BETWEEN, List.of("2026-01-01", "2026-02-01T00:00:00Z"), null));
        assertThat(onlyRule("{'type': 'contact', 'field': 'customAttributes.beta', 'operator': 'equals', 'value': true}"))
                .isEqualTo(new ContactRule("customAttributes.beta", ValueOperator.EQUALS, true, null));
        assertThat(onlyRule("{'type': 'contact', 'field': 'customAttributes.seats', 'operator': 'greater_than', 'value': 4.5}"))
                .isEqualTo(new ContactRule("customAttributes.seats", ValueOperator.GREATER_THAN, 4.5, null));
        assertThat(onlyRule("{'type': 'contact', 'field': 'phone', 'operator': 'is_not_set'}"))
                .isEqualTo(new ContactRule("phone", ValueOperator.IS_NOT_SET, null, null));
    }

    @Test
    void pageRulesParse() {
        assertThat(onlyRule("{'type': 'page', 'field': 'path', 'operator': 'starts_with', 'value': '/settings'}"))
                .isEqualTo(new PageRule(PageField.PATH, PageOperator.STARTS_WITH, "/settings"));
    }

    @Test
    void anUnknownContactFieldListsTheKnownOnes() {
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plann', 'operator': 'is_set'}")).isEqualTo(new Problem(
                RULE + ".field", "unknown contact field \"plann\"; expected one of externalId, email, name, phone, avatarUrl, "
                        + "role, plan, signedUpAt, createdAt, updatedAt, lastSeenAt or customAttributes.KEY"));
        assertThat(onlyProblem("{'type': 'contact', 'field': 'customAttributes.', 'operator': 'is_set'}").field())
                .isEqualTo(RULE + ".field");
    }

    @Test
    void anUnknownContactOperatorListsAllContactOperators() {
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plan', 'operator': 'is'}").message())
                .isEqualTo("unknown operator \"is\" for a contact rule; expected one of equals, not_equals, is_set, "
                        + "is_not_set, contains, not_contains, starts_with, ends_with, greater_than, less_than, between, "
                        + "is_within, is_before");
    }

    @Test
    void operatorsMustSuitTheKindOfField() {
        assertThat(onlyProblem("{'type': 'contact', 'field': 'email', 'operator': 'greater_than', 'value': 5}")).isEqualTo(new Problem(
                RULE + ".operator", "operator greater_than does not apply to email, a text field; expected one of equals, "
                        + "not_equals, is_set, is_not_set, contains, not_contains, starts_with, ends_with"));
        assertThat(onlyProblem("{'type': 'contact', 'field': 'signedUpAt', 'operator': 'contains', 'value': '2026'}").message())
                .startsWith("operator contains does not apply to signedUpAt, a date field");
        assertThat(onlyProblem("{'type': 'contact', 'field': 'plan', 'operator': 'is_within', 'days': 2}").field())
                .isEqualTo(RULE + ".operator");
    }

    @Test
    void contactValuesMustSuitTheOperator() {
        String rule = "{'type': 'contact', 'field': '%s', 'operator': '%s', 'value': %s}";
        assertThat(onlyProblem(rule.formatted("plan", "equals", "3")).message())
                .isEqualTo("\"value\" must be a non-empty string for equals, got 3");
        assertThat(onlyProblem(rule.formatted("customAttributes.x", "equals", "[1]")).message())
                .isEqualTo("\"value\" must be a string, number or boolean for equals, got a list");
        assertThat(onlyProblem(rule.formatted("customAttributes.x", "starts_with", "''")).field()).isEqualTo(RULE + ".value");
        assertThat(onlyProblem(rule.formatted("customAttributes.x", "greater_than", "'soon'")).message())
                .isEqualTo("\"value\" must be a number or an ISO-8601 date for greater_than, got the string \"soon\"");
        assertThat(onlyProblem(rule.formatted("createdAt", "less_than", "true")).field()).isEqualTo(RULE + ".value");
        assertThat(onlyRule(rule.formatted("createdAt", "less_than", "1767225600000"))).isInstanceOf(ContactRule.class);
        assertThat(onlyRule(rule.formatted("createdAt", "less_than", "'2026-11-26T09:41:31.123+02:00'"))).isInstanceOf(ContactRule.class);
    }

    @Test
    void betweenNeedsTwoBoundsOfOneKindInOrder() {
        String rule = "{'type': 'contact', 'field': 'customAttributes.seats', 'operator': 'between', 'value': %s}";
        for (String bad : List.of("5", "[5]", "[1, 2, 3]", "[1, '2026-01-01']", "['a', 'b']", "[1, null]")) {
            assertThat(onlyProblem(rule.formatted(bad)).field()).as(bad).isEqualTo(RULE + ".value");
        }
        assertThat(onlyProblem(rule.formatted("[10, 5]")).message()).isEqualTo("\"value\" must be [lo, hi] with lo <= hi, got [10, 5]");
        assertThat(onlyProblem(rule.formatted("['2026-02-01', '2026-01-01']")).field()).isEqualTo(RULE + ".value");
        assertThat(((ContactRule) onlyRule(rule.formatted("[5, 5]"))).value()).isEqualTo(List.of(5, 5));
    }

    @Test
    void pageRulesNeedAKnownFieldOperatorAndANonEmptyValue() {
        assertThat(onlyProblem("{'type': 'page', 'field': 'title', 'operator': 'equals', 'value': 'x'}"))
                .isEqualTo(new Problem(RULE + ".field", "unknown field \"title\" for a page rule; expected one of url, path"));
        assertThat(onlyProblem("{'type': 'page', 'field': 'url', 'operator': 'is_set', 'value': 'x'}").message())
                .isEqualTo("unknown operator \"is_set\" for a page rule; expected one of equals, not_equals, contains, "
                        + "not_contains, starts_with, ends_with");
        assertThat(onlyProblem("{'type': 'page', 'field': 'url', 'operator': 'equals', 'value': ''}").field()).isEqualTo(RULE + ".value");
        assertThat(onlyProblem("{'type': 'page', 'field': 'url', 'operator': 'equals', 'value': 1}").field()).isEqualTo(RULE + ".value");
    }

    @Test
    void descriptionsReadAsSentences() {
        assertThat(onlyRule("{'type': 'event', 'eventKey': 'export_completed', 'operator': 'count_greater_than', 'value': 9, "
                + "'withinDays': 30, 'where': [{'property': 'format', 'operator': 'equals', 'value': 'csv'}]}").description())
                .isEqualTo("has done export_completed more than 9 times in the last 30 days where format equals \"csv\"");
        assertThat(onlyRule("{'type': 'contact', 'field': 'customAttributes.seats', 'operator': 'between', 'value': [2, 5]}").description())
                .isEqualTo("customAttributes.seats is between 2 and 5");
        assertThat(onlyRule("{'type': 'contact', 'field': 'signedUpAt', 'operator': 'is_before', 'days': 30}").description())
                .isEqualTo("signedUpAt is more than 30 days ago");
        assertThat(onlyRule("{'type': 'page', 'field': 'url', 'operator': 'not_contains', 'value': 'admin'}").description())
                .isEqualTo("page url does not contain \"admin\"");
    }
}
