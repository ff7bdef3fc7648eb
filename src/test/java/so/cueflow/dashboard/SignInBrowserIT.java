package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium: the setup link, sign-in and sign-out, the layout at both widths, a member kept out of settings. */
class SignInBrowserIT {
    private static TestServer server;
    private static DashboardBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = DashboardBrowser.start(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @Test
    void setupLinkCreatesTheFirstAdminOnceAndSignsThemIn() throws Exception {
        var workspace = new WorkspaceStore(server.database()).findOrCreate("default", System.currentTimeMillis());
        String link = new AccountLinks(server.database(), Clock.systemUTC()).firstAdmin(workspace);
        browser.open(link);
        assertThat(browser.find("h1").getText()).isEqualTo("Set up Cueflow");
        browser.screenshots("setup");
        browser.fill("email", "ada@example.test");
        browser.fill("name", "Ada Admin");
        browser.fill("password", "short");
        browser.clickAndWait("form button[type=submit]");
        assertThat(browser.find("#password-error").getText()).isEqualTo("use at least 10 characters");
        browser.screenshots("setup-invalid");
        browser.fill("password", "a long enough password");
        browser.clickAndWait("form button[type=submit]");
        assertThat(browser.path()).isEqualTo("/w/default/overview");
        assertThat(browser.find(".user-name").getText()).isEqualTo("Ada Admin");
        assertThat(browser.find(".nav-links").getText()).contains("Overview", "Messages", "Contacts", "Data", "Settings");
        browser.screenshots("overview-placeholder");

        browser.signOut();
        browser.open(link);
        assertThat(browser.find("h1").getText()).isEqualTo("Page not found");
        assertThat(browser.find(".lead").getText()).contains("used already or has expired");
        browser.screenshots("setup-link-used");
    }

    @Test
    void signInRefusesAWrongPasswordThenSignsInAndOut() throws Exception {
        TestUsers.create(server, "sid@example.test", "Sid Signin", "acme", Role.ADMIN);
        browser.signIn("sid@example.test", "not my password");
        assertThat(browser.find("#sign-in-error").getText()).isEqualTo("The email or password is not right.");
        assertThat(browser.find("#email").getAttribute("value")).isEqualTo("sid@example.test");
        browser.screenshots("sign-in-refused");
        browser.open("/sign-in");
        browser.screenshots("sign-in");

        browser.open(new AccountLinks(server.database(), Clock.systemUTC()).passwordReset("sid@example.test"));
        assertThat(browser.find("h1").getText()).isEqualTo("Choose a new password");
        assertThat(browser.present("#email")).isFalse();
        browser.screenshots("reset-password");

        browser.signIn("sid@example.test", TestUsers.PASSWORD);
        assertThat(browser.path()).isEqualTo("/w/acme/overview");
        assertThat((Boolean) browser.js("return typeof window.htmx === 'object';")).as("htmx loaded under the CSP").isTrue();
        assertThat(browser.js("return getComputedStyle(document.querySelector('.nav')).backgroundColor;"))
                .isEqualTo("rgb(30, 27, 75)");
        browser.signOut();
        assertThat(browser.path()).isEqualTo("/sign-in");
        browser.open("/w/acme/overview");
        assertThat(browser.path()).isEqualTo("/sign-in");
    }

    @Test
    void narrowScreensHideTheNavigationBehindTheMenuButton() throws Exception {
        User user = TestUsers.create(server, "nia@example.test", "Nia Narrow", "acme-two", Role.ADMIN);
        TestUsers.join(server, user, "zeta", Role.MEMBER);
        browser.signIn("nia@example.test", TestUsers.PASSWORD);
        browser.open("/w/acme-two/settings");
        browser.screenshots("settings");
        browser.resize(DashboardBrowser.NARROW);
        assertThat(browser.find(".nav").isDisplayed()).isFalse();
        browser.find("[data-menu]").click();
        assertThat(browser.find(".nav").isDisplayed()).isTrue();
        browser.find(".switcher summary").click();
        browser.screenshot("menu-open-390.png");
        browser.find(".switcher a[href='/w/zeta/overview']").click();
        browser.await(d -> browser.path().equals("/w/zeta/overview"), "the other workspace");
        browser.resize(DashboardBrowser.WIDE);
        assertThat(browser.find(".nav-links").getText()).doesNotContain("Settings");
        browser.open("/w/zeta/settings");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
        browser.screenshots("member-refused-settings");
        browser.open("/w/zeta/account");
        browser.screenshots("account");
        browser.signOut();
    }
}
