package so.cueflow;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, from cueflow.properties (filtered by Maven). */
public final class Version implements CommandLine.IVersionProvider {
    private static final String VERSION = load();

    public static String current() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"cueflow " + VERSION};
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/cueflow.properties")) {
            if (in == null) return "unknown";
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
