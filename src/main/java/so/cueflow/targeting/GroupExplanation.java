package so.cueflow.targeting;

import java.util.List;

public record GroupExplanation(boolean matches, List<RuleExplanation> rules) {

    public GroupExplanation {
        rules = List.copyOf(rules);
    }
}
