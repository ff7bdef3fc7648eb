package so.cueflow.embed;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every workspace's embed settings, held in memory for at most a second so that CORS checks and
 * preflights do not query the store; a change made by the CLI or another server is seen within that second.
 */
public final class SettingsCache {
    private static final long MAX_AGE_MS = 1_000;

    private final EmbedSettingsStore store;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private Future<Snapshot> loading;

    public record Snapshot(long loadedAt, Map<String, EmbedSettings> byWorkspace, Set<String> anyWorkspaceOrigins) {
        public EmbedSettings of(String workspaceId) {
            return byWorkspace.getOrDefault(workspaceId, EmbedSettings.defaults(workspaceId));
        }
    }

    public SettingsCache(EmbedSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Completes on the caller's context: at once when the snapshot is fresh, else after one shared reload. */
    public Future<Snapshot> current(Vertx vertx) {
        Snapshot fresh = snapshot;
        if (fresh != null && clock.millis() - fresh.loadedAt() <= MAX_AGE_MS) return Future.succeededFuture(fresh);
        Future<Snapshot> shared;
        synchronized (this) {
            shared = loading;
            if (shared == null) {
                Future<Snapshot> started = vertx.executeBlocking(this::load, false);
                loading = shared = started;
                started.onComplete(done -> loaded(started));
            }
        }
        Context caller = vertx.getOrCreateContext();
        Promise<Snapshot> mine = Promise.promise();
        shared.onComplete(result -> caller.runOnContext(v -> mine.handle(result)));
        return mine.future();
    }

    private synchronized void loaded(Future<Snapshot> finished) {
        if (loading == finished) loading = null;
    }

    private Snapshot load() {
        long now = clock.millis();
        Map<String, EmbedSettings> all = store.all();
        Set<String> origins = new HashSet<>();
        all.values().forEach(settings -> origins.addAll(settings.allowedOrigins()));
        Snapshot loaded = new Snapshot(now, Map.copyOf(all), Set.copyOf(origins));
        snapshot = loaded;
        return loaded;
    }
}
