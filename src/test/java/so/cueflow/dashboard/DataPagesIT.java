package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Overview, Contacts and Data over HTTP: escaping of attacker data, workspace isolation, the CSV, the filter's errors. */
class DataPagesIT {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "<img src=x onerror=alert(2)>";
    private static final Pattern CONTACT_LINK = Pattern.compile("href=\"/w/alpha/contacts/([^\"?/]+)\"");
    private static TestServer server;
    private static String alphaKey;
    private static String betaKey;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        TestUsers.create(server, "admin@alpha.test", "Alma Admin", "alpha", Role.ADMIN);
        TestUsers.create(server, "member@beta.test", "Bea Beta", "beta", Role.MEMBER);
        alphaKey = server.newKey("alpha");
        betaKey = server.newKey("beta");
        server.post(alphaKey, "/api/v1/contacts", "{\"externalId\":\"x-1\",\"name\":" + json(SCRIPT) + ",\"email\":\"x@example.com\","
                + "\"plan\":\"=HYPERLINK(\\\"http://evil\\\")\",\"customAttributes\":{\"bio\":" + json(IMG) + ",\"seats\":3}}");
        server.post(alphaKey, "/api/v1/contacts", "{\"externalId\":\"y-2\",\"name\":\"Yan, \\\"Jr\\\"\",\"customAttributes\":{\"seats\":9}}");
        server.post(alphaKey, "/api/v1/events", "{\"externalId\":\"x-1\",\"eventKey\":\"clicked\",\"properties\":{\"href\":\"javascript:alert(3)\",\"html\":"
                + json(SCRIPT) + "}}");
        server.post(betaKey, "/api/v1/contacts", "{\"externalId\":\"b-1\"}");
        server.post(betaKey, "/api/v1/events", "{\"externalId\":\"b-1\",\"eventKey\":\"beta_only\"}");
        server.post(alphaKey, "/api/v1/attributes", "{\"key\":\"seats\",\"type\":\"number\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String json(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private static DashboardClient alma() {
        DashboardClient client = new DashboardClient(server.baseUrl());
        assertThat(client.signIn("admin@alpha.test", TestUsers.PASSWORD).status()).isEqualTo(303);
        return client;
    }

    private static String contactId(DashboardClient client, String search) {
        Matcher matcher = CONTACT_LINK.matcher(client.get("/w/alpha/contacts?q=" + search).body());
        assertThat(matcher.find()).as("a contact link for " + search).isTrue();
        return matcher.group(1);
    }

    @Test
    void attackerControlledNamesAttributesAndPropertiesRenderAsText() {
        DashboardClient client = alma();
        String id = contactId(client, "x-1");
        List<String> pages = List.of("/w/alpha/contacts", "/w/alpha/contacts/" + id, "/w/alpha/contacts/" + id + "?tab=attributes",
                "/w/alpha/contacts/" + id + "?tab=events", "/w/alpha/contacts/" + id + "/erase", "/w/alpha/data/events",
                "/w/alpha/data/events/clicked", "/w/alpha/overview");
        for (String page : pages) {
            DashboardClient.Page shown = client.get(page);
            assertThat(shown.status()).as(page).isEqualTo(200);
            assertThat(shown.body()).as(page).doesNotContain(SCRIPT).doesNotContain("<img src=x").doesNotContain("href=\"javascript:");
        }
        assertThat(client.get("/w/alpha/contacts/" + id).body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(client.get("/w/alpha/contacts/" + id + "?tab=attributes").body()).contains("&lt;img src=x onerror=alert(2)&gt;");
        assertThat(client.get("/w/alpha/data/events/clicked").body()).contains("javascript:alert(3)");
    }

    @Test
    void anotherWorkspacesContactsEventsAndAttributesAre404() {
        DashboardClient client = alma();
        DashboardClient bea = new DashboardClient(server.baseUrl());
        bea.signIn("member@beta.test", TestUsers.PASSWORD);
        String alphaContact = contactId(client, "x-1");
        assertThat(bea.get("/w/alpha/contacts/" + alphaContact).status()).isEqualTo(404);
        assertThat(bea.get("/w/beta/contacts/" + alphaContact).status()).as("an id of workspace alpha in a URL of beta").isEqualTo(404);
        assertThat(bea.get("/w/beta/contacts/" + alphaContact + "/erase").status()).isEqualTo(404);
        assertThat(bea.submit("/w/beta/contacts/" + alphaContact + "/erase").status()).isEqualTo(404);
        assertThat(bea.get("/w/beta/data/events/clicked").status()).isEqualTo(404);
        assertThat(bea.get("/w/beta/data/attributes/seats/delete").status()).isEqualTo(404);
        assertThat(bea.get("/w/alpha/contacts/export.csv").status()).isEqualTo(404);
        assertThat(client.get("/w/alpha/data/events/beta_only").status()).isEqualTo(404);
        assertThat(server.get(alphaKey, "/api/v1/contacts/x-1").status()).as("nothing was erased").isEqualTo(200);
    }

    @Test
    void theCsvHoldsTheSearchedContactsWithFormulasDefusedAndQuotesDoubled() {
        DashboardClient client = alma();
        DashboardClient.Page all = client.get("/w/alpha/contacts/export.csv?sort=name");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("text/csv");
        assertThat(all.header("Content-Disposition")).contains("contacts.csv");
        List<List<String>> rows = Csv.parse(all.body());
        assertThat(rows.get(0)).startsWith("id", "externalId", "email", "name");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(3)).isEqualTo(SCRIPT);          // sort by name: "<" sorts before "Y"
        assertThat(rows.get(1).get(7)).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(2).get(3)).isEqualTo("Yan, \"Jr\"");
        assertThat(Csv.parse(client.get("/w/alpha/contacts/export.csv?q=YAN").body())).hasSize(2);
        List<List<String>> filtered = Csv.parse(client.get("/w/alpha/contacts/export.csv?rule-0-kind=contact"
                + "&rule-0-subject=customAttributes.seats&rule-0-operator=greater_than&rule-0-value=5").body());
        assertThat(filtered).hasSize(2);
        assertThat(filtered.get(1).get(1)).isEqualTo("y-2");
        List<List<String>> byEvent = Csv.parse(client.get("/w/alpha/contacts/export.csv?rule-0-kind=event"
                + "&rule-0-subject=clicked&rule-0-operator=has_done").body());
        assertThat(byEvent).hasSize(2);
        assertThat(byEvent.get(1).get(1)).isEqualTo("x-1");
    }

    @Test
    void aBadFilterRowIsA400WithTheMessageUnderItsInput() {
        DashboardClient client = alma();
        DashboardClient.Page bad = client.get("/w/alpha/contacts?rule-0-kind=event&rule-0-subject=clicked&rule-0-operator=last_done_within");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"rule-0-days-error\"").contains("days");
        assertThat(client.get("/w/alpha/contacts/export.csv?rule-0-subject=email&rule-0-operator=bogus").status()).isEqualTo(400);
        assertThat(client.get("/w/alpha/contacts?cursor=not-a-cursor").status()).as("a foreign cursor is the first page").isEqualTo(200);
    }

    @Test
    void aProfileEditGoesThroughTheApisValidation() {
        DashboardClient client = alma();
        String id = contactId(client, "y-2");
        client.get("/w/alpha/contacts/" + id);
        DashboardClient.Page bad = client.submit("/w/alpha/contacts/" + id + "/profile", "email", "not-an-email", "name", "Yan");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("must be an email address");
        DashboardClient.Page good = client.submit("/w/alpha/contacts/" + id + "/profile", "email", "yan@example.com", "name", "Yan Two",
                "signedUpAt", "2026-01-02T03:04:05Z");
        assertThat(good.status()).isEqualTo(303);
        var stored = server.get(alphaKey, "/api/v1/contacts/y-2").json().path("contact");
        assertThat(stored.path("email").asText()).isEqualTo("yan@example.com");
        assertThat(stored.path("signedUpAt").asText()).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(stored.path("customAttributes").path("seats").asInt()).as("attributes untouched").isEqualTo(9);
    }
}
