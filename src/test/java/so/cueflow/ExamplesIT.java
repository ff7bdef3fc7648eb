package so.cueflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs each published code example, as a user would, against the real server. */
class ExamplesIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0} example")
    @CsvSource({"node, examples/node/track.js", "python3, examples/python/track.py", "php, examples/php/track.php"})
    void theExampleUpsertsTheContactAndGetsA201ForTheSeedEvent(String interpreter, String script) throws Exception {
        requireInstalled(interpreter);
        String key = server.newKey("examples-" + interpreter);
        ProcessBuilder builder = new ProcessBuilder(interpreter, Path.of(script).toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().put("CUEFLOW_URL", server.baseUrl());
        builder.environment().put("CUEFLOW_API_KEY", key);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("201").contains("purchase_completed");
        String activity = server.get(key, "/api/v1/contacts/user-123/activity").body();
        assertThat(activity).contains("\"eventKey\":\"purchase_completed\",\"count\":1");
    }

    private static void requireInstalled(String interpreter) throws IOException, InterruptedException {
        boolean present = new ProcessBuilder("sh", "-c", "command -v " + interpreter).start().waitFor() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(interpreter + " is not installed; .ci/run must install it");
        }
        Assumptions.assumeTrue(present, () -> {
            System.out.println("skipping the " + interpreter + " example: " + interpreter + " is not installed");
            return interpreter + " is not installed";
        });
    }

}
