package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;
import so.cueflow.embed.EmbedSettings;
import so.cueflow.embed.EmbedSettingsStore;
import so.cueflow.embed.IdentityHashes;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium: API keys (shown once, revoked keys refused by the API), embed settings, retention, Install. */
class SettingsBrowserIT {
    private static TestServer server;
    private static DashboardBrowser browser;
    private static String workspaceId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = DashboardBrowser.start(server);
        TestUsers.create(server, "ops@settings.test", "Oli Ops", "shop", Role.ADMIN);
        workspaceId = new WorkspaceStore(server.database()).findByName("shop").orElseThrow().id();
        browser.signIn("ops@settings.test", TestUsers.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @Test
    void aKeyIsShownOnceWorksOnTheApiAndIsRefusedOnceRevoked() throws Exception {
        browser.open("/w/shop/settings/keys");
        browser.fill("name", "backend");
        browser.clickAndWait("#create button[type=submit]");
        String key = browser.find("#new-key").getText();
        assertThat(key).startsWith("sk_");
        assertThat(browser.find(".secret-box").getText()).contains("You will not see it again");
        browser.screenshots("keys-created");
        assertThat(server.get(key, "/api/v1/contacts").status()).isEqualTo(200);

        browser.open("/w/shop/settings/keys");
        assertThat(browser.driver().getPageSource()).doesNotContain(key);
        String row = "tr[data-key='" + key.substring(0, 12) + "']";
        browser.clickAndWait(row + " a.danger");
        assertThat(browser.find("h1").getText()).isEqualTo("Revoke the key \"backend\" (" + key.substring(0, 12) + "…)?");
        browser.screenshots("keys-revoke-confirm");
        browser.clickAndWait("form button.danger");
        assertThat(browser.find(row).getText()).contains("Revoked");
        browser.screenshots("keys");
        long deadline = System.currentTimeMillis() + 5_000;
        while (server.get(key, "/api/v1/contacts").status() != 401 && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertThat(server.get(key, "/api/v1/contacts").status()).isEqualTo(401);
    }

    @Test
    void aKeyNeedsANameSaidUnderTheField() throws Exception {
        browser.open("/w/shop/settings/keys");
        browser.clickAndWait("#create button[type=submit]");
        assertThat(browser.find("#name-error").getText()).isEqualTo("give the key a name, such as \"backend\"");
    }

    @Test
    void embedSettingsAreSavedAndABadOriginIsNamedUnderTheField() throws Exception {
        browser.open("/w/shop/settings/workspace");
        browser.fill("origins", "https://app.example.com\nnot a url\n");
        browser.clickAndWait("#embed button[type=submit]");
        assertThat(browser.find("#origins-error").getText()).contains("not an origin: \"not a url\"");
        browser.screenshots("workspace-invalid-origin");
        browser.fill("origins", "https://app.example.com/\nHTTP://Staging.Example.com:8080\n\n");
        new Select(browser.find("#verification")).selectByValue("off");
        browser.clickAndWait("#embed button[type=submit]");
        assertThat(browser.find(".notice").getText()).isEqualTo("Saved.");
        EmbedSettings saved = new EmbedSettingsStore(server.database()).of(workspaceId);
        assertThat(saved.allowedOrigins()).containsExactly("https://app.example.com", "http://staging.example.com:8080");
        assertThat(saved.verification()).isEqualTo(EmbedSettings.Verification.OFF);
        assertThat(browser.find("#origins").getAttribute("value")).isEqualTo("https://app.example.com\nhttp://staging.example.com:8080");
        browser.screenshots("workspace");
    }

    @Test
    void rotatingTheIdentitySecretShowsItOnce() throws Exception {
        browser.open("/w/shop/settings/workspace");
        browser.clickAndWait("#identity-secret-section a.danger");
        browser.screenshots("workspace-rotate-confirm");
        browser.clickAndWait("form button.danger");
        String secret = browser.find("#identity-secret").getText();
        String stored = new EmbedSettingsStore(server.database()).of(workspaceId).identitySecret();
        assertThat(IdentityHashes.hash(secret, "user-1")).isEqualTo(IdentityHashes.hash(stored, "user-1"));
        browser.screenshots("workspace-secret-created");
        browser.open("/w/shop/settings/workspace");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    }

    @Test
    void eventRetentionIsSetAndRefusedBelowOneDay() throws Exception {
        browser.open("/w/shop/settings/workspace");
        browser.find("#retention input[value=days]").click();
        browser.fill("days", "0");
        browser.clickAndWait("#retention button[type=submit]");
        assertThat(browser.find("#days-error").getText()).contains("at least 1 day");
        browser.find("#retention input[value=days]").click();
        browser.fill("days", "30");
        browser.clickAndWait("#retention button[type=submit]");
        assertThat(new WorkspaceStore(server.database()).eventRetentionDays(workspaceId)).contains(30);
        assertThat(browser.find("#retention").getText()).contains("Now: 30 days");
        browser.find("#retention input[value=forever]").click();
        browser.clickAndWait("#retention button[type=submit]");
        assertThat(new WorkspaceStore(server.database()).eventRetentionDays(workspaceId)).isEmpty();
    }

    @Test
    void theInstallSnippetCarriesANewPublishableKey() throws Exception {
        browser.open("/w/shop/settings/install");
        assertThat(browser.find("#embed-snippet").getText()).contains("data-key=\"pk_…\"").contains(server.baseUrl() + "/embed.js");
        browser.clickAndWait("#snippet form button");
        String snippet = browser.find("#embed-snippet").getText();
        assertThat(snippet).containsPattern("data-key=\"pk_[0-9A-Za-z]{40}\"");
        browser.screenshots("install");
        browser.open("/w/shop/settings/install");
        assertThat(browser.find("#embed-snippet").getText()).containsPattern("data-key=\"pk_[0-9A-Za-z]{9}…\"");
    }
}
