package so.cueflow.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.Authenticator;
import so.cueflow.auth.KeyMaterial;

import java.util.function.Function;

/** Requires a valid secret key ({@code Authorization: Bearer sk_...}) and puts it on the context. */
public final class AuthHandler implements Handler<RoutingContext> {
    private final Authenticator authenticator;
    private final ApiKey.Kind requiredKind;
    private final Function<RoutingContext, String> presentedKey;

    public AuthHandler(Authenticator authenticator, ApiKey.Kind requiredKind) {
        this(authenticator, requiredKind, ctx -> bearer(ctx.request().getHeader("Authorization")));
    }

    /** With another way to find the key a request presents (it throws a 401 {@link ApiError} when there is none). */
    public AuthHandler(Authenticator authenticator, ApiKey.Kind requiredKind, Function<RoutingContext, String> presentedKey) {
        this.authenticator = authenticator;
        this.requiredKind = requiredKind;
        this.presentedKey = presentedKey;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String presented = presentedKey.apply(ctx);
        ApiKey cached = authenticator.cached(presented);
        if (cached != null) {
            admit(ctx, cached);
            return;
        }
        ctx.vertx().executeBlocking(() -> authenticator.lookUp(presented), false)
                .onSuccess(key -> key.ifPresentOrElse(found -> admit(ctx, found),
                        () -> ctx.fail(ApiError.unauthorized("unknown or revoked API key"))))
                .onFailure(ctx::fail);
    }

    private static String bearer(String header) {
        if (header == null || header.isBlank()) {
            throw ApiError.unauthorized("missing API key: send \"Authorization: Bearer sk_...\"");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized("malformed Authorization header: expected \"Bearer sk_...\"");
        }
        String key = header.substring(7).trim();
        if (!KeyMaterial.wellFormed(key)) {
            throw ApiError.unauthorized("malformed API key: expected sk_ followed by letters and digits");
        }
        return key;
    }

    private void admit(RoutingContext ctx, ApiKey key) {
        if (key.kind() != requiredKind) {
            ctx.fail(ApiError.forbidden("a " + key.kind().name().toLowerCase()
                    + " key cannot be used here; use a " + requiredKind.name().toLowerCase() + " key"));
            return;
        }
        authenticator.used(key);
        ctx.put(Requests.API_KEY, key);
        ctx.next();
    }
}
