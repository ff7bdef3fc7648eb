package so.cueflow.auth;

/** A stored key: never the key itself, only its hash and the first characters shown in listings. */
public record ApiKey(String id, String workspaceId, String workspaceName, Kind kind, String name, String prefix,
                     long createdAt, Long lastUsedAt, Long revokedAt, Long rateLimitPerMinute) {

    public enum Kind {
        SECRET("sk_"), PUBLISHABLE("pk_");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }

        public static Kind ofKey(String key) {
            for (Kind kind : values()) {
                if (key.startsWith(kind.marker)) return kind;
            }
            return null;
        }
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
