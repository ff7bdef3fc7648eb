package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;
import so.cueflow.TestServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chromium through Overview, Contacts (search, filter, paging, CSV download, profile edit, erase) and
 * Data (events, an event, attributes declared and deleted), with screenshots of every page at both widths.
 */
class DataPagesBrowserIT {
    private static TestServer server;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        User owner = TestUsers.create(server, "owner@acme.test", "Olga Owner", "acme", Role.ADMIN);
        TestUsers.join(server, owner, "empty", Role.ADMIN);
        key = server.newKey("acme");
        StringBuilder events = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            String plan = i % 3 == 0 ? "pro" : "free";
            server.post(key, "/api/v1/contacts", "{\"externalId\":\"user-" + i + "\",\"email\":\"user" + i + "@acme.test\",\"name\":\"User "
                    + i + "\",\"plan\":\"" + plan + "\",\"customAttributes\":{\"seats\":" + i + ",\"bio\":\"<img src=x onerror=alert(1)>\"}}");
            String[] keys = {"signed_in", "viewed_page", "invited_teammate", "exported_report", "upgraded", "left_feedback", "opened_help"};
            for (int d = 0; d < i % 7 + 1; d++) {
                String at = Instant.now().minus(Duration.ofDays((i + d) % 30)).minus(Duration.ofMinutes(i)).toString();
                events.append(events.length() == 0 ? "" : ",").append("{\"externalId\":\"user-").append(i).append("\",\"eventKey\":\"")
                        .append(keys[(i + d) % keys.length]).append("\",\"timestamp\":\"").append(at)
                        .append("\",\"properties\":{\"note\":\"<script>alert(2)</script>\",\"step\":").append(d).append("}}");
            }
        }
        assertThat(server.post(key, "/api/v1/events/batch", "{\"events\":[" + events + "]}").status()).isLessThan(300);
        var message = server.post(key, "/api/v1/messages", "{\"name\":\"Upgrade nudge <b>\",\"type\":\"banner\",\"content\":{\"title\":\"Hi\"},"
                + "\"targeting\":{\"groups\":[{\"rules\":[{\"type\":\"contact\",\"field\":\"plan\",\"operator\":\"equals\",\"value\":\"pro\"}]}]}}");
        assertThat(message.status()).as(message.body()).isEqualTo(201);
        String id = message.json().path("message").path("id").asText();
        assertThat(server.post(key, "/api/v1/messages/" + id + "/publish", "").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void theDataPagesWorkEndToEndInChromium() throws Exception {
        try (DashboardBrowser browser = DashboardBrowser.start(server)) {
            browser.signIn("owner@acme.test", TestUsers.PASSWORD);
            overview(browser);
            contacts(browser);
            contactPage(browser);
            data(browser);
            attributes(browser);
            emptyStates(browser);
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }

    private static void overview(DashboardBrowser browser) throws Exception {
        browser.open("/w/acme/overview");
        browser.await(d -> browser.present("#events-chart[data-drawn] canvas"), "the chart");
        assertThat(browser.find("#stat-contacts").getText()).isEqualTo("60");
        assertThat(browser.find(".u-legend").getText()).containsIgnoringCase("Other events").containsIgnoringCase("upgraded");
        browser.screenshots("overview");
    }

    private static void contacts(DashboardBrowser browser) throws Exception {
        browser.open("/w/acme/contacts?sort=name");
        assertThat(browser.driver().findElements(By.cssSelector("#contacts tbody tr"))).hasSize(50);
        browser.screenshots("contacts");
        browser.clickAndWait("#older");
        assertThat(browser.driver().findElements(By.cssSelector("#contacts tbody tr"))).hasSize(10);
        browser.clickAndWait("#newer");
        assertThat(browser.driver().findElements(By.cssSelector("#contacts tbody tr"))).hasSize(50);

        browser.open("/w/acme/contacts");
        browser.fill("q", "USER5");
        browser.clickAndWait("#apply");
        assertThat(browser.driver().findElements(By.cssSelector("#contacts tbody tr"))).as("user5@ and user50@ to user59@").hasSize(11);

        browser.open("/w/acme/contacts");
        browser.find("details.rules summary").click();
        browser.fill("rule-0-subject", "plan");
        browser.fill("rule-0-operator", "equals");
        browser.fill("rule-0-value", "pro");
        new Select(browser.find("#rule-1-kind")).selectByValue("contact");
        browser.fill("rule-1-subject", "customAttributes.seats");
        browser.fill("rule-1-operator", "greater_than");
        browser.fill("rule-1-value", "40");
        browser.clickAndWait("#apply");
        List<String> shown = browser.driver().findElements(By.cssSelector("#contacts tbody tr td:first-child")).stream().map(e -> e.getText()).toList();
        assertThat(shown).containsExactlyInAnyOrder("user-42", "user-45", "user-48", "user-51", "user-54", "user-57", "user-60");
        browser.screenshots("contacts-filtered");

        Path downloads = Files.createTempDirectory("cueflow-downloads");
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        browser.find("#export").click();
        Path csv = downloads.resolve("contacts.csv");
        browser.await(d -> Files.exists(csv) && !Files.exists(downloads.resolve("contacts.csv.crdownload")), "the CSV download");
        List<List<String>> rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        assertThat(rows.get(0).get(1)).isEqualTo("externalId");
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(1)).toList()).containsExactlyInAnyOrderElementsOf(shown);

        browser.open("/w/acme/contacts?rule-0-kind=event&rule-0-subject=upgraded&rule-0-operator=last_done_within");
        assertThat(browser.find("#rule-0-days-error").getText()).contains("days");
        browser.screenshots("contacts-filter-error");
    }

    private static void contactPage(DashboardBrowser browser) throws Exception {
        browser.open("/w/acme/contacts?q=user-12");
        browser.clickAndWait("#contacts tbody a");
        String contactPath = browser.path();
        browser.screenshots("contact-profile");
        browser.fill("name", "Twelve Renamed");
        browser.clickAndWait("#profile button[type=submit]");
        assertThat(browser.find("#saved").getText()).isEqualTo("Saved.");
        assertThat(server.get(key, "/api/v1/contacts/user-12").json().path("contact").path("name").asText()).isEqualTo("Twelve Renamed");
        for (String tab : List.of("attributes", "events", "messages")) {
            browser.clickAndWait("#tab-" + tab);
            browser.screenshots("contact-" + tab);
        }
        assertThat(browser.find("#verdicts").getText()).contains("Upgrade nudge <b>").contains("Yes").contains("\"matches\":true");
        browser.open(contactPath + "?tab=events");
        assertThat(browser.find("#events").getText()).contains("<script>alert(2)</script>");
        browser.open(contactPath + "?tab=attributes");
        assertThat(browser.find("#attributes").getText()).contains("<img src=x onerror=alert(1)>");

        browser.open(contactPath);
        browser.clickAndWait("#erase");
        long stored = server.get(key, "/api/v1/contacts/user-12/events?limit=500").json().path("events").size();
        assertThat(browser.find("#erase-question").getText()).isEqualTo("Erase contact user-12 and its " + stored + " events?");
        browser.screenshots("contact-erase");
        browser.clickAndWait("#confirm-erase");
        assertThat(browser.path()).isEqualTo("/w/acme/contacts");
        assertThat(server.get(key, "/api/v1/contacts/user-12").status()).isEqualTo(404);
    }

    private static void data(DashboardBrowser browser) throws Exception {
        browser.open("/w/acme/data");
        assertThat(browser.find("#catalog").getText()).contains("signed_in");
        browser.screenshots("data-events");
        browser.clickAndWait("#catalog a[href$='/data/events/upgraded']");
        browser.await(d -> browser.present("#event-chart[data-drawn] canvas"), "the event's chart");
        browser.fill("displayName", "Upgraded plan");
        browser.clickAndWait("#rename button");
        assertThat(browser.find("#displayName").getAttribute("value")).isEqualTo("Upgraded plan");
        browser.screenshots("data-event");
    }

    private static void attributes(DashboardBrowser browser) throws Exception {
        browser.open("/w/acme/data/attributes");
        browser.fill("name", "Seats");
        browser.fill("key", "seats");
        new Select(browser.find("#type")).selectByValue("number");
        browser.clickAndWait("#create-attribute");
        assertThat(browser.find("#attribute-list").getText()).contains("seats").contains("59");
        browser.fill("key", "seats");
        new Select(browser.find("#type")).selectByValue("text");
        browser.clickAndWait("#create-attribute");
        assertThat(browser.find("#key-error").getText()).contains("already declared");
        browser.screenshots("data-attributes");
        assertThat(server.post(key, "/api/v1/contacts", "{\"externalId\":\"user-1\",\"customAttributes\":{\"seats\":\"many\"}}").status())
                .isEqualTo(400);

        browser.open("/w/acme/data/attributes");
        browser.clickAndWait("#delete-seats");
        assertThat(browser.find("#delete-question").getText()).isEqualTo("Delete attribute seats and its value on 59 contacts?");
        browser.screenshots("data-attribute-delete");
        browser.clickAndWait("#confirm-delete");
        assertThat(browser.present("#no-attributes")).isTrue();
        assertThat(server.get(key, "/api/v1/contacts/user-1").json().path("contact").path("customAttributes").has("seats")).isFalse();
    }

    private static void emptyStates(DashboardBrowser browser) throws Exception {
        browser.open("/w/empty/contacts");
        assertThat(browser.find("#empty-contacts pre").getText()).contains(server.baseUrl() + "/api/v1/contacts");
        browser.screenshots("contacts-empty");
        browser.open("/w/empty/data/events");
        assertThat(browser.present("#empty-events")).isTrue();
        browser.screenshots("data-events-empty");
        browser.open("/w/empty/overview");
        browser.screenshots("overview-empty");
    }
}
