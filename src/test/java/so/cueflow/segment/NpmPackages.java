package so.cueflow.segment;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The npm packages the SDK tests run, installed outside the repository by .ci/run into
 * {@code $CUEFLOW_NPM_DIR} (default {@code ~/.cache/cueflow-npm}). Where one is missing the test is
 * skipped with the reason printed, except under CI=true, where it fails.
 */
final class NpmPackages {
    static final Path DIR = Path.of(System.getenv().getOrDefault("CUEFLOW_NPM_DIR",
            System.getProperty("user.home") + "/.cache/cueflow-npm"));

    private NpmPackages() {
    }

    static Path modules() {
        return DIR.resolve("node_modules");
    }

    static void require(String... packages) {
        for (String name : packages) {
            if (!Files.exists(modules().resolve(name).resolve("package.json"))) {
                unavailable(name + " is not installed in " + modules() + " (.ci/run installs it: npm install --prefix " + DIR + " ...)");
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/node")) && !Files.isExecutable(Path.of("/usr/local/bin/node"))) {
            unavailable("node is not installed");
        }
    }

    private static void unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("the SDK tests must run under CI: " + reason);
        System.out.println("SKIPPED Segment SDK test: " + reason);
        Assumptions.abort(reason);
    }
}
