package so.cueflow.dashboard;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

import java.time.Duration;

/**
 * The dashboard's cookies: the session and, before sign-in, the CSRF token of the signed-out forms.
 * Both HttpOnly and SameSite=Lax; Secure when the public URL is https.
 */
final class Cookies {
    static final String SESSION = "cueflow_session";
    static final String CSRF = "cueflow_csrf";

    private final boolean secure;
    private final Duration sessionIdle;

    Cookies(boolean secure, Duration sessionIdle) {
        this.secure = secure;
        this.sessionIdle = sessionIdle;
    }

    Cookie session(String token) {
        return flags(Cookie.cookie(SESSION, token)).setMaxAge(sessionIdle.toSeconds());
    }

    Cookie endSession() {
        return flags(Cookie.cookie(SESSION, "")).setMaxAge(0);
    }

    /** Lives as long as the browser; it only ties a signed-out form to the browser that loaded it. */
    Cookie csrf(String token) {
        return flags(Cookie.cookie(CSRF, token));
    }

    private Cookie flags(Cookie cookie) {
        return cookie.setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.LAX);
    }
}
