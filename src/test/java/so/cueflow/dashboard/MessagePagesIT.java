package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The Messages pages over HTTP: tenancy, CSRF, the API's errors on their fields, and the lifecycle. */
class MessagePagesIT {
    private static TestServer server;
    private static EditorSite acme;
    private static EditorSite beta;
    private static DashboardClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        TestUsers.create(server, "pat@example.test", "Pat Pages", "acme", Role.MEMBER);
        acme = new EditorSite(server, "acme");
        beta = new EditorSite(server, "beta");
        acme.contact("user-1");
        client = new DashboardClient(server.baseUrl());
        client.signIn("pat@example.test", TestUsers.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (acme != null) acme.close();
        if (beta != null) beta.close();
        if (server != null) server.close();
    }

    @Test
    void aMessageOfAnotherWorkspaceIsNotFoundUnderThisOne() {
        String theirs = create(beta, "theirs");
        assertThat(client.get("/w/acme/messages/" + theirs).status()).isEqualTo(404);
        assertThat(client.get("/w/acme/messages/" + theirs + "/analytics").status()).isEqualTo(404);
        client.get("/w/acme/messages");
        assertThat(client.submit("/w/acme/messages/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(server.get(beta.secretKey, "/api/v1/messages/" + theirs).status()).isEqualTo(200);
        assertThat(client.get("/w/beta/messages").status()).isEqualTo(404);
    }

    @Test
    void savingShowsTheApisMessagesUnderTheirFieldsAndKeepsWhatWasTyped() {
        String id = create(acme, "kept");
        client.get("/w/acme/messages/" + id);
        DashboardClient.Page page = client.submit("/w/acme/messages/" + id, "name", "kept", "type", "banner",
                "content.title", "Hi <b>there</b>", "content.primaryButton.text", "Go", "content.primaryButton.url", "javascript:alert(1)",
                "startDate", "2026-12-10", "endDate", "2026-12-01", "frequency", "once", "priority", "lots",
                "targeting", "{\"groups\":[{\"rules\":[{\"type\":\"event\",\"eventKey\":\"x\",\"operator\":\"first_done_within\"}]}]}");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body())
                .contains("id=\"content.primaryButton.url-error\">must be an http(s) URL or a path starting with /</p>")
                .contains("id=\"priority-error\">must be a whole number from 0 to 1000</p>")
                .contains("id=\"endDate-error\">is before startDate</p>")
                .contains("targeting.groups[0].rules[0].withinDays")
                .contains("value=\"Hi &lt;b>there&lt;/b>\"", "id=\"error-summary\"")
                .doesNotContain("Hi <b>there</b>");
        assertThat(server.get(acme.secretKey, "/api/v1/messages/" + id).json().path("message").path("content").path("title").asText())
                .isEqualTo("Hello");
    }

    @Test
    void theAudiencePartialNeedsTheTokenAndNamesTheBrokenRule() {
        client.get("/w/acme/messages");
        assertThat(client.post("/w/acme/messages/audience", "targeting", "{\"groups\":[]}").status()).isEqualTo(403);
        DashboardClient.Page everyone = client.submit("/w/acme/messages/audience", "targeting", "{\"groups\":[]}");
        assertThat(everyone.status()).isEqualTo(200);
        assertThat(everyone.body()).contains("data-count=\"1\"", "user-1");
        DashboardClient.Page broken = client.submit("/w/acme/messages/audience", "targeting",
                "{\"groups\":[{\"rules\":[{\"type\":\"contact\",\"field\":\"plan\",\"operator\":\"is_within\",\"days\":3}]}]}");
        assertThat(broken.body()).contains("data-problem=\"targeting.groups[0].rules[0].operator\"", "does not apply to plan");
        DashboardClient.Page notJson = client.submit("/w/acme/messages/audience", "targeting", "{groups");
        assertThat(notJson.body()).contains("data-problem=\"targeting\"");
    }

    @Test
    void publishArchiveDuplicateAndDeleteWithTheirSummaries() {
        String id = create(acme, "lifecycle");
        assertThat(client.get("/w/acme/messages/" + id + "/publish").body()).contains("<strong>1</strong> contact matches");
        assertThat(client.submit("/w/acme/messages/" + id + "/publish").status()).isEqualTo(303);
        assertThat(status(id)).isEqualTo("published");
        client.get("/w/acme/messages/" + id + "/archive");
        assertThat(client.submit("/w/acme/messages/" + id + "/archive").status()).isEqualTo(303);
        assertThat(status(id)).isEqualTo("archived");
        client.get("/w/acme/messages/" + id + "/publish");
        DashboardClient.Page again = client.submit("/w/acme/messages/" + id + "/publish");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("an archived message cannot be published again");

        DashboardClient.Page copy = client.submit("/w/acme/messages/" + id + "/duplicate");
        String copyId = copy.location().substring("/w/acme/messages/".length());
        assertThat(server.get(acme.secretKey, "/api/v1/messages/" + copyId).json().path("message").path("name").asText())
                .isEqualTo("Copy of lifecycle");
        assertThat(status(copyId)).isEqualTo("draft");

        assertThat(client.get("/w/acme/messages/" + id + "/delete").body()).contains("Delete “lifecycle”");
        assertThat(client.submit("/w/acme/messages/" + id + "/delete").location()).isEqualTo("/w/acme/messages");
        assertThat(server.get(acme.secretKey, "/api/v1/messages/" + id).status()).isEqualTo(404);
    }

    private static String status(String id) {
        return server.get(acme.secretKey, "/api/v1/messages/" + id).json().path("message").path("status").asText();
    }

    private static String create(EditorSite site, String name) {
        TestServer.Reply created = server.post(site.secretKey, "/api/v1/messages",
                "{\"name\":\"" + name + "\",\"type\":\"banner\",\"content\":{\"title\":\"Hello\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("message").path("id").asText();
    }
}
