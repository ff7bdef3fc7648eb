package so.cueflow;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import so.cueflow.auth.Authenticator;
import so.cueflow.auth.KeyStore;
import so.cueflow.attributes.AttributeRoutes;
import so.cueflow.attributes.AttributeStore;
import so.cueflow.contacts.ContactRoutes;
import so.cueflow.contacts.ContactStore;
import so.cueflow.dashboard.Dashboard;
import so.cueflow.embed.EmbedRoutes;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.events.EventRoutes;
import so.cueflow.events.EventStore;
import so.cueflow.events.Ingest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import so.cueflow.events.IngestMetrics;
import io.vertx.ext.web.Router;
import so.cueflow.http.AccessLog;
import so.cueflow.http.ApiReference;
import so.cueflow.http.HttpLimits;
import so.cueflow.http.HttpMetrics;
import so.cueflow.http.HttpServer;
import so.cueflow.http.RateLimitHandler;
import so.cueflow.http.RateLimiter;
import so.cueflow.messages.ActivityCache;
import so.cueflow.messages.AudiencePreview;
import so.cueflow.messages.Eligibility;
import so.cueflow.messages.EligibilityRoutes;
import so.cueflow.messages.MessageRoutes;
import so.cueflow.messages.MessageStore;
import so.cueflow.messages.PublishedMessages;
import so.cueflow.messages.Subjects;
import so.cueflow.retention.EventRetention;
import so.cueflow.segment.SegmentRoutes;
import so.cueflow.storage.Database;
import so.cueflow.storage.Dialect;
import so.cueflow.storage.WalCheckpointer;
import so.cueflow.storage.WalSync;

import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/** A running Cueflow: the store, the ingest writer and the HTTP listeners, wired by hand. */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final long REVOCATION_CHECK_MS = 500;
    private static final long LAST_USED_FLUSH_MS = 10_000;
    private static final long RETENTION_FIRST_MS = 60_000;
    private static final long RETENTION_PERIOD_MS = 5 * 60_000;
    /** A few kilobytes each with 20 event keys: the contacts active now, not the whole store. */
    private static final int ELIGIBILITY_CACHE_CONTACTS = 50_000;

    private final Database database;
    private final Vertx vertx;
    private final Ingest ingest;
    private final Authenticator authenticator;
    private final WalCheckpointer checkpointer;
    private final EventRetention retention;
    private final HttpServer http;
    private final AudiencePreview audiences;
    private final List<Long> timers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Server(Database database, Vertx vertx, Ingest ingest, Authenticator authenticator, Clock clock, HttpServer http,
                   ActivityCache activityCache, AudiencePreview audiences) {
        this.http = http;
        this.audiences = audiences;
        this.database = database;
        this.retention = new EventRetention(database, clock, EventRetention.BATCH_SIZE, activityCache::forgetWorkspace);
        this.checkpointer = database.dialect() == Dialect.SQLITE ? new WalCheckpointer(database) : null;
        this.vertx = vertx;
        this.ingest = ingest;
        this.authenticator = authenticator;
    }

    /** Starts on a database that is already migrated; returns once the port is bound. */
    public static Server start(Config config, Database database, Clock clock) throws Exception {
        return start(config, database, clock, WalSync.Step.FORCE);
    }

    /** With the step that makes SQLite's log durable given: tests observe it (see WalSync). */
    public static Server start(Config config, Database database, Clock clock, WalSync.Step walSync) throws Exception {
        database.reportDurability();
        // epoll where present: a closed connection's descriptor is released at once (see http/AcceptLimit).
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics ingestMetrics = new IngestMetrics(registry);
        Ingest ingest = new Ingest(database, config.ingestQueueCapacity(), config.ingestMaxBatch(), ingestMetrics, walSync);
        Authenticator authenticator = new Authenticator(new KeyStore(database), clock);
        ContactStore contacts = new ContactStore(database);
        EventStore events = new EventStore(database);
        MessageStore messages = new MessageStore(database);
        PublishedMessages published = new PublishedMessages(messages, clock);
        ActivityCache activityCache = new ActivityCache(ELIGIBILITY_CACHE_CONTACTS);
        activityCache.register(registry);
        Eligibility eligibility = new Eligibility(published, messages, contacts, new Subjects(events, activityCache), clock);
        AudiencePreview audiences = new AudiencePreview(database, clock, config.previewThreads());
        RateLimitHandler rateLimit = new RateLimitHandler(new RateLimiter(config.rateLimitPerMinute()), clock);
        List<Consumer<Router>> features = new ArrayList<>();
        if (config.accessLog()) features.add(AccessLog::mount);
        // Hottest first (every route's path is tried in order): page views, then ingest.
        features.addAll(List.of(
                new EligibilityRoutes(eligibility, published, audiences)::mount,
                new EmbedRoutes(authenticator, rateLimit, new EmbedSettingsStore(database), contacts, ingest, eligibility,
                        published, messages, clock)::mount,
                new EventRoutes(ingest, events, contacts, clock, ingestMetrics)::mount,
                new ContactRoutes(contacts, clock)::mount,
                new AttributeRoutes(new AttributeStore(database, contacts), clock)::mount,
                new MessageRoutes(messages, published, contacts, clock)::mount,
                new SegmentRoutes(authenticator, rateLimit, ingest, contacts, events, messages, new EmbedSettingsStore(database),
                        registry, clock)::mount,
                new ApiReference()::mount,
                new Dashboard(database, clock, config.publicUrl(), Duration.ofDays(config.sessionIdleDays()), published,
                        audiences)::mount));
        HttpLimits limits = config.http().limits(vertx.isNativeTransportEnabled());
        HttpServer http = new HttpServer(authenticator, rateLimit, new HttpMetrics(registry), features, limits);
        Server server = new Server(database, vertx, ingest, authenticator, clock, http, activityCache, audiences);
        try {
            http.start(vertx, config.host(), config.port(), config.eventLoops()).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        server.schedule();
        LOG.info("Cueflow {} listening on http://{}:{}, store {}{}; at most {} connections ({})", Version.current(), config.host(),
                config.port(), database.describe(), config.accessLog() ? ", access log on" : "",
                limits.maxConnections(), vertx.isNativeTransportEnabled() ? "epoll" : "Java NIO");
        return server;
    }

    /** Blocking. Runs this server's retention purge now, as its schedule does; returns how many events it deleted. */
    public long purgeExpiredEvents() {
        return retention.purge();
    }

    /** Every route this server answers, as its router holds them. */
    public List<io.vertx.ext.web.Route> routes() {
        return http.routes(vertx);
    }

    private void schedule() {
        timers.add(vertx.setPeriodic(REVOCATION_CHECK_MS, id -> background(authenticator::refreshRevocations)));
        timers.add(vertx.setPeriodic(LAST_USED_FLUSH_MS, id -> background(authenticator::flushLastUsed)));
        retention.schedule(RETENTION_FIRST_MS, RETENTION_PERIOD_MS);
    }

    private void background(Runnable task) {
        vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, true).onFailure(e -> LOG.warn("background task failed", e));
    }

    /**
     * Graceful: first the writer stops taking events and commits (and answers) everything queued,
     * then the listeners close, then key use is recorded and the store closed.
     */
    @Override
    public void close() {
        // A periodic task firing while Vert.x closes would find its worker pool gone.
        timers.forEach(vertx::cancelTimer);
        long started = System.nanoTime();
        int queued = ingest.queuedEvents();
        LOG.info("stopping: no new events are taken; committing and answering the {} events queued", queued);
        ingest.close();
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing the HTTP listeners failed", e);
        }
        retention.close();
        audiences.close();
        if (checkpointer != null) checkpointer.close();
        authenticator.flushLastUsed();
        database.close();
        LOG.info("stopped in {} ms: {} queued events committed and answered, listeners and store closed",
                (System.nanoTime() - started) / 1_000_000, queued);
    }
}
