package so.cueflow.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;

/** Parses targeting JSON text for tests, with "RULE" the path of the only rule of {@link #oneRule}. */
final class TargetingJson {

    static final String RULE = "targeting.groups[0].rules[0]";

    private static final RuleParser PARSER = new RuleParser();

    private TargetingJson() {
    }

    static Targeting parse(String json) {
        return PARSER.parse(JsonText.read(json));
    }

    static String oneRule(String rules) {
        return "{'groups': [{'rules': [" + rules + "]}]}";
    }

    static Rule onlyRule(String rule) {
        return parse(oneRule(rule)).groups().get(0).rules().get(0);
    }

    static List<Problem> problems(String json) {
        try {
            parse(json);
        } catch (InvalidTargetingException e) {
            return e.problems();
        }
        return fail("expected problems with " + json);
    }

    static List<Problem> ruleProblems(String rule) {
        return problems(oneRule(rule));
    }

    static Problem onlyProblem(String rule) {
        List<Problem> problems = ruleProblems(rule);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }
}
