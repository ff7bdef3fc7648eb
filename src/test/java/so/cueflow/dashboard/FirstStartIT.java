package so.cueflow.dashboard;

import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar cueflow.jar serve} on an empty SQLite store prints the first key and a one-time setup link. */
class FirstStartIT {
    private static final Pattern SETUP = Pattern.compile("  (http://127\\.0\\.0\\.1:\\d+)(/setup\\?token=[A-Za-z0-9_-]{43})");

    @Test
    void firstStartPrintsASetupLinkThatCreatesTheFirstAdminOfDefault() throws Exception {
        Path data = Files.createTempDirectory("cueflow-first-start");
        Path out = data.resolve("stdout.txt");
        int port = TestServer.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", new File("target/cueflow.jar").getAbsolutePath(), "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", data.resolve("store").toString())
                .redirectOutput(out.toFile()).redirectError(data.resolve("stderr.txt").toFile()).start();
        try {
            Matcher link = awaitLink(out, process, "http://127.0.0.1:" + port);
            assertThat(Files.readString(out)).contains("Created workspace \"default\"").contains("sk_")
                    .contains("Open this link within 24 hours to create the dashboard's first admin");
            DashboardClient browser = new DashboardClient("http://127.0.0.1:" + port);
            assertThat(browser.get(link.group(2)).body()).contains("Set up Cueflow");
            String token = link.group(2).substring(link.group(2).indexOf('=') + 1);
            assertThat(browser.submit("/setup", "token", token, "email", "first@example.test", "name", "First Admin",
                    "password", "the first password").location()).isEqualTo("/");
            assertThat(browser.get("/").location()).isEqualTo("/w/default/overview");
            assertThat(browser.get("/w/default/settings").status()).isEqualTo(200);
            assertThat(Files.readString(data.resolve("stderr.txt"))).doesNotContain(token).doesNotContain("the first password");
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Matcher awaitLink(Path out, Process process, String baseUrl) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher link = SETUP.matcher(Files.readString(out));
            if (link.find() && healthy(baseUrl)) return link;
            assertThat(process.isAlive()).as("the server is running").isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no setup link within 60 s: " + Files.readString(out));
    }

    private static boolean healthy(String baseUrl) {
        try {
            return new DashboardClient(baseUrl).get("/health").status() == 200;
        } catch (java.io.UncheckedIOException notYet) {
            return false;
        }
    }
}
