package so.cueflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import so.cueflow.TestServer;
import so.cueflow.http.Json;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor flow in Chromium: a banner from a template, the seed's campaign built with the rule
 * builder only, its audience and a contact's verdicts, publish, the banner on a customer's page, and
 * its view and click in the analytics.
 */
class MessageEditorBrowserIT {
    private static final String CAMPAIGN = "{\"groups\":[{\"rules\":["
            + "{\"type\":\"event\",\"eventKey\":\"advanced_export_viewed\",\"operator\":\"has_done\"},"
            + "{\"type\":\"event\",\"eventKey\":\"advanced_export_used\",\"operator\":\"has_not_done\"}]}]}";
    private static TestServer server;
    private static DashboardBrowser browser;
    private static EditorSite site;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = DashboardBrowser.start(server);
        TestUsers.create(server, "mia@example.test", "Mia Marketer", "acme", Role.MEMBER);
        site = new EditorSite(server, "acme");
        for (String user : new String[]{"user-1", "user-2", "user-3"}) site.contact(user);
        site.event("user-1", "advanced_export_viewed");
        site.event("user-2", "advanced_export_viewed");
        site.event("user-2", "advanced_export_used");
        Thread.sleep(1_100); // servers see embed settings changes within a second
        browser.signIn("mia@example.test", TestUsers.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (site != null) site.close();
        if (server != null) server.close();
    }

    @Test
    void buildTargetPublishAndMeasureABannerFromATemplate() throws Exception {
        browser.open("/w/acme/messages");
        assertThat(browser.find(".empty").getText()).contains("No messages yet", "Announcement", "Feedback request");
        browser.screenshots("messages-1-empty");

        browser.clickAndWait(".page-header a.button.primary");
        browser.screenshots("messages-2-new");
        browser.clickAndWait("#starter-announcement");
        assertThat(browser.path()).startsWith("/w/acme/messages/");
        String messageId = browser.path().substring("/w/acme/messages/".length());
        assertThat(previewText(".title")).isEqualTo("Something new is here");
        browser.fill("content.title", "Exports got faster");
        browser.await(d -> "Exports got faster".equals(previewText(".title")), "the preview to follow the title");
        awaitAudience(3);
        shots("messages-3-editor", "#preview-screen");

        browser.find("#add-group").click();
        activeElement().sendKeys("advanced_export_viewed");
        awaitAudience(2);
        shots("messages-4-first-rule", "#audience");

        browser.find(".add-rule").click();
        activeElement().sendKeys("advanced_export_used");
        new Select(browser.find("[data-path='targeting.groups[0].rules[1].operator']")).selectByValue("has_not_done");
        browser.await(d -> text("#audience").contains("For example: user-1"), "user-1 as the only match");
        awaitAudience(1);

        browser.find(".add-rule").click();
        activeElement().sendKeys("Bad Key");
        browser.await(d -> text("[data-error-for='targeting.groups[0].rules[2]']").contains("snake_case"),
                "the invalid rule's message at its row");
        shots("messages-5-invalid-rule", "[data-error-for='targeting.groups[0].rules[2]']");
        browser.find("[data-path='targeting.groups[0].rules[2]'] .remove-rule").click();
        awaitAudience(1);

        browser.fill("test-external-id", "user-1");
        browser.find("#test-contact").click();
        browser.await(d -> text("#verdict").contains("matches"), "user-1's verdict");
        assertThat(browser.find("#verdicts").getText()).contains("done 1 time", "done 0 times");
        shots("messages-6-test-contact", "#verdicts");
        browser.fill("test-external-id", "user-2");
        browser.find("#test-contact").click();
        browser.await(d -> text("#verdict").contains("does not match"), "user-2's verdict");

        browser.clickAndWait("#save");
        assertThat(browser.find(".notice").getText()).isEqualTo("Saved.");
        JsonNode saved = server.get(site.secretKey, "/api/v1/messages/" + messageId).json().path("message");
        assertThat(saved.path("targeting")).isEqualTo(json(CAMPAIGN));
        assertThat(saved.path("content").path("title").asText()).isEqualTo("Exports got faster");

        browser.clickAndWait("#publish");
        assertThat(browser.find("#summary").getText()).contains("1 contact matches", "Frequency", "once");
        browser.screenshots("messages-7-publish-summary");
        browser.clickAndWait("#confirm-publish");
        assertThat(browser.find(".notice").getText()).startsWith("Published");

        browser.driver().get(site.pageFor("user-1"));
        browser.await(d -> embedText(".title") != null, "the banner on the customer's page");
        assertThat(embedText(".title")).isEqualTo("Exports got faster");
        browser.screenshots("messages-8-customer-page");
        browser.js("document.querySelector('cueflow-message').shadowRoot.querySelector('button.primary').click()");
        browser.await(d -> server.get(site.secretKey, "/api/v1/messages/" + messageId + "/stats").json()
                .path("stats").path("clicks").asLong() == 1, "the click to be recorded");

        browser.open("/w/acme/messages/" + messageId + "/analytics");
        assertThat(browser.find("#unique-views").getText()).isEqualTo("1");
        assertThat(browser.find("#clicks").getText()).isEqualTo("1");
        assertThat(browser.find("#ctr").getText()).isEqualTo("100.0%");
        assertThat(browser.find("#clicks-by-button").getText()).contains("primary");
        assertThat(browser.find("#latest").getText()).contains("user-1", "view", "click", "primary");
        browser.await(d -> browser.present("#daily-chart .uplot"), "the daily chart");
        browser.screenshots("messages-9-analytics");

        browser.open("/w/acme/messages");
        assertThat(browser.find("table").getText()).contains("Announcement banner", "published", "Active", "100.0%");
        browser.screenshots("messages-10-list");
    }

    /** Screenshots at both widths with {@code css} scrolled into view: the step's own part of the page. */
    private static void shots(String name, String css) throws java.io.IOException {
        for (var size : java.util.List.of(DashboardBrowser.WIDE, DashboardBrowser.NARROW)) {
            browser.resize(size);
            browser.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css);
            browser.screenshot(name + "-" + size.getWidth() + ".png");
        }
        browser.resize(DashboardBrowser.WIDE);
    }

    private static void awaitAudience(long count) {
        browser.await(d -> String.valueOf(count).equals(browser.js("var n = document.getElementById('audience-count');"
                + " return n && n.getAttribute('data-count');")), count + " contacts in the audience");
    }

    /** The element's text now, read in one step (the audience and verdicts are replaced as rules change). */
    private static String text(String css) {
        Object text = browser.js("var n = document.querySelector(arguments[0]); return n ? n.textContent : '';", css);
        return String.valueOf(text);
    }

    private static WebElement activeElement() {
        return browser.driver().switchTo().activeElement();
    }

    private static String previewText(String css) {
        return (String) browser.js("var host = document.querySelector('#preview-screen cueflow-message');"
                + "var node = host && host.shadowRoot.querySelector(arguments[0]); return node && node.textContent;", css);
    }

    private static String embedText(String css) {
        return (String) browser.js("var host = document.querySelector('cueflow-message');"
                + "var node = host && host.shadowRoot.querySelector(arguments[0]); return node && node.textContent;", css);
    }

    static JsonNode json(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
