package so.cueflow.segment;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.Authenticator;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.SettingsCache;
import so.cueflow.http.ApiError;
import so.cueflow.http.AuthHandler;
import so.cueflow.http.Requests;

/**
 * Which keys may send Segment calls. A secret key may, from anywhere. A publishable key (pk_, the
 * one in web pages, what Segment's browser SDK is given as its write key) may only from an origin
 * the workspace allows, and only when the workspace does not require identity verification: a
 * Segment call carries no userHash, so a page could otherwise write as any user.
 */
final class BrowserKeys implements Handler<RoutingContext> {
    private final AuthHandler secret;
    private final AuthHandler publishable;
    private final SettingsCache settings;

    BrowserKeys(Authenticator authenticator, SettingsCache settings) {
        this.secret = new AuthHandler(authenticator, ApiKey.Kind.SECRET, SegmentKeys::presented);
        this.publishable = new AuthHandler(authenticator, ApiKey.Kind.PUBLISHABLE, SegmentKeys::presented);
        this.settings = settings;
    }

    @Override
    public void handle(RoutingContext ctx) {
        (SegmentKeys.presented(ctx).startsWith("pk_") ? publishable : secret).handle(ctx);
    }

    /** After authentication: a publishable key's request must come from an allowed origin of an unverified workspace. */
    void checkBrowser(RoutingContext ctx) {
        if (Requests.apiKey(ctx).kind() != ApiKey.Kind.PUBLISHABLE) {
            ctx.next();
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        settings.current(ctx.vertx()).onSuccess(snapshot -> {
            EmbedSettings workspace = snapshot.of(Requests.workspaceId(ctx));
            if (origin == null || !workspace.allows(origin)) {
                ctx.fail(ApiError.forbidden("a publishable key is accepted only from the workspace's allowed origins"
                        + (origin == null ? "" : "; " + origin + " is not one of them (workspace update --allowed-origin)")));
            } else if (workspace.verification() != EmbedSettings.Verification.OFF) {
                ctx.fail(ApiError.forbidden("this workspace requires identity verification, which Segment calls cannot"
                        + " carry: use a secret key from your backend, the embed script, or turn verification off"));
            } else {
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }
}
