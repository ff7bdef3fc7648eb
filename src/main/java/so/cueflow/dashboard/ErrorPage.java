package so.cueflow.dashboard;

/** The model of error.jte: the status, what went wrong in a sentence, and for a 500 the id in the log. */
public record ErrorPage(int status, String message, String errorId) {
    public String heading() {
        return heading(status);
    }

    static String heading(int status) {
        return switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Page not found";
            case 500 -> "Something went wrong";
            default -> "This request could not be completed";
        };
    }
}
