package so.cueflow.http;

import java.util.List;

/** The one error type: thrown anywhere, turned into the JSON error body by {@link ErrorMapper}. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldProblem> details;

    public ApiError(int status, String code, String message, List<FieldProblem> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiError invalid(List<FieldProblem> problems) {
        String message = problems.size() == 1
                ? problems.get(0).field() + ": " + problems.get(0).message()
                : problems.size() + " problems: " + problems.get(0).field() + ": " + problems.get(0).message() + "; ...";
        return new ApiError(400, "invalid_request", message, problems);
    }

    public static ApiError invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> details() {
        return details;
    }

    public record FieldProblem(String field, String message) {
    }
}
