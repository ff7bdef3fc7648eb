package so.cueflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.Chromium;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.http.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * @segment/analytics-next in Chromium: a page on its own origin loads the SDK's own browser build
 * from the npm package (no network: its settings are given inline, so it never asks Segment's CDN),
 * pointed at Cueflow with a publishable key. Page views and track calls while anonymous, then an
 * identify, end with one merged contact.
 */
class SegmentBrowserIT {
    private static TestServer server;
    private static HttpServer site;
    private static Path profile;
    private static ChromeDriver browser;
    private static SegmentClient segment;
    private static volatile String page = "";

    @BeforeAll
    static void start() throws Exception {
        NpmPackages.require("@segment/analytics-next");
        profile = Files.createTempDirectory("cueflow-chromium");
        browser = Chromium.start(profile);
        server = TestServer.start();
        site = site(NpmPackages.modules().resolve("@segment/analytics-next/dist/umd"));
        long now = System.currentTimeMillis();
        Workspace workspace = new WorkspaceStore(server.database()).findOrCreate("segment-browser", now);
        KeyStore keys = new KeyStore(server.database());
        segment = new SegmentClient(server, keys.create(workspace, ApiKey.Kind.SECRET, "backend", now).plaintext());
        String publishable = keys.create(workspace, ApiKey.Kind.PUBLISHABLE, "browser", now).plaintext();
        new EmbedSettingsStore(server.database()).update(workspace.id(),
                current -> current.with(List.of(origin()), EmbedSettings.Verification.OFF, now));
        page = page(publishable);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (site != null) site.stop(0);
        if (server != null) server.close();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void anonymousBrowsingThenIdentifyEndsWithOneMergedContact() throws Exception {
        browser.get(origin() + "/pricing");
        Object result = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "window.__run().then(function (r) { done(JSON.stringify(r)); }, function (e) { done('error: ' + e); });");

        assertThat(String.valueOf(result)).doesNotStartWith("error");
        String anonymousId = Json.parse(String.valueOf(result).getBytes(StandardCharsets.UTF_8)).path("anonymousId").asText();
        awaitEvents("browser-user", 4);
        assertThat(segment.contactStatus("anonymous:" + anonymousId)).as("merged away").isEqualTo(404);
        assertThat(segment.count("browser-user", "page_viewed")).isEqualTo(2);
        assertThat(segment.count("browser-user", "pricing_viewed")).isEqualTo(1);
        assertThat(segment.count("browser-user", "order_completed")).isEqualTo(1);
        JsonNode pageView = segment.timeline("browser-user").stream()
                .filter(event -> event.path("eventKey").asText().equals("page_viewed")).findFirst().orElseThrow();
        assertThat(pageView.path("properties").path("url").asText()).startsWith(origin() + "/pricing");
        assertThat(pageView.path("properties").path("path").asText()).isEqualTo("/pricing");
        JsonNode contact = segment.contact("browser-user");
        assertThat(contact.path("email").asText()).isEqualTo("browser@example.com");
        assertThat(contact.path("lastSeenAt").isNull()).isFalse();
        assertThat(segment.eventType("pricing_viewed").path("displayName").asText()).isEqualTo("Pricing Viewed");
    }

    private static void awaitEvents(String userId, int events) throws InterruptedException {
        for (int i = 0; i < 100 && !(segment.contactStatus(userId) == 200 && segment.timeline(userId).size() >= events); i++) {
            Thread.sleep(100);
        }
    }

    /** The SDK's settings inline (as Segment's CDN would serve them), its API host Cueflow's /v1. */
    private static String page(String writeKey) {
        String apiHost = server.baseUrl().replaceFirst("^http://", "") + "/v1";
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Pricing</title>
                <script src="/ajs/index.js"></script>
                <script>
                  window.__run = async function () {
                    var settings = { integrations: { 'Segment.io': { apiKey: '%1$s', apiHost: '%2$s', protocol: 'http' } } };
                    var loaded = await AnalyticsNext.AnalyticsBrowser.load({ writeKey: '%1$s', cdnSettings: settings, cdnURL: '%3$s/ajs' });
                    var analytics = loaded[0];
                    await analytics.page();
                    await analytics.track('Pricing Viewed', { plan: 'pro' });
                    var anonymousId = analytics.user().anonymousId();
                    await analytics.identify('browser-user', { email: 'browser@example.com', name: 'Browser User' });
                    await analytics.page();
                    await analytics.track('Order Completed', { revenue: 12 });
                    return { anonymousId: anonymousId };
                  };
                </script></head><body><h1>Pricing</h1></body></html>
                """.formatted(writeKey, apiHost, origin());
    }

    private static String origin() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    /** The host page at every path but /ajs/, which serves the SDK's browser build from the npm package. */
    private static HttpServer site(Path build) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type = "text/html; charset=utf-8";
            int status = 200;
            if (path.startsWith("/ajs/")) {
                Path file = build.resolve(path.substring(path.lastIndexOf('/') + 1));
                body = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
                status = Files.exists(file) ? 200 : 404;
                type = "application/javascript";
            } else {
                body = page.getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }
}
