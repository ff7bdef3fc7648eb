package so.cueflow.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.HashMap;
import java.util.Map;

/** The JTE templates of src/main/jte, compiled to classes at build time; output is HTML-escaped by default. */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a page template with its two parameters, {@code frame} and {@code page}. */
    String render(String template, Frame frame, Object page) {
        Map<String, Object> params = new HashMap<>();
        params.put("frame", frame);
        params.put("page", page);
        StringOutput output = new StringOutput();
        engine.render(template, params, output);
        return output.toString();
    }
}
