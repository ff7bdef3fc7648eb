package so.cueflow.dashboard;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Where page classes register their routes. Workspace pages take paths under
 * {@code /w/:workspace/}; every route runs through {@link PageRunner} (sign-in, access, CSRF, errors).
 */
public final class PageRoutes {
    static final int FORM_LIMIT = 64 * 1024;

    private final Router router;
    private final PageRunner runner;
    private final BodyHandler forms = BodyHandler.create(false).setBodyLimit(FORM_LIMIT);

    PageRoutes(Router router, PageRunner runner) {
        this.router = router;
        this.runner = runner;
    }

    public void get(String path, Access access, PageHandler handler) {
        router.get(path).handler(runner.handler(access, handler));
    }

    /** A form post or an htmx request that changes something; its CSRF token is checked first. */
    public void post(String path, Access access, PageHandler handler) {
        router.post(path).handler(forms).handler(runner.handler(access, handler));
    }
}
