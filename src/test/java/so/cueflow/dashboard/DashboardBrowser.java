package so.cueflow.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import so.cueflow.TestServer;
import so.cueflow.embed.Chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Headless Chromium on the dashboard of a test server: open pages, fill forms, sign in, and save
 * screenshots of a page at 1280×800 and 390×844 under {@code target/screenshots/}.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    static final Dimension WIDE = new Dimension(1280, 800);
    static final Dimension NARROW = new Dimension(390, 844);

    private final TestServer server;
    private final Path profile;
    private final ChromeDriver driver;

    private DashboardBrowser(TestServer server, Path profile, ChromeDriver driver) {
        this.server = server;
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts Chromium (or skips the test where it is missing, see {@link Chromium}). */
    static DashboardBrowser start(TestServer server) throws IOException {
        Path profile = Files.createTempDirectory("cueflow-dashboard-chromium");
        ChromeDriver driver = Chromium.start(profile);
        driver.manage().window().setSize(WIDE);
        return new DashboardBrowser(server, profile, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(server.baseUrl() + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Types into the input labelled by its id, replacing what was there. */
    void fill(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks the element and waits for the next page to load. */
    void clickAndWait(String css) {
        WebElement old = find("html");
        find(css).click();
        await(d -> isStale(old), "the next page");
    }

    void signIn(String email, String password) {
        open("/sign-in");
        fill("email", email);
        fill("password", password);
        clickAndWait("form button[type=submit]");
    }

    void signOut() {
        if (present(".nav") && !find(".nav").isDisplayed()) find("[data-menu]").click();
        clickAndWait("form[action='/sign-out'] button");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T await(Function<ChromeDriver, T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).withMessage("waiting for " + what)
                .until(d -> condition.apply(driver));
    }

    /** Saves NAME-1280.png and NAME-390.png of the page as it is, then returns to the wide size. */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        screenshot(name + "-1280.png", WIDE);
        screenshot(name + "-390.png", NARROW);
        driver.manage().window().setSize(WIDE);
    }

    /** Saves one screenshot at the current size (e.g. after opening the narrow menu). */
    void screenshot(String file) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    private void screenshot(String file, Dimension size) throws IOException {
        resize(size);
        screenshot(file);
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException navigating) {
            // Chromium answers this, instead of "stale", when asked about a node while its page is being replaced.
            if (String.valueOf(navigating.getMessage()).contains("does not belong to the document")) return true;
            throw navigating;
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
