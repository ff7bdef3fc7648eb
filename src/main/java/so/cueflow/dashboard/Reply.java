package so.cueflow.dashboard;

/** What a page handler answers: a template to render with its model, a redirect, or a streamed download. */
public sealed interface Reply {
    /**
     * Renders {@code template} (a path under src/main/jte, e.g. {@code "settings/index.jte"}) with the
     * parameters {@code frame} and {@code page}; a partial template may declare only {@code page}.
     */
    record View(int status, String title, Section section, String template, Object page) implements Reply {
    }

    /** 303 See Other to {@code location}; for htmx requests an {@code HX-Redirect} instead. */
    record Redirect(String location) implements Reply {
    }

    /** A file streamed as {@code body} writes it (an export), never held whole in memory. */
    record Download(String filename, String contentType, BodyWriter body) implements Reply {
    }

    @FunctionalInterface
    interface BodyWriter {
        void write(java.io.OutputStream out) throws Exception;
    }

    static View page(String title, Section section, String template, Object page) {
        return new View(200, title, section, template, page);
    }

    static Redirect redirect(String location) {
        return new Redirect(location);
    }
}
