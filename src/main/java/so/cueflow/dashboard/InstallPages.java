package so.cueflow.dashboard;

import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Settings → Install (admins): the embed snippet with this workspace's publishable key and the
 * userHash computation. Keys are stored only as hashes, so a full key appears in the snippet only
 * right after "Create a publishable key"; otherwise the newest key's prefix stands in for it.
 */
public final class InstallPages {
    private final KeyStore keys;
    private final EmbedSettingsStore embed;
    private final Clock clock;

    InstallPages(KeyStore keys, EmbedSettingsStore embed, Clock clock) {
        this.keys = keys;
        this.embed = embed;
        this.clock = clock;
    }

    public record InstallPage(String snippet, boolean fullKey, String keyPrefix, List<String> origins, boolean verificationRequired) {
        public String node() {
            return InstallSnippets.NODE;
        }

        public String python() {
            return InstallSnippets.PYTHON;
        }

        public String php() {
            return InstallSnippets.PHP;
        }

        public String java() {
            return InstallSnippets.JAVA;
        }
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/settings/install", Access.ADMIN, request -> view(request, null));
        routes.post("/w/:workspace/settings/install/key", Access.ADMIN, request ->
                view(request, keys.create(request.workspace(), ApiKey.Kind.PUBLISHABLE, "embed snippet", clock.millis()).plaintext()));
    }

    private Reply view(PageRequest request, String newKey) {
        String prefix = keys.listOf(request.workspace().id()).stream()
                .filter(key -> key.kind() == ApiKey.Kind.PUBLISHABLE && !key.revoked())
                .max(Comparator.comparingLong(ApiKey::createdAt)).map(ApiKey::prefix).orElse(null);
        EmbedSettings settings = embed.of(request.workspace().id());
        boolean required = settings.verification() == EmbedSettings.Verification.REQUIRED;
        String key = newKey != null ? newKey : prefix != null ? prefix + "…" : "pk_…";
        return Reply.page("Install", Section.SETTINGS, "settings/install.jte", new InstallPage(
                InstallSnippets.embed(request.baseUrl(), key, required), newKey != null, prefix, settings.allowedOrigins(), required));
    }
}
