package so.cueflow.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh, empty store on the engine the suite runs on (see {@link TestDatabase}), not yet migrated, opened as a
 * {@link Database}; closing it drops the store and deletes its temporary directory.
 */
public record ScratchStore(Path dir, String url, Database database) implements AutoCloseable {

    public static ScratchStore open(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        String url = TestDatabase.freshUrl(dir);
        return new ScratchStore(dir, url, new Database(url));
    }

    @Override
    public void close() throws IOException {
        database.close();
        TestDatabase.drop(url);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
