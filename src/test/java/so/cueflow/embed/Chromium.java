package so.cueflow.embed;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless Chromium driven through its own chromedriver: Selenium never downloads a driver
 * (there is no internet), Chromium never dials out, and nothing is written to $HOME. Where Chromium
 * is missing the browser tests are skipped with the reason printed, except under CI=true.
 */
public final class Chromium {
    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {
    }

    public static ChromeDriver start(Path profile) throws IOException {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            unavailable("Chromium is not installed (" + BROWSER + ", " + DRIVER + "): apt-get install -y chromium chromium-driver", null);
        }
        Path xdg = Files.createDirectories(profile.resolve("xdg"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CONFIG_HOME", xdg.toString(), "XDG_CACHE_HOME", xdg.toString()))
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,800",
                        "--user-data-dir=" + Files.createDirectories(profile.resolve("profile")));
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
            return driver;
        } catch (SessionNotCreatedException e) {
            service.stop();
            unavailable("Chromium did not start: " + e.getMessage().lines().findFirst().orElse(""), e);
            throw e;
        }
    }

    private static void unavailable(String reason, Throwable cause) {
        if ("true".equals(System.getenv("CI"))) fail("browser tests must run under CI: " + reason, cause);
        System.out.println("SKIPPED browser tests: " + reason);
        Assumptions.abort(reason);
    }
}
