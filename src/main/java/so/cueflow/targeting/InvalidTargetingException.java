package so.cueflow.targeting;

import java.util.List;
import java.util.stream.Collectors;

/** A targeting that does not validate, with every problem found. */
public final class InvalidTargetingException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidTargetingException(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.message())
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
