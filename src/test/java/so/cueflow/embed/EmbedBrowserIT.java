package so.cueflow.embed;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import so.cueflow.TestServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The embed script in headless Chromium, on a customer page of another origin, against the real server. */
class EmbedBrowserIT {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static TestServer server;
    private static HostSite site;
    private static HostSite otherSite;
    private static EmbedWorkspace workspace;
    private static Path profile;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        profile = Files.createTempDirectory("cueflow-chromium");
        browser = Chromium.start(profile);
        server = TestServer.start();
        site = new HostSite();
        otherSite = new HostSite();
        workspace = EmbedWorkspace.create(server, site.origin()).requireIdentity();
        EmbedWorkspace.awaitSettings();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (site != null) site.close();
        if (otherSite != null) otherSite.close();
        if (server != null) server.close();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String targeting(String scenario, String... rules) {
        StringBuilder all = new StringBuilder("{\"type\":\"contact\",\"field\":\"customAttributes.scenario\",\"operator\":\"equals\",\"value\":\"" + scenario + "\"}");
        for (String rule : rules) all.append(',').append(rule);
        return "{\"groups\":[{\"rules\":[" + all + "]}]}";
    }

    /** Opens the host page at {@code path}, whose own script calls Cueflow before embed.js has loaded. */
    private static void open(HostSite host, String path, String calls) {
        host.serve(server.baseUrl(), workspace.publishableKey, calls);
        browser.get(host.origin() + path);
    }

    private static String init(String userId, String scenario, String fields) {
        return "Cueflow.init({id: '" + userId + "', userHash: '" + workspace.hash(userId) + "', scenario: '" + scenario + "'"
                + (fields.isEmpty() ? "" : ", " + fields) + "});";
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static long renders() {
        return (Long) js("return window.__renders.length;");
    }

    /** Waits for the script's next evaluation after {@code before} and returns the message ids it shows. */
    @SuppressWarnings("unchecked")
    private static List<String> shownAfter(long before) {
        await(() -> renders() > before, "the script to evaluate messages");
        return (List<String>) js("return window.__renders[window.__renders.length - 1];");
    }

    private static void await(BooleanSupplier condition, String what) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage("waiting for " + what).until(driver -> condition.getAsBoolean());
    }

    private static void awaitServer(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static SearchContext shadow(String slot) {
        return browser.findElement(By.cssSelector("[data-cueflow='" + slot + "']")).getShadowRoot();
    }

    private static String text(String slot) {
        return (String) js("var host = document.querySelector(\"[data-cueflow='\" + arguments[0] + \"']\");"
                + "return host ? host.shadowRoot.querySelector('.bar, .dialog').innerText : null;", slot);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings() {
        return (List<String>) js("return window.__warnings;");
    }

    @Test
    void initShowsTheTargetedBannerAndAClickIsRecordedAndObeysFrequencyOnce() throws Exception {
        String banner = workspace.publish("banner", "once", 5, "{\"title\":\"Pro analytics are here\","
                + "\"body\":\"Compare cohorts and export any chart in one click.\",\"primaryButton\":{\"text\":\"Take the tour\"},"
                + "\"secondaryButton\":{\"text\":\"Later\"}}", targeting("banner", "{\"type\":\"contact\",\"field\":\"plan\",\"operator\":\"equals\",\"value\":\"pro\"}"));
        open(site, "/dashboard", "Cueflow.track('opened_before_load', {source: 'stub'});" + init("ann", "banner", "plan: 'pro', email: 'ann@example.com'"));

        assertThat(shownAfter(0)).containsExactly(banner);
        assertThat(text("banner-top")).contains("Pro analytics are here").contains("Compare cohorts").contains("Take the tour");
        screenshot("embed-banner.png");
        JsonNode contact = server.get(workspace.secretKey, "/api/v1/contacts/ann").json().path("contact");
        assertThat(contact.path("email").asText()).isEqualTo("ann@example.com");
        assertThat(contact.path("lastSeenAt").isTextual()).isTrue();
        assertThat(workspace.eventKeys("ann")).contains("page_viewed", "opened_before_load");
        awaitServer(() -> workspace.stats(banner).path("uniqueViews").asInt() == 1, "the view");

        shadow("banner-top").findElement(By.cssSelector("button.primary")).click();
        assertThat(js("return document.querySelectorAll('[data-cueflow]').length;")).isEqualTo(0L);
        awaitServer(() -> workspace.stats(banner).path("clicksByButton").path("primary").asInt() == 1, "the click");

        open(site, "/dashboard", init("ann", "banner", "plan: 'pro'"));
        assertThat(shownAfter(0)).isEmpty();
        assertThat(workspace.stats(banner).path("views").asInt()).isEqualTo(1);

        open(site, "/dashboard", init("bob", "banner", "plan: 'free'"));
        assertThat(shownAfter(0)).isEmpty();
    }

    @Test
    void aPushingBannerMovesTheHostsFixedHeaderDownInsteadOfCoveringIt() throws Exception {
        String banner = workspace.publish("banner", "until_dismissed", 0, "{\"title\":\"Maintenance on Sunday\","
                + "\"body\":\"Exports pause from 02:00 to 03:00 UTC.\"}", targeting("push"));
        site.serveWithFixedHeader(server.baseUrl(), workspace.publishableKey, init("pia", "push", ""));
        browser.get(site.origin() + "/reports");
        assertThat(shownAfter(0)).containsExactly(banner);

        double bannerBottom = ((Number) js("return document.querySelector(\"[data-cueflow='banner-top']\").shadowRoot"
                + ".querySelector('.bar').getBoundingClientRect().bottom;")).doubleValue();
        double headerTop = ((Number) js("return document.getElementById('app-header').getBoundingClientRect().top;")).doubleValue();
        double headingTop = ((Number) js("return document.querySelector('h1').getBoundingClientRect().top;")).doubleValue();
        assertThat(bannerBottom).isGreaterThan(20);
        assertThat(headerTop).isCloseTo(bannerBottom, org.assertj.core.data.Offset.offset(1.0));
        assertThat(headingTop).isGreaterThan(bannerBottom + 56);
        String variable = (String) js("return getComputedStyle(document.documentElement).getPropertyValue('--cueflow-top-banner-height');");
        assertThat(Double.parseDouble(variable.trim().replace("px", ""))).isCloseTo(bannerBottom, org.assertj.core.data.Offset.offset(1.0));
        screenshot("embed-banner-push.png");

        shadow("banner-top").findElement(By.cssSelector("button.close")).click();
        assertThat(js("return document.getElementById('app-header').getBoundingClientRect().top;")).isEqualTo(0L);
        assertThat(js("return document.documentElement.style.paddingTop;")).isEqualTo("");
    }

    @Test
    void aBannerWithoutThePushLayoutCoversTheTopAsBefore() throws Exception {
        String banner = workspace.publish("banner", "until_dismissed", 0, "{\"title\":\"Welcome back\"}", targeting("overlay"));
        open(site, "/reports", init("oli", "overlay", ""));
        assertThat(shownAfter(0)).containsExactly(banner);
        assertThat(js("return document.documentElement.style.paddingTop;")).isEqualTo("");
        assertThat(js("return document.documentElement.style.getPropertyValue('--cueflow-top-banner-height');")).isEqualTo("");
    }

    @Test
    void singlePageNavigationRecordsPageViewsAndReevaluatesPageRules() throws Exception {
        String pricing = workspace.publish("banner", "every_time", 0, "{\"title\":\"Annual plans save 20%\",\"position\":\"bottom\"}",
                targeting("spa", "{\"type\":\"page\",\"field\":\"path\",\"operator\":\"starts_with\",\"value\":\"/pricing\"}"));
        open(site, "/app", init("cat", "spa", ""));
        assertThat(shownAfter(0)).isEmpty();

        long before = renders();
        js("history.pushState({}, '', '/pricing/team');");
        assertThat(shownAfter(before)).containsExactly(pricing);
        assertThat(text("banner-bottom")).contains("Annual plans save 20%");

        before = renders();
        js("history.pushState({}, '', '/settings?tab=billing');");
        assertThat(shownAfter(before)).isEmpty();

        before = renders();
        js("history.back();");
        assertThat(shownAfter(before)).containsExactly(pricing);

        before = renders();
        js("history.replaceState({step: 2}, '', location.href);"); // the same URL: not a new page view
        js("history.replaceState({}, '', '/pricing/enterprise');");
        assertThat(shownAfter(before)).containsExactly(pricing);

        List<String> paths = workspace.events("cat", "page_viewed").stream().map(event -> event.path("properties").path("path").asText()).toList();
        assertThat(paths).containsExactlyInAnyOrder("/app", "/pricing/team", "/settings", "/pricing/team", "/pricing/enterprise");
        assertThat(workspace.events("cat", "page_viewed").get(0).path("properties").path("url").asText())
                .isEqualTo(site.origin() + "/pricing/enterprise");
    }

    @Test
    void anXssPayloadInAMessageRendersAsText() {
        String payload = "<img src=x onerror=\\\"window.__xss=1\\\">";
        workspace.publish("modal", "every_time", 0, "{\"title\":\"" + payload + "\",\"body\":\"<script>window.__xss=2</script><b>bold</b>\"}",
                targeting("xss"));
        open(site, "/", init("dan", "xss", ""));
        assertThat(shownAfter(0)).hasSize(1);

        assertThat(text("modal")).contains("<img src=x onerror=\"window.__xss=1\">").contains("<script>window.__xss=2</script><b>bold</b>");
        assertThat(js("return document.querySelector(\"[data-cueflow='modal']\").shadowRoot.querySelectorAll('img, script, b').length;"))
                .isEqualTo(0L);
        assertThat(js("return document.querySelectorAll('img').length;")).isEqualTo(0L);
        assertThat(js("return window.__xss === undefined;")).isEqualTo(true);
    }

    @Test
    void aModalTakesFocusAndEscapeDismissesItUntilDismissedForGood() throws Exception {
        String modal = workspace.publish("modal", "until_dismissed", 0, "{\"title\":\"Export to Sheets, now in beta\","
                + "\"body\":\"Send any report to Google Sheets and keep it in sync every hour.\","
                + "\"primaryButton\":{\"text\":\"Try it\",\"url\":\"/export\"},\"secondaryButton\":{\"text\":\"Not now\"}}", targeting("modal"));
        open(site, "/reports", init("eve", "modal", ""));
        assertThat(shownAfter(0)).containsExactly(modal);
        assertThat(js("return document.querySelector(\"[data-cueflow='modal']\").shadowRoot.activeElement.textContent;")).isEqualTo("Try it");
        // The host page's "button { background: red !important }" does not reach into the message.
        assertThat(js("return getComputedStyle(document.querySelector(\"[data-cueflow='modal']\").shadowRoot.querySelector('button.primary')).backgroundColor;"))
                .isNotEqualTo("rgb(255, 0, 0)");
        screenshot("embed-modal.png");

        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.querySelector(\"[data-cueflow='modal']\").shadowRoot.activeElement.textContent;")).isEqualTo("Not now");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        assertThat(js("return document.querySelectorAll('[data-cueflow]').length;")).isEqualTo(0L);
        awaitServer(() -> workspace.stats(modal).path("dismissals").asInt() == 1, "the dismissal");

        open(site, "/reports", init("eve", "modal", ""));
        assertThat(shownAfter(0)).isEmpty();
    }

    @Test
    void trackAndUpdateReevaluateAtOnceAndShutdownLeavesNothingBehind() throws Exception {
        String exported = workspace.publish("banner", "every_time", 0, "{\"title\":\"Your export is ready\"}",
                targeting("track", "{\"type\":\"event\",\"eventKey\":\"export_clicked\",\"operator\":\"has_done\"}"));
        String enterprise = workspace.publish("modal", "every_time", 0, "{\"title\":\"Meet your account manager\"}",
                targeting("track", "{\"type\":\"contact\",\"field\":\"plan\",\"operator\":\"equals\",\"value\":\"enterprise\"}"));
        open(site, "/", init("fay", "track", "plan: 'pro'"));
        assertThat(shownAfter(0)).isEmpty();

        long before = renders();
        js("Cueflow.track('export_clicked', {format: 'csv', rows: 1200, nested: {no: 1}});");
        assertThat(shownAfter(before)).containsExactly(exported);
        assertThat(workspace.events("fay", "export_clicked").get(0).path("properties").toString()).isEqualTo("{\"format\":\"csv\",\"rows\":1200}");

        before = renders();
        js("Cueflow.update({plan: 'enterprise'});");
        assertThat(shownAfter(before)).containsExactlyInAnyOrder(exported, enterprise);

        js("Cueflow.update({id: 'someone-else', plan: 'free'}); Cueflow.track('Not Snake'); Cueflow.init(42); Cueflow.init({id: 'other'});");
        assertThat(warnings()).anyMatch(w -> w.contains("cannot change the user id")).anyMatch(w -> w.contains("snake_case"))
                .anyMatch(w -> w.contains("shutdown() first"));
        assertThat(server.get(workspace.secretKey, "/api/v1/contacts/fay").json().path("contact").path("plan").asText()).isEqualTo("enterprise");

        int pageViews = workspace.events("fay", "page_viewed").size();
        js("Cueflow.shutdown(); Cueflow.shutdown();");
        assertThat(js("return document.querySelectorAll('[data-cueflow], cueflow-message').length;")).isEqualTo(0L);
        assertThat(js("return String(history.pushState).indexOf('[native code]') >= 0;")).isEqualTo(true);
        js("history.pushState({}, '', '/after-shutdown'); Cueflow.update({plan: 'free'});");
        Thread.sleep(500);
        assertThat(workspace.events("fay", "page_viewed")).hasSize(pageViews);
        assertThat(warnings()).anyMatch(w -> w.contains("update() needs init() first"));
    }

    @Test
    void aForgedUserHashIsRefusedAndNothingIsStored() {
        workspace.publish("banner", "every_time", 0, "{\"title\":\"For hal only\"}", targeting("forged"));
        open(site, "/", "Cueflow.init({id: 'hal', userHash: '" + workspace.hash("not-hal") + "', scenario: 'forged'});");
        await(() -> warnings().stream().anyMatch(w -> w.contains("init() refused")), "the refusal");

        assertThat(warnings()).anyMatch(w -> w.contains("userHash does not match"));
        assertThat(workspace.contactStatus("hal")).isEqualTo(404);
        assertThat(js("return document.querySelectorAll('[data-cueflow]').length;")).isEqualTo(0L);
        assertThat(js("return window.__renders.length;")).isEqualTo(0L);
    }

    @Test
    void aPageOnAnOriginTheWorkspaceDoesNotAllowIsRefusedByCors() {
        open(otherSite, "/", init("ivy", "cors", ""));
        await(() -> warnings().stream().anyMatch(w -> w.contains("not allowed (CORS)")), "the CORS refusal");
        assertThat(workspace.contactStatus("ivy")).isEqualTo(404);

        Object direct = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0] + '/api/v1/embed/identify', {method: 'POST', headers: {'Authorization': 'Bearer ' + arguments[1],"
                + " 'Content-Type': 'application/json'}, body: JSON.stringify({userId: 'ivy'})})"
                + ".then(function (r) { done('answered ' + r.status); }, function (e) { done('blocked: ' + e.name); });",
                server.baseUrl(), workspace.publishableKey);
        assertThat(direct).isEqualTo("blocked: TypeError");
        assertThat(workspace.contactStatus("ivy")).isEqualTo(404);
        js("Cueflow.shutdown();");
    }

    @Test
    void failedSendsAreRetriedWithBackoffAndUnsentEventsAreBounded() throws Exception {
        open(site, "/", "for (var i = 0; i < 150; i++) Cueflow.track('bulk_event', {i: i});" + init("kim", "retry", ""));
        shownAfter(0);
        assertThat(warnings()).anyMatch(w -> w.contains("too many unsent events"));
        awaitServer(() -> workspace.events("kim", "bulk_event").size() >= 99, "the kept events");
        assertThat(workspace.events("kim", "bulk_event")).hasSizeBetween(99, 100);

        js("var real = window.fetch; window.failures = 2;"
                + "window.fetch = function (url) { if (String(url).indexOf('/embed/events') >= 0 && window.failures-- > 0)"
                + " return Promise.reject(new TypeError('offline')); return real.apply(this, arguments); };"
                + "Cueflow.track('retried_event');");
        awaitServer(() -> workspace.events("kim", "retried_event").size() == 1, "the retried event");
        assertThat(js("return window.failures;")).isEqualTo(-1L);
    }

    @Test
    void eventsTrackedAsThePageIsLeftAreDeliveredByBeaconOnce() throws Exception {
        open(site, "/checkout", init("jay", "beacon", ""));
        shownAfter(0);
        // A network that never answers: the event's fetch stays in flight, so only the beacon can deliver it.
        js("window.fetch = function () { return new Promise(function () {}); };"
                + "Cueflow.track('checkout_started', {step: 1}); location.href = '/plain';");
        awaitServer(() -> workspace.events("jay", "checkout_started").size() == 1, "the beaconed event");
        Thread.sleep(300);
        assertThat(workspace.events("jay", "checkout_started")).hasSize(1);
    }
}
