package so.cueflow.embed;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Browser origins ({@code scheme://host[:port]}) as the Origin header sends them. */
public final class Origins {
    private Origins() {
    }

    /**
     * The origin in the form browsers send it (lowercase, default port dropped), or null when the
     * text is not an http(s) origin. A trailing slash is tolerated; a path, query or wildcard is not.
     */
    public static String parse(String text) {
        if (text == null || text.isBlank()) return null;
        String trimmed = text.trim();
        if (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme)) return null;
            if (uri.getHost() == null || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Origins as typed by a person (command line or dashboard), parsed; every one that is not an origin is a problem. */
    public record Parsed(List<String> origins, List<String> problems) {
    }

    /** Parses each text, dropping duplicates; the problems name each text that is not an origin. */
    public static Parsed parseAll(Collection<String> texts) {
        List<String> origins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String text : texts) {
            String origin = parse(text);
            if (origin == null) problems.add("not an origin: \"" + (text == null ? "" : text.trim()) + "\" (expected scheme://host[:port], such as https://app.example.com)");
            else if (!origins.contains(origin)) origins.add(origin);
        }
        return new Parsed(List.copyOf(origins), List.copyOf(problems));
    }

    /** For comparing a request's Origin header: its parsed form, or the text itself when it does not parse. */
    static String normalise(String origin) {
        String parsed = parse(origin);
        return parsed == null ? origin : parsed;
    }
}
