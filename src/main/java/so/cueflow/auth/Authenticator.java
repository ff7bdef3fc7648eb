package so.cueflow.auth;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a presented key to its stored {@link ApiKey}. Known keys are cached so requests do not
 * query the store; {@link #refreshRevocations()} (run every few hundred ms) drops revoked ones, so a
 * revocation made by another process or server takes effect within that period.
 */
public final class Authenticator {
    private static final long REVOCATION_LOOKBACK_MS = 60_000;

    private final KeyStore keys;
    private final Clock clock;
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final Map<ApiKey, Long> lastUsed = new ConcurrentHashMap<>();
    private volatile long lastRevocationCheck;

    public Authenticator(KeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.lastRevocationCheck = clock.millis();
    }

    /** The cached key, or null when it must be looked up with {@link #lookUp}. */
    public ApiKey cached(String presentedKey) {
        return byHash.get(KeyMaterial.hash(presentedKey));
    }

    /** Blocking: reads the store. */
    public Optional<ApiKey> lookUp(String presentedKey) {
        String hash = KeyMaterial.hash(presentedKey);
        Optional<ApiKey> key = keys.findByHash(hash).filter(found -> !found.revoked());
        key.ifPresent(found -> byHash.put(hash, found));
        return key;
    }

    public void used(ApiKey key) {
        lastUsed.put(key, clock.millis());
    }

    /** Blocking: drops keys revoked since the last check (with a look-back for clock skew between servers). */
    public void refreshRevocations() {
        long now = clock.millis();
        var revoked = keys.revokedIdsSince(lastRevocationCheck - REVOCATION_LOOKBACK_MS);
        lastRevocationCheck = now;
        if (!revoked.isEmpty()) {
            byHash.values().removeIf(key -> revoked.contains(key.id()));
        }
    }

    /** Blocking: writes the last-used times gathered since the previous flush. */
    public void flushLastUsed() {
        Map<ApiKey, Long> batch = new HashMap<>();
        for (ApiKey key : lastUsed.keySet()) {
            Long at = lastUsed.remove(key);
            if (at != null) batch.put(key, at);
        }
        keys.recordLastUsed(batch);
    }
}
