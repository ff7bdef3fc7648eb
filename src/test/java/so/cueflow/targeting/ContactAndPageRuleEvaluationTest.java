package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static so.cueflow.targeting.TargetingJson.parse;
import static so.cueflow.targeting.Verdicts.DAY;
import static so.cueflow.targeting.Verdicts.NOW_MS;
import static so.cueflow.targeting.Verdicts.attributes;
import static so.cueflow.targeting.Verdicts.contact;
import static so.cueflow.targeting.Verdicts.matches;
import static so.cueflow.targeting.Verdicts.page;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactAndPageRuleEvaluationTest {

    @Test
    void equalsAndNotEqualsAreCaseSensitiveAndNotEqualsHoldsWhenNotSet() {
        assertThat(matches(contact("plan", "equals", "'value': 'pro'"), Map.of("plan", "pro"))).isTrue();
        assertThat(matches(contact("plan", "equals", "'value': 'pro'"), Map.of("plan", "Pro"))).isFalse();
        assertThat(matches(contact("plan", "equals", "'value': 'pro'"), Map.of())).isFalse();
        assertThat(matches(contact("plan", "not_equals", "'value': 'pro'"), Map.of("plan", "Pro"))).isTrue();
        assertThat(matches(contact("plan", "not_equals", "'value': 'pro'"), Map.of("plan", "pro"))).isFalse();
        assertThat(matches(contact("plan", "not_equals", "'value': 'pro'"), Map.of())).isTrue();
        assertThat(matches(contact("plan", "not_equals", "'value': 'pro'"), Map.of("plan", ""))).isTrue();
    }

    @Test
    void numbersAreEqualWhateverTheirJavaType() {
        String fiveSeats = contact("customAttributes.seats", "equals", "'value': 5");

        assertThat(matches(fiveSeats, attributes("seats", 5.0))).isTrue();
        assertThat(matches(fiveSeats, attributes("seats", 5L))).isTrue();
        assertThat(matches(fiveSeats, attributes("seats", new java.math.BigDecimal("5.00")))).isTrue();
        assertThat(matches(fiveSeats, attributes("seats", "5"))).isFalse();
        assertThat(matches(contact("customAttributes.beta", "equals", "'value': true"), attributes("beta", true))).isTrue();
        assertThat(matches(contact("customAttributes.beta", "equals", "'value': true"), attributes("beta", "true"))).isFalse();
    }

    @Test
    void isSetAndIsNotSetTreatMissingNullAndEmptyAsNotSet() {
        Map<String, Object> nullPhone = new HashMap<>();
        nullPhone.put("phone", null);

        for (Map<String, Object> notSet : List.of(Map.<String, Object>of(), nullPhone, Map.<String, Object>of("phone", ""))) {
            assertThat(matches(contact("phone", "is_set", ""), notSet)).isFalse();
            assertThat(matches(contact("phone", "is_not_set", ""), notSet)).isTrue();
        }
        assertThat(matches(contact("phone", "is_set", ""), Map.of("phone", " "))).isTrue();
        assertThat(matches(contact("customAttributes.beta", "is_set", ""), attributes("beta", false))).isTrue();
        assertThat(matches(contact("customAttributes.beta", "is_not_set", ""), Map.of("customAttributes", "oops"))).isTrue();
    }

    @Test
    void textOperatorsLookAtStringsAndNotContainsHoldsWhenNotSet() {
        Map<String, Object> ada = Map.of("email", "ada@acme.com");

        assertThat(matches(contact("email", "contains", "'value': '@acme'"), ada)).isTrue();
        assertThat(matches(contact("email", "contains", "'value': '@ACME'"), ada)).isFalse();
        assertThat(matches(contact("email", "not_contains", "'value': '@acme'"), ada)).isFalse();
        assertThat(matches(contact("email", "not_contains", "'value': '@acme'"), Map.of())).isTrue();
        assertThat(matches(contact("email", "contains", "'value': '@acme'"), Map.of())).isFalse();
        assertThat(matches(contact("email", "starts_with", "'value': 'ada@'"), ada)).isTrue();
        assertThat(matches(contact("email", "starts_with", "'value': 'acme'"), ada)).isFalse();
        assertThat(matches(contact("email", "starts_with", "'value': 'a'"), Map.of())).isFalse();
        assertThat(matches(contact("email", "ends_with", "'value': '.com'"), ada)).isTrue();
        assertThat(matches(contact("email", "ends_with", "'value': '.org'"), ada)).isFalse();
        assertThat(matches(contact("email", "ends_with", "'value': 'm'"), Map.of())).isFalse();
        assertThat(matches(contact("customAttributes.zip", "contains", "'value': '12'"), attributes("zip", 12345))).isFalse();
        assertThat(matches(contact("customAttributes.zip", "not_contains", "'value': '12'"), attributes("zip", 12345))).isTrue();
    }

    @Test
    void greaterThanLessThanAndBetweenCompareNumbersOfAnyType() {
        assertThat(matches(contact("customAttributes.seats", "greater_than", "'value': 4.5"), attributes("seats", 5))).isTrue();
        assertThat(matches(contact("customAttributes.seats", "greater_than", "'value': 5"), attributes("seats", 5.0))).isFalse();
        assertThat(matches(contact("customAttributes.seats", "less_than", "'value': 5"), attributes("seats", 4.999))).isTrue();
        assertThat(matches(contact("customAttributes.seats", "less_than", "'value': 5"), attributes("seats", 5L))).isFalse();
        String twoToFive = contact("customAttributes.seats", "between", "'value': [2, 5]");
        assertThat(matches(twoToFive, attributes("seats", 2L))).isTrue();
        assertThat(matches(twoToFive, attributes("seats", 5.0))).isTrue();
        assertThat(matches(twoToFive, attributes("seats", 1.999))).isFalse();
        assertThat(matches(twoToFive, attributes("seats", 5.001))).isFalse();
        assertThat(matches(twoToFive, Map.of())).isFalse();
        assertThat(matches(twoToFive, attributes("seats", "3"))).isFalse();
        assertThat(matches(contact("customAttributes.seats", "less_than", "'value': 5"), Map.of())).isFalse();
    }

    @Test
    void dateFieldsCompareWithIsoValuesAndIsoAttributesWithIsoValues() {
        long signedUp = Instant.parse("2026-03-15T10:00:00Z").toEpochMilli();
        Map<String, Object> contact = Map.of("signedUpAt", signedUp, "customAttributes", Map.of("renewsOn", "2026-12-01"));

        assertThat(matches(contact("signedUpAt", "greater_than", "'value': '2026-03-15'"), contact)).isTrue();
        assertThat(matches(contact("signedUpAt", "less_than", "'value': '2026-03-15T10:00:00.001Z'"), contact)).isTrue();
        assertThat(matches(contact("signedUpAt", "less_than", "'value': '2026-03-15T12:00:00+02:00'"), contact)).isFalse();
        assertThat(matches(contact("signedUpAt", "between", "'value': ['2026-03-15T10:00:00Z', '2026-03-16']"), contact)).isTrue();
        assertThat(matches(contact("signedUpAt", "greater_than", "'value': " + (signedUp - 1)), contact)).isTrue();
        assertThat(matches(contact("customAttributes.renewsOn", "greater_than", "'value': '2026-11-30T23:59:59Z'"), contact)).isTrue();
        assertThat(matches(contact("customAttributes.renewsOn", "less_than", "'value': '2026-12-01'"), contact)).isFalse();
        assertThat(matches(contact("signedUpAt", "greater_than", "'value': '2026-01-01'"), Map.of())).isFalse();
    }

    @Test
    void isWithinIncludesBothEndsOfTheWindowAndNotTheFuture() {
        String withinSevenDays = contact("lastSeenAt", "is_within", "'days': 7");
        long start = NOW_MS - 7 * DAY;

        assertThat(matches(withinSevenDays, Map.of("lastSeenAt", start))).isTrue();
        assertThat(matches(withinSevenDays, Map.of("lastSeenAt", NOW_MS))).isTrue();
        assertThat(matches(withinSevenDays, Map.of("lastSeenAt", start - 1))).isFalse();
        assertThat(matches(withinSevenDays, Map.of("lastSeenAt", NOW_MS + 1))).isFalse();
        assertThat(matches(withinSevenDays, Map.of())).isFalse();
    }

    @Test
    void isBeforeHoldsOnlyStrictlyBeforeTheWindowStart() {
        String moreThanSevenDaysAgo = contact("signedUpAt", "is_before", "'days': 7");
        long start = NOW_MS - 7 * DAY;

        assertThat(matches(moreThanSevenDaysAgo, Map.of("signedUpAt", start - 1))).isTrue();
        assertThat(matches(moreThanSevenDaysAgo, Map.of("signedUpAt", start))).isFalse();
        assertThat(matches(moreThanSevenDaysAgo, Map.of())).isFalse();
    }

    @Test
    void dateWindowsReadIsoStringsAndDaysAndRefuseWhatDoesNotParse() {
        String within = contact("customAttributes.trialEndsAt", "is_within", "'days': 2");
        String before = contact("customAttributes.trialEndsAt", "is_before", "'days': 2");

        assertThat(matches(within, attributes("trialEndsAt", "2026-11-25T08:00:00Z"))).isTrue();
        assertThat(matches(within, attributes("trialEndsAt", "2026-11-25"))).isTrue();
        assertThat(matches(within, attributes("trialEndsAt", "2026-11-24T12:00:00.000Z"))).isTrue();
        assertThat(matches(before, attributes("trialEndsAt", "2026-11-24"))).isTrue();
        assertThat(matches(within, attributes("trialEndsAt", "next week"))).isFalse();
        assertThat(matches(before, attributes("trialEndsAt", "next week"))).isFalse();
        assertThat(matches(before, attributes("trialEndsAt", true))).isFalse();
    }

    @Test
    void pageOperatorsCompareTheUrlOrThePathCaseSensitively() {
        Page page = new Page("https://app.example.com/settings/billing?tab=plans", "/settings/billing");

        assertThat(matches(page("path", "equals", "/settings/billing"), page)).isTrue();
        assertThat(matches(page("path", "equals", "/Settings/billing"), page)).isFalse();
        assertThat(matches(page("path", "not_equals", "/settings"), page)).isTrue();
        assertThat(matches(page("path", "not_equals", "/settings/billing"), page)).isFalse();
        assertThat(matches(page("url", "contains", "tab=plans"), page)).isTrue();
        assertThat(matches(page("path", "contains", "tab=plans"), page)).isFalse();
        assertThat(matches(page("url", "not_contains", "admin"), page)).isTrue();
        assertThat(matches(page("url", "not_contains", "billing"), page)).isFalse();
        assertThat(matches(page("path", "starts_with", "/settings"), page)).isTrue();
        assertThat(matches(page("url", "starts_with", "/settings"), page)).isFalse();
        assertThat(matches(page("path", "ends_with", "/billing"), page)).isTrue();
        assertThat(matches(page("url", "ends_with", "/billing"), page)).isFalse();
    }

    @Test
    void everyPageRuleIsFalseWhenNoPageIsKnown() {
        for (String operator : List.of("equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with")) {
            assertThat(matches(page("path", operator, "/x"), (Page) null)).as(operator).isFalse();
            assertThat(matches(page("url", operator, "/x"), new Page(null, "/y"))).as(operator).isFalse();
        }
    }
}
