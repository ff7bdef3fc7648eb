package so.cueflow;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```sh} block with a curl line in README.md and docs/*.md, run as written by bash
 * against a live server, with a real key in {@code KEY} and the server's address for
 * localhost:8080. curl runs with --fail-with-body, so any answer of 400 or more fails its block.
 */
class DocsCurlIT {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        key = server.newKey("docs");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyCurlLineInTheReadmeAndTheDocsRunsAsWritten() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> failures = new ArrayList<>();
        int blocks = 0;
        for (Path document : documents) {
            Matcher matcher = SH_BLOCK.matcher(Files.readString(document));
            while (matcher.find()) {
                if (!matcher.group(1).contains("curl ")) continue;
                blocks++;
                String failure = run(matcher.group(1));
                if (failure != null) failures.add(document + ":\n" + matcher.group(1) + "\n→ " + failure);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(blocks).as("curl blocks found").isGreaterThanOrEqualTo(10);
    }

    /** Null when the block succeeded, else what it printed. */
    private static String run(String block) throws IOException, InterruptedException {
        String script = "set -euo pipefail\nKEY='" + key + "'\ncurl() { command curl --fail-with-body -sS --max-time 20 \"$@\"; }\n"
                + block.replace("http://localhost:8080", server.baseUrl());
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "still running after 60 s";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
