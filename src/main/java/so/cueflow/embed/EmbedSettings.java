package so.cueflow.embed;

import java.util.List;
import java.util.Locale;

/**
 * A workspace's embed settings: the browser origins allowed to call the embed endpoints, and whether
 * a browser must prove its user with {@code userHash} = HMAC-SHA256(identitySecret, userId).
 */
public record EmbedSettings(String workspaceId, List<String> allowedOrigins, Verification verification,
                            String identitySecret, long updatedAt) {

    public enum Verification {
        REQUIRED, OFF;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value named on the command line, or null when it is neither "required" nor "off". */
        public static Verification parse(String text) {
            for (Verification value : values()) {
                if (value.wireName().equals(text)) return value;
            }
            return null;
        }
    }

    public EmbedSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** What a workspace that was never configured gets: no origins, verification required, no secret yet. */
    public static EmbedSettings defaults(String workspaceId) {
        return new EmbedSettings(workspaceId, List.of(), Verification.REQUIRED, null, 0);
    }

    public boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(Origins.normalise(origin));
    }

    public EmbedSettings with(List<String> origins, Verification newVerification, long now) {
        return new EmbedSettings(workspaceId, origins, newVerification, identitySecret, now);
    }

    public EmbedSettings withSecret(String secret, long now) {
        return new EmbedSettings(workspaceId, allowedOrigins, verification, secret, now);
    }
}
