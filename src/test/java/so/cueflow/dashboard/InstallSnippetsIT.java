package so.cueflow.dashboard;

import org.junit.jupiter.api.Test;
import so.cueflow.embed.IdentityHashes;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Install page's userHash code, run in Node.js, Python, PHP and Java, agrees with the server's IdentityHashes. */
class InstallSnippetsIT {
    private static final String SECRET = "idsec_0123456789abcdefghijABCDEFGHIJ0123456789";
    private static final String USER = "user-123 ünïcode";

    @Test
    void nodeSnippetComputesTheServersHash() throws Exception {
        assertThat(run(List.of("node", "-e", "const userId = process.argv[1];\n" + InstallSnippets.NODE
                + "\nconsole.log(userHash);", USER))).isEqualTo(IdentityHashes.hash(SECRET, USER));
    }

    @Test
    void pythonSnippetComputesTheServersHash() throws Exception {
        assertThat(run(List.of("python3", "-c", "import sys\nuser_id = sys.argv[1]\n" + InstallSnippets.PYTHON
                + "\nprint(user_hash)", USER))).isEqualTo(IdentityHashes.hash(SECRET, USER));
    }

    @Test
    void phpSnippetComputesTheServersHash() throws Exception {
        assertThat(run(List.of("php", "-r", "$userId = $argv[1];\n" + InstallSnippets.PHP + "\necho $userHash;", USER)))
                .isEqualTo(IdentityHashes.hash(SECRET, USER));
    }

    @Test
    void javaSnippetComputesTheServersHash() throws Exception {
        Path dir = Files.createTempDirectory("cueflow-snippet");
        Path source = dir.resolve("Snippet.java");
        Files.writeString(source, "import javax.crypto.Mac;\nimport javax.crypto.spec.SecretKeySpec;\n"
                + "import java.nio.charset.StandardCharsets;\nimport java.util.HexFormat;\n"
                + "public class Snippet { public static void main(String[] args) throws Exception {\nString userId = args[0];\n"
                + InstallSnippets.JAVA + "\nSystem.out.println(userHash);\n} }\n");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(run(List.of(java, "-cp", dir.toString(), "Snippet", USER))).isEqualTo(IdentityHashes.hash(SECRET, USER));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CUEFLOW_IDENTITY_SECRET", SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
