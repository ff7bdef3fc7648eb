package so.cueflow.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes to one message made at the same moment: none is lost, and the status ends as some serial order leaves it. */
class MessageConcurrencyIT {
    private static final int ROUNDS = 5;
    private static TestServer server;
    private static String key;
    private static ExecutorService clients;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        key = server.newKey("concurrent-messages");
        clients = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.shutdownNow();
        server.close();
    }

    private static String create() {
        TestServer.Reply created = server.post(key, "/api/v1/messages",
                "{\"name\":\"n\",\"type\":\"banner\",\"content\":{\"title\":\"t\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("message").path("id").asText();
    }

    @Test
    void concurrentPatchesOfDifferentFieldsAllSurvive() throws Exception {
        Map<String, String> changes = Map.of(
                "name", "\"renamed\"", "type", "\"modal\"", "startDate", "\"2026-01-01\"", "endDate", "\"2030-01-01\"",
                "frequency", "\"every_time\"", "priority", "7", "content", "{\"title\":\"new title\"}",
                "targeting", "{\"groups\":[{\"rules\":[{\"type\":\"event\",\"eventKey\":\"e\",\"operator\":\"has_done\"}]}]}");
        for (int round = 0; round < ROUNDS; round++) {
            String id = create();
            List<Callable<TestServer.Reply>> patches = new ArrayList<>();
            changes.forEach((field, value) -> patches.add(() -> server.patch(key, "/api/v1/messages/" + id, "{\"" + field + "\":" + value + "}")));
            for (Future<TestServer.Reply> reply : clients.invokeAll(patches)) assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(200);

            JsonNode message = server.get(key, "/api/v1/messages/" + id).json().path("message");
            assertThat(message.path("name").asText()).isEqualTo("renamed");
            assertThat(message.path("type").asText()).isEqualTo("modal");
            assertThat(message.path("startDate").asText()).isEqualTo("2026-01-01");
            assertThat(message.path("endDate").asText()).isEqualTo("2030-01-01");
            assertThat(message.path("frequency").asText()).isEqualTo("every_time");
            assertThat(message.path("priority").asInt()).isEqualTo(7);
            assertThat(message.path("content").path("title").asText()).isEqualTo("new title");
            assertThat(message.path("targeting").path("groups")).hasSize(1);
        }
    }

    @Test
    void publishRacingArchiveAlwaysEndsArchived() throws Exception {
        for (int round = 0; round < ROUNDS * 4; round++) {
            String id = create();
            List<Callable<TestServer.Reply>> race = List.of(
                    () -> server.post(key, "/api/v1/messages/" + id + "/publish", ""),
                    () -> server.post(key, "/api/v1/messages/" + id + "/archive", ""));
            List<Future<TestServer.Reply>> replies = clients.invokeAll(race);
            TestServer.Reply publish = replies.get(0).get();
            TestServer.Reply archive = replies.get(1).get();

            assertThat(archive.status()).isEqualTo(200);
            assertThat(publish.status()).as(publish.body()).isIn(200, 409);
            // Publish then archive, or archive then a refused publish: either way the message ends archived.
            assertThat(server.get(key, "/api/v1/messages/" + id).json().path("message").path("status").asText()).isEqualTo("archived");
        }
    }
}
