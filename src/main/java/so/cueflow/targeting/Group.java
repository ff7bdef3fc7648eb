package so.cueflow.targeting;

import java.util.List;

/** Rules that must all hold. */
public record Group(List<Rule> rules) {

    public Group {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one rule");
        }
    }
}
