package so.cueflow.dashboard;

import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Settings → API keys (admins): list, create (shown once), revoke after a confirmation. */
public final class KeyPages {
    static final int MAX_NAME_LENGTH = 100;

    private final KeyStore keys;
    private final Clock clock;

    KeyPages(KeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** {@code created}: the key just created, in full, shown this once. */
    public record KeysPage(List<ApiKey> keys, KeyStore.CreatedKey created, Form form) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/settings/keys", Access.ADMIN, request -> view(request, 200, null, Form.empty()));
        routes.post("/w/:workspace/settings/keys", Access.ADMIN, this::create);
        routes.get("/w/:workspace/settings/keys/:id/revoke", Access.ADMIN, this::confirmRevoke);
        routes.post("/w/:workspace/settings/keys/:id/revoke", Access.ADMIN, this::revoke);
    }

    private Reply create(PageRequest request) {
        Form form = request.form();
        String name = form.trimmed("name");
        ApiKey.Kind kind = kind(form.value("kind"));
        form.reject("name", name == null ? "give the key a name, such as \"backend\"" : name.length() > MAX_NAME_LENGTH
                ? "use at most " + MAX_NAME_LENGTH + " characters" : null);
        form.reject("kind", kind == null ? "choose secret or publishable" : null);
        if (!form.valid()) return view(request, 400, null, form);
        KeyStore.CreatedKey created = keys.create(request.workspace(), kind, name, clock.millis());
        return view(request, 200, created, Form.empty());
    }

    private Reply confirmRevoke(PageRequest request) {
        ApiKey key = key(request);
        return Reply.page("Revoke key", Section.SETTINGS, "confirm.jte", new Confirmation(
                "Revoke the key \"" + key.name() + "\" (" + key.prefix() + "…)?",
                "Every request made with it is refused within a second, on every server. This cannot be undone.",
                Frame.workspaceHref(request.membership(), "settings/keys/" + key.id() + "/revoke"),
                "Revoke key", Frame.workspaceHref(request.membership(), "settings/keys")));
    }

    private Reply revoke(PageRequest request) {
        keys.revoke(key(request), clock.millis());
        return Reply.redirect(Frame.workspaceHref(request.membership(), "settings/keys"));
    }

    /** An active key of this workspace; a key of another workspace is a 404 like a missing one. */
    private ApiKey key(PageRequest request) {
        return keys.listOf(request.workspace().id()).stream()
                .filter(key -> key.id().equals(request.param("id")) && !key.revoked())
                .findFirst().orElseThrow(PageError::notFound);
    }

    private static ApiKey.Kind kind(String text) {
        if (text == null) return null;
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "secret" -> ApiKey.Kind.SECRET;
            case "publishable" -> ApiKey.Kind.PUBLISHABLE;
            default -> null;
        };
    }

    private Reply view(PageRequest request, int status, KeyStore.CreatedKey created, Form form) {
        return new Reply.View(status, "API keys", Section.SETTINGS, "settings/keys.jte",
                new KeysPage(keys.listOf(request.workspace().id()), created, form));
    }
}
