package so.cueflow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP plumbing knows nothing of the store: storage failures reach it only as the features map them. */
class LayeringIT {
    private static final Path HTTP = Path.of("src/main/java/so/cueflow/http");

    @Test
    void httpDoesNotReferToStorage() throws IOException {
        try (Stream<Path> files = Files.list(HTTP)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                assertThat(Files.readString(source)).as(source.toString()).doesNotContain("so.cueflow.storage");
            }
        }
    }
}
