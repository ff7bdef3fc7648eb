package so.cueflow.dashboard;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import so.cueflow.storage.Ids;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every dashboard page the same way, off the event loop: identify the visitor, check the
 * workspace and role, check the CSRF token of state-changing requests, call the handler, render.
 * Failures become error pages; nothing of an exception reaches the browser but an error id.
 */
final class PageRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PageRunner.class);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";

    private final Visitors visitors;
    private final Templates templates;
    private final Assets assets;
    private final Cookies cookies;
    private final String publicUrl;

    PageRunner(Visitors visitors, Templates templates, Assets assets, Cookies cookies, String publicUrl) {
        this.publicUrl = publicUrl;
        this.visitors = visitors;
        this.templates = templates;
        this.assets = assets;
        this.cookies = cookies;
    }

    private record Rendered(int status, String body, String location, boolean htmx, List<Cookie> cookies) {
    }

    Handler<RoutingContext> handler(Access access, PageHandler handler) {
        return ctx -> ctx.vertx().executeBlocking(() -> run(ctx, access, handler), false)
                .onSuccess(rendered -> send(ctx, rendered))
                .onFailure(ctx::fail);
    }

    private Rendered run(RoutingContext ctx, Access access, PageHandler handler) {
        List<Cookie> renewed = new ArrayList<>();
        Visitor visitor = Visitor.ANONYMOUS;
        PageRequest request = null;
        try {
            visitor = visitors.identify(ctx, () -> renewed.add(cookies.session(ctx.request().getCookie(Cookies.SESSION).getValue())));
            if (access != Access.ANYONE && !visitor.signedIn()) return signInFirst(ctx);
            Membership membership = membership(ctx, visitor, access);
            request = new PageRequest(ctx, visitor, membership, csrfToken(ctx, visitor, renewed), cookies, publicUrl);
            if (changesState(ctx) && !Secrets.same(request.csrfToken(), submittedCsrf(ctx))) {
                throw new PageError(403, "This form has expired or did not come from this dashboard. Reload the page and try again.");
            }
            Reply reply = handler.handle(request);
            renewed.addAll(request.cookies());
            if (reply instanceof Reply.Download download) return Downloads.stream(ctx, download, renewed);
            return render(request, reply, renewed);
        } catch (PageError error) {
            return errorPage(ctx, visitor, error.status(), error.getMessage(), null, renewed);
        } catch (Exception e) {
            String errorId = Ids.next(System.currentTimeMillis());
            LOG.error("internal error {} on {} {}", errorId, ctx.request().method(), ctx.request().path(), e);
            return errorPage(ctx, visitor, 500, "Something went wrong on our side.", errorId, renewed);
        }
    }

    private static Membership membership(RoutingContext ctx, Visitor visitor, Access access) {
        String workspace = ctx.pathParam("workspace");
        if (workspace == null) return null;
        Membership membership = visitor.memberships().stream()
                .filter(m -> m.workspace().name().equals(workspace)).findFirst()
                .orElseThrow(PageError::notFound);
        if (access == Access.ADMIN && !membership.admin()) throw PageError.forbidden();
        return membership;
    }

    /** The session's token when signed in; otherwise the browser's CSRF cookie, set now if it has none. */
    private String csrfToken(RoutingContext ctx, Visitor visitor, List<Cookie> setCookies) {
        if (visitor.signedIn()) return visitor.session().csrfToken();
        Cookie cookie = ctx.request().getCookie(Cookies.CSRF);
        if (cookie != null && !cookie.getValue().isEmpty()) return cookie.getValue();
        String token = Secrets.token();
        setCookies.add(cookies.csrf(token));
        return token;
    }

    private static boolean changesState(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    private static String submittedCsrf(RoutingContext ctx) {
        String header = ctx.request().getHeader(CSRF_HEADER);
        return header != null ? header : ctx.request().formAttributes().get(CSRF_FIELD);
    }

    private static Rendered signInFirst(RoutingContext ctx) {
        String next = ctx.request().method() == HttpMethod.GET ? ctx.request().uri() : "/";
        String location = "/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return new Rendered(303, null, location, isHtmx(ctx), List.of());
    }

    private Rendered render(PageRequest request, Reply reply, List<Cookie> setCookies) {
        boolean htmx = request.htmx();
        if (reply instanceof Reply.Redirect redirect) return new Rendered(303, null, redirect.location(), htmx, setCookies);
        Reply.View view = (Reply.View) reply;
        Visitor visitor = request.visitor();
        Frame frame = new Frame(view.title(), view.section(), visitor.user(), request.membership(), visitor.memberships(),
                request.csrfToken(), assets);
        return new Rendered(view.status(), templates.render(view.template(), frame, view.page()), null, htmx, setCookies);
    }

    private Rendered errorPage(RoutingContext ctx, Visitor visitor, int status, String message, String errorId, List<Cookie> setCookies) {
        Membership current = null;
        String workspace = ctx.pathParam("workspace");
        if (workspace != null && status != 404) {
            current = visitor.memberships().stream().filter(m -> m.workspace().name().equals(workspace)).findFirst().orElse(null);
        }
        String token = visitor.signedIn() ? visitor.session().csrfToken() : "";
        Frame frame = new Frame(ErrorPage.heading(status), Section.NONE, visitor.user(), current, visitor.memberships(), token, assets);
        String template = isHtmx(ctx) ? "partials/error.jte" : "error.jte";
        String body = templates.render(template, frame, new ErrorPage(status, message, errorId));
        return new Rendered(status, body, null, false, setCookies);
    }

    private static void send(RoutingContext ctx, Rendered rendered) {
        if (rendered == null) return; // a download, already streamed
        HttpServerResponse response = ctx.response();
        securityHeaders(response);
        rendered.cookies().forEach(response::addCookie);
        if (rendered.location() != null && rendered.htmx()) {
            response.putHeader("HX-Redirect", rendered.location()).setStatusCode(200).end();
        } else if (rendered.location() != null) {
            response.putHeader("Location", rendered.location()).setStatusCode(rendered.status()).end();
        } else {
            response.putHeader("Content-Type", "text/html; charset=utf-8").setStatusCode(rendered.status()).end(rendered.body());
        }
    }

    static void securityHeaders(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Cache-Control", "no-store");
    }

    private static boolean isHtmx(RoutingContext ctx) {
        return "true".equals(ctx.request().getHeader("HX-Request"));
    }
}
