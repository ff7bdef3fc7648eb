package so.cueflow.embed;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A customer's single-page app on its own origin (another port), serving the same page at every
 * path as SPAs do; {@code /plain} is a page without the script, to navigate away to.
 */
final class HostSite implements AutoCloseable {
    private final HttpServer server;
    private volatile String page = "<!doctype html><title>empty</title>";

    HostSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            boolean plain = exchange.getRequestURI().getPath().equals("/plain");
            byte[] body = (plain ? "<!doctype html><title>plain</title><p>No script here.</p>" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The installation snippet of the README, with the host page's own calls made before the script
     * has loaded (so the queue stub must keep them), and a record of what the script reports.
     */
    void serve(String cueflowUrl, String publishableKey, String calls) {
        serve(cueflowUrl, publishableKey, calls, "", "");
    }

    /** The same page with a fixed 56-px header at the top, and the script tag asking banners to push the page down. */
    void serveWithFixedHeader(String cueflowUrl, String publishableKey, String calls) {
        serve(cueflowUrl, publishableKey, calls, " data-banner-layout=\"push\"",
                "<header id=\"app-header\" style=\"position:fixed;top:0;left:0;right:0;height:56px;background:#0f766e;color:#fff;"
                        + "font:20px sans-serif;padding:16px 48px;box-sizing:border-box\">Acme header</header>");
    }

    private void serve(String cueflowUrl, String publishableKey, String calls, String scriptAttributes, String bodyStart) {
        page = """
                <!doctype html>
                <html><head><meta charset="utf-8"><title>Acme app</title>
                <style>
                  body { margin: 0; padding: 96px 48px; font: 16px Georgia, serif; background: #f1f5f9; color: #334155 }
                  button { background: red !important; font-size: 40px !important }
                  div { border: 3px dashed orange }
                </style>
                <script>
                  window.__warnings = []; window.__renders = [];
                  var warn = console.warn;
                  console.warn = function () { window.__warnings.push([].join.call(arguments, ' ')); warn.apply(console, arguments); };
                  addEventListener('cueflow:messages', function (e) { window.__renders.push(e.detail.shown); });
                </script>
                <script>
                  !function(w){var c=w.Cueflow=w.Cueflow||{q:[]};["init","update","track","shutdown"].forEach(function(m){c[m]=c[m]||function(){c.q.push([m,[].slice.call(arguments)])}})}(window);
                  %s
                </script>
                <script src="%s/embed.js" data-key="%s"%s async></script>
                </head><body>%s
                <h1>Acme analytics</h1>
                <p>Your dashboards, reports and exports. This text belongs to the host page.</p>
                <button type="button" id="host-button">Host button</button>
                </body></html>
                """.formatted(calls, cueflowUrl, publishableKey, scriptAttributes, bodyStart);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
