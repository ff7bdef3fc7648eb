package so.cueflow.dashboard;

import com.sun.net.httpserver.HttpServer;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.Workspace;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A workspace with keys and a customer's page on another origin that runs the embed script as one
 * contact: where the editor's messages are seen.
 */
final class EditorSite implements AutoCloseable {
    final Workspace workspace;
    final String secretKey;
    final String publishableKey;
    private final TestServer server;
    private final HttpServer host;
    private volatile String userId = "nobody";

    EditorSite(TestServer server, String workspaceName) throws IOException {
        this.server = server;
        long now = System.currentTimeMillis();
        workspace = new WorkspaceStore(server.database()).findOrCreate(workspaceName, now);
        KeyStore keys = new KeyStore(server.database());
        secretKey = keys.create(workspace, ApiKey.Kind.SECRET, "backend", now).plaintext();
        publishableKey = keys.create(workspace, ApiKey.Kind.PUBLISHABLE, "browser", now).plaintext();
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            byte[] body = page().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        host.start();
        new EmbedSettingsStore(server.database()).update(workspace.id(),
                current -> current.with(List.of(origin()), EmbedSettings.Verification.OFF, System.currentTimeMillis()));
    }

    String origin() {
        return "http://127.0.0.1:" + host.getAddress().getPort();
    }

    /** The host page's URL, showing messages to {@code externalId}. */
    String pageFor(String externalId) {
        userId = externalId;
        return origin() + "/app";
    }

    private String page() {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Acme app</title>
                <style>body { margin: 0; padding: 96px 48px; font: 16px Georgia, serif; background: #f1f5f9 }</style>
                <script src="%s/embed.js" data-key="%s"></script>
                <script>Cueflow.init({id: '%s'});</script>
                </head><body><h1>Acme analytics</h1><p>The customer's own page.</p></body></html>
                """.formatted(server.baseUrl(), publishableKey, userId);
    }

    void contact(String externalId) {
        TestServer.Reply reply = server.post(secretKey, "/api/v1/contacts", "{\"externalId\":\"" + externalId + "\"}");
        if (reply.status() >= 300) throw new IllegalStateException(reply.body());
    }

    void event(String externalId, String eventKey) {
        TestServer.Reply reply = server.post(secretKey, "/api/v1/events",
                "{\"externalId\":\"" + externalId + "\",\"eventKey\":\"" + eventKey + "\"}");
        if (reply.status() != 201) throw new IllegalStateException(reply.body());
    }

    @Override
    public void close() {
        host.stop(0);
    }
}
