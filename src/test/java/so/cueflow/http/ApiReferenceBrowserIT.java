package so.cueflow.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import so.cueflow.TestServer;
import so.cueflow.embed.Chromium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** /docs in headless Chromium: Swagger UI from the jar renders every operation under the page's CSP, on desktop and phone. */
class ApiReferenceBrowserIT {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static TestServer server;
    private static Path profile;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        profile = Files.createTempDirectory("cueflow-chromium");
        browser = Chromium.start(profile);
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theReferencePageListsEveryOperationOnDesktopAndPhone() throws Exception {
        long operations = operationCount();
        for (Dimension size : new Dimension[]{new Dimension(1280, 800), new Dimension(390, 844)}) {
            browser.manage().window().setSize(size);
            browser.get(server.baseUrl() + "/docs");
            new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("Swagger UI to render the operations")
                    .until(driver -> driver.findElements(By.cssSelector(".opblock")).size() == operations);
            assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("Cueflow API");
            assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream().map(e -> e.getAttribute("data-path")))
                    .contains("/api/v1/events", "/api/v1/contacts/{externalId}", "/api/v1/embed/messages");
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("no sideways scrolling at " + size).isLessThanOrEqualTo(0);
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("api-docs-" + size.width + "x" + size.height + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    @Test
    void theReferencePageIsServedWithAContentSecurityPolicyAndNoInlineScript() {
        TestServer.Reply page = server.get(null, "/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';");
        assertThat(page.body()).doesNotContainPattern("<script>[^<]");
        assertThat(server.get(null, "/docs/assets/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(server.get(null, "/docs/assets/../../../cueflow.properties").status()).isNotEqualTo(200);
    }

    private static long operationCount() {
        long[] count = {0};
        server.get(null, "/openapi.json").json().path("paths").forEach(path -> path.fieldNames().forEachRemaining(method -> {
            if (!method.startsWith("x-")) count[0]++;
        }));
        return count[0];
    }
}
