package so.cueflow.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.Cueflow;
import so.cueflow.TestServer;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class KeysAndTenancyIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        int exit = Cueflow.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute(args);
        assertThat(exit).as("exit code of %s", String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void missingMalformedAndUnknownKeysAre401() {
        assertThat(server.get(null, "/api/v1/event-types").status()).isEqualTo(401);
        assertThat(server.send(null, "GET", "/api/v1/event-types", null, null).errorCode()).isEqualTo("unauthorized");
        assertThat(server.get("not-a-key", "/api/v1/event-types").status()).isEqualTo(401);
        assertThat(server.get("sk_" + "A".repeat(40), "/api/v1/event-types").status()).isEqualTo(401);
        assertThat(server.get(null, "/health").status()).isEqualTo(200);
    }

    @Test
    void aKeyCreatedByTheCliWorksAndOnceRevokedIsRefusedByTheRunningServer() throws Exception {
        // --data names a SQLite directory; on PostgreSQL the CLI reaches the server's store by --database-url.
        String store = server.storeFlag();
        String location = server.storeLocation();
        String key = cli("keys", "create", store, location, "--workspace", "cli-space", "--name", "ci").trim();
        assertThat(key).matches("sk_[0-9A-Za-z]{40}");
        assertThat(server.get(key, "/api/v1/event-types").status()).isEqualTo(200);

        String listing = cli("keys", "list", store, location);
        assertThat(listing).contains(key.substring(0, 12)).contains("cli-space").doesNotContain(key);

        cli("keys", "revoke", store, location, key.substring(0, 12));
        long deadline = System.currentTimeMillis() + 3_000;
        int status = 200;
        while (status != 401 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            status = server.get(key, "/api/v1/event-types").status();
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void theStoreHoldsOnlyHashesOfKeys() {
        String key = server.newKey("hashes");
        Integer plain = server.database().read(connection -> {
            try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM api_keys WHERE key_hash = ? OR prefix = ?")) {
                statement.setString(1, key);
                statement.setString(2, key);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
        assertThat(plain).isZero();
    }

    @Test
    void aKeyOfOneWorkspaceCannotReadOrWriteAnotherWorkspacesContact() {
        String keyA = server.newKey("tenant-a");
        String keyB = server.newKey("tenant-b");
        assertThat(server.post(keyA, "/api/v1/contacts", "{\"externalId\":\"shared-id\",\"name\":\"A's\"}").status()).isEqualTo(201);
        assertThat(server.post(keyA, "/api/v1/events", "{\"externalId\":\"shared-id\",\"eventKey\":\"secret_thing\"}").status()).isEqualTo(201);

        assertThat(server.get(keyB, "/api/v1/contacts/shared-id").status()).isEqualTo(404);
        assertThat(server.get(keyB, "/api/v1/contacts/shared-id/events").status()).isEqualTo(404);
        assertThat(server.post(keyB, "/api/v1/events", "{\"externalId\":\"shared-id\",\"eventKey\":\"x\"}").status()).isEqualTo(404);
        assertThat(server.patch(keyB, "/api/v1/contacts/shared-id", "{\"name\":\"B's\"}").status()).isEqualTo(404);
        assertThat(server.delete(keyB, "/api/v1/contacts/shared-id").status()).isEqualTo(404);
        assertThat(server.get(keyB, "/api/v1/event-types").body()).doesNotContain("secret_thing");
        assertThat(server.get(keyB, "/api/v1/contacts").body()).doesNotContain("shared-id");

        assertThat(server.get(keyA, "/api/v1/contacts/shared-id").json().path("contact").path("name").asText()).isEqualTo("A's");
    }
}
