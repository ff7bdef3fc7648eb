package so.cueflow.targeting;

import java.util.List;

/** Why a targeting matched or not: serialisable to JSON as-is. {@code evaluatedAt} is the clock's now (epoch millis). */
public record Explanation(boolean matches, long evaluatedAt, List<GroupExplanation> groups) {

    public Explanation {
        groups = List.copyOf(groups);
    }
}
