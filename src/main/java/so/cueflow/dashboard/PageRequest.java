package so.cueflow.dashboard;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.Workspace;

import java.util.ArrayList;
import java.util.List;

/**
 * One request as a page handler sees it: who sent it, in which workspace (with which role), its
 * parameters and form, and the cookies its reply sets.
 */
public final class PageRequest {
    private final RoutingContext ctx;
    private final Visitor visitor;
    private final Membership membership;
    private final String csrfToken;
    private final Cookies cookieJar;
    private final List<Cookie> cookies = new ArrayList<>();

    PageRequest(RoutingContext ctx, Visitor visitor, Membership membership, String csrfToken, Cookies cookieJar) {
        this.ctx = ctx;
        this.visitor = visitor;
        this.membership = membership;
        this.csrfToken = csrfToken;
        this.cookieJar = cookieJar;
    }

    /** The signed-in user; null on {@link Access#ANYONE} pages when nobody is signed in. */
    public User user() {
        return visitor.user();
    }

    public boolean signedIn() {
        return visitor.signedIn();
    }

    /** The user's membership of the workspace in the path; null outside {@code /w/:workspace/}. */
    public Membership membership() {
        return membership;
    }

    public Workspace workspace() {
        return membership == null ? null : membership.workspace();
    }

    public List<Membership> memberships() {
        return visitor.memberships();
    }

    /** A path parameter such as {@code :id}. */
    public String param(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return ctx.queryParams().get(name);
    }

    /** The submitted form (without the CSRF field); empty on a GET. */
    public Form form() {
        if (ctx.request().method() == HttpMethod.GET) return Form.empty();
        return Form.of(ctx.request().formAttributes());
    }

    /** Whether htmx sent the request (it then wants a partial, or an HX-Redirect). */
    public boolean htmx() {
        return "true".equals(ctx.request().getHeader("HX-Request"));
    }

    /** The client's address, as seen by this server (a proxy in front makes it the proxy's). */
    public String address() {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    /** "http://host:port" as the browser addressed this server, for examples that should work when pasted. */
    public String origin() {
        String host = ctx.request().getHeader("Host");
        return ctx.request().scheme() + "://" + (host == null ? "localhost" : host);
    }

    String csrfToken() {
        return csrfToken;
    }

    Visitor visitor() {
        return visitor;
    }

    /** Sets a cookie on the reply. */
    void setCookie(Cookie cookie) {
        cookies.add(cookie);
    }

    /** The reply carries the cookie of a session just started. */
    void startSession(String sessionToken) {
        setCookie(cookieJar.session(sessionToken));
    }

    /** The reply removes the session cookie. */
    void endSession() {
        setCookie(cookieJar.endSession());
    }

    List<Cookie> cookies() {
        return List.copyOf(cookies);
    }
}
