package so.cueflow.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often each rule form was generated ("event has_done withinDays", "where between", "contact date is_within"),
 * so that the differential test prints what it covered and fails when a generator change stops making a form.
 */
final class RuleCoverage {
    private final Map<String, Integer> counts = new TreeMap<>();

    synchronized void count(String form) {
        counts.merge(form, 1, Integer::sum);
    }

    synchronized int of(String form) {
        return counts.getOrDefault(form, 0);
    }

    synchronized String report() {
        StringBuilder text = new StringBuilder();
        counts.forEach((form, count) -> text.append("\n  ").append(form).append(": ").append(count));
        return text.toString();
    }

    /** Every one of {@code forms} was generated at least {@code minimum} times. */
    void assertEachAtLeast(List<String> forms, int minimum) {
        List<String> rare = new ArrayList<>();
        for (String form : forms) {
            if (of(form) < minimum) rare.add(form + " (" + of(form) + ")");
        }
        assertThat(rare).as("rule forms generated fewer than %d times", minimum).isEmpty();
    }
}
