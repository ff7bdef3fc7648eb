package so.cueflow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import so.cueflow.storage.TestDatabase;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar target/cueflow.jar} as a user runs it, with settings that cannot work: each
 * answer is one line naming the setting, exit code 2, and nothing created — no data directory, no
 * workspace, no key printed.
 */
class StartupFailuresIT {
    private Path scratch;
    private Path dataDir;

    @BeforeEach
    void makeScratch() throws IOException {
        scratch = Files.createTempDirectory("cueflow-startup");
        dataDir = scratch.resolve("data");
    }

    @AfterEach
    void removeScratch() throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aPortOutOfRangeIsOneLineNamingIt() throws Exception {
        Run run = serve("--port", "70000");
        run.isOneLineFailure("--port (CUEFLOW_PORT) must be from 0 to 65535, not 70000");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aPortThatIsNotANumberIsOneLineNamingIt() throws Exception {
        serve("--port", "eighty").isOneLineFailure("--port");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void anIngestQueueOfZeroIsOneLineNamingIt() throws Exception {
        serve("--ingest-queue", "0").isOneLineFailure("--ingest-queue (CUEFLOW_INGEST_QUEUE) must be at least 1");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void morePreviewThreadsThanFourIsOneLineNamingTheRange() throws Exception {
        serve("--preview-threads", "5").isOneLineFailure("--preview-threads (CUEFLOW_PREVIEW_THREADS) must be from 1 to 4 (or 0: one per core), not 5");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void anEnvironmentVariableIsNamedBesideItsFlag() throws Exception {
        run(List.of("CUEFLOW_EVENT_LOOPS=-3"), "serve", "--data", dataDir.toString(), "--port", "0")
                .isOneLineFailure("--event-loops (CUEFLOW_EVENT_LOOPS) must be at least 1");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aDatabaseUrlWithoutJdbcIsOneLineNamingIt() throws Exception {
        serve("--database-url", "postgresql://db.example.com/cueflow?user=app&password=hunter2")
                .isOneLineFailure("--database-url (CUEFLOW_DATABASE_URL) must start with jdbc:sqlite: or jdbc:postgresql:");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithThePasswordMasked() throws Exception {
        int closedPort = TestServer.freePort();
        Run run = serve("--database-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/cueflow?user=app&password=hunter2");
        run.isOneLineFailure("--database-url (CUEFLOW_DATABASE_URL) cannot open jdbc:postgresql://127.0.0.1:" + closedPort
                + "/cueflow?user=app&password=***");
        assertThat(run.output()).doesNotContain("hunter2");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aDatabaseThatRefusesIsOneLineWithThePasswordMasked() throws Exception {
        String url = TestDatabase.postgres()
                ? TestDatabase.freshUrl(scratch).replaceFirst("/[^/?]+\\?", "/no_such_database?") + "&password=hunter2"
                : "jdbc:sqlite:" + scratch.resolve("missing-folder/cueflow.db") + "?password=hunter2";
        Run run = serve("--database-url", url);
        run.isOneLineFailure("--database-url (CUEFLOW_DATABASE_URL) cannot open ");
        assertThat(run.output()).doesNotContain("hunter2").contains("password=***");
        assertThat(scratch.resolve("missing-folder")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineNamingIt() throws Exception {
        Files.writeString(scratch.resolve("a-file"), "not a directory");
        run(List.of(), "serve", "--data", scratch.resolve("a-file/data").toString(), "--port", "0")
                .isOneLineFailure("--data (CUEFLOW_DATA_DIR) ");
    }

    @Test
    void aBusyPortIsOneLineNamingThePortAndNothingIsCreated() throws Exception {
        try (ServerSocket taken = new ServerSocket(TestServer.freePort(), 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = run(List.of(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", dataDir.toString());
            run.isOneLineFailure("--port (CUEFLOW_PORT) " + port + " is already in use on 127.0.0.1");
            assertThat(run.output()).doesNotContain("sk_").doesNotContain("Created workspace");
            assertThat(dataDir).doesNotExist();
        }
    }

    @Test
    void migratePrintsTheStoreWithThePasswordMasked() throws Exception {
        Run run = run(List.of(), "migrate", "--database-url", "jdbc:sqlite:" + scratch.resolve("cueflow.db") + "?password=hunter2");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("the store is migrated: jdbc:sqlite:").contains("password=***").doesNotContain("hunter2");
    }

    @Test
    void everyCommandAnswersHelp() throws Exception {
        for (List<String> command : List.<List<String>>of(List.of(), List.of("serve"), List.of("migrate"), List.of("keys"), List.of("keys", "create"),
                List.of("keys", "list"), List.of("keys", "revoke"), List.of("workspace"), List.of("workspace", "show"),
                List.of("workspace", "update"), List.of("workspace", "rotate-identity-secret"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Run run = run(List.of(), args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.output()).isZero();
            assertThat(run.output()).as(String.join(" ", args)).contains("Usage: cueflow").contains("--help");
        }
    }

    private Run serve(String... settings) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--data", dataDir.toString(), "--host", "127.0.0.1"));
        args.addAll(List.of(settings));
        if (!args.contains("--port")) args.addAll(List.of("--port", "0"));
        return run(List.of(), args.toArray(String[]::new));
    }

    /** Runs the jar; a process still running after 120 s is a server that started: a failure here. */
    private Run run(List<String> environment, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", new File("target/cueflow.jar").getAbsolutePath()));
        command.addAll(List.of(args));
        Path output = scratch.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).directory(scratch.toFile());
        for (String variable : environment) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after 120 s: " + String.join(" ", args) + "\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    private record Run(int exitCode, String output) {
        void isOneLineFailure(String expectedStart) {
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("the whole output").hasSize(1);
            assertThat(lines.get(0)).contains(expectedStart);
            assertThat(exitCode).as(output).isEqualTo(2);
        }
    }
}
