package so.cueflow.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import so.cueflow.TestServer;
import so.cueflow.storage.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL ends every connection of the server (as a failover or a restart of the database would):
 * the ingest writer and the pool open new ones and the server goes on. Skipped on SQLite, which is
 * a file in the server's own process and has no connections to lose.
 */
@EnabledIfSystemProperty(named = TestDatabase.STORE_PROPERTY, matches = "postgres",
        disabledReason = "SQLite is opened in-process: there is no database connection to lose")
class LostDatabaseConnectionsIT {

    @Test
    void afterPostgresqlEndsEveryConnectionTheServerGoesOnWithoutFailingARequest() throws Exception {
        try (TestServer server = TestServer.start()) {
            String key = server.newKey("reconnect");
            assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"r-1\"}").status()).isEqualTo(201);
            assertThat(server.post(key, "/api/v1/events", "{\"externalId\":\"r-1\",\"eventKey\":\"before\"}").status()).isEqualTo(201);
            assertThat(server.get(key, "/api/v1/contacts/r-1/messages").status()).isEqualTo(200);

            assertThat(terminateConnectionsTo(server.databaseUrl())).isGreaterThanOrEqualTo(2);

            assertThat(server.get(key, "/api/v1/contacts/r-1").status()).as("a read on a dropped connection is retried").isEqualTo(200);
            assertThat(server.get(key, "/api/v1/contacts/r-1/messages").status())
                    .as("a page view's batched read on a dropped connection is retried").isEqualTo(200);
            // Each ingest writer finds its connection dead before committing anything, reconnects and writes the batch.
            for (int i = 0; i < 4; i++) {
                assertThat(server.post(key, "/api/v1/events", "{\"externalId\":\"r-1\",\"eventKey\":\"after\"}").status()).isEqualTo(201);
            }
            assertThat(server.get(key, "/api/v1/contacts/r-1/activity").body()).contains("\"eventKey\":\"after\",\"count\":4");
            assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"r-2\"}").status()).isEqualTo(201);
        }
    }

    /** Ends every backend of the server's database, from a connection of its own; returns how many. */
    private static int terminateConnectionsTo(String url) throws Exception {
        try (Connection admin = DriverManager.getConnection(url);
             PreparedStatement terminate = admin.prepareStatement("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid)"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) ended");
             ResultSet rows = terminate.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
