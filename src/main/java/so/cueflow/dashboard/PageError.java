package so.cueflow.dashboard;

/** A refusal shown as an error page with its status: 403, 404, 400 (e.g. a missing CSRF token). */
public final class PageError extends RuntimeException {
    private final int status;

    public PageError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static PageError notFound() {
        return new PageError(404, "There is no such page, or you are not a member of its workspace.");
    }

    public static PageError forbidden() {
        return new PageError(403, "Only admins of this workspace can open this page.");
    }
}
