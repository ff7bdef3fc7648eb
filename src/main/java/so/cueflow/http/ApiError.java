package so.cueflow.http;

import java.util.List;

/**
 * The one error type: thrown anywhere, turned into the JSON error body by {@link ErrorMapper}. One
 * factory per status, each with its one code (404 takes the code: {@code not_found} or a more precise one).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldProblem> details;

    private ApiError(int status, String code, String message, List<FieldProblem> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    private ApiError(int status, String code, String message) {
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

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "method_not_allowed", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError payloadTooLarge(String message) {
        return new ApiError(413, "payload_too_large", message);
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, "unsupported_media_type", message);
    }

    public static ApiError rateLimited(String message) {
        return new ApiError(429, "rate_limited", message);
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message);
    }

    /** A client error the HTTP layer reported only by its status (any 4xx; 400 otherwise). */
    static ApiError clientError(int status, String message) {
        return new ApiError(status >= 400 && status < 500 ? status : 400, "invalid_request", message);
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
