package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import so.cueflow.TestServer;
import so.cueflow.auth.WorkspaceStore;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium: invite by link and accept with a new account, change roles, remove a member, the last-admin rule. */
class TeamBrowserIT {
    private static TestServer server;
    private static DashboardBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        browser = DashboardBrowser.start(server);
        TestUsers.create(server, "ada@team.test", "Ada Admin", "team", Role.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    private static String invitationLink(String role) {
        browser.open("/w/team/settings/team");
        new Select(browser.find("#invite-role")).selectByValue(role);
        browser.clickAndWait("#invite button[type=submit]");
        return browser.find("#invitation-link").getText();
    }

    @Test
    void anInvitedPersonCreatesAnAccountJoinsAsMemberAndIsKeptOutOfSettings() throws Exception {
        browser.signIn("ada@team.test", TestUsers.PASSWORD);
        browser.open("/w/team/settings/team");
        browser.screenshots("team");
        String link = invitationLink("member");
        assertThat(link).startsWith(server.baseUrl() + "/invite?token=");
        assertThat(browser.find("#invite").getText()).contains("You will not see it again");
        assertThat(browser.find("#invitations").getText()).contains("Member").contains("in 6 days");
        browser.screenshots("team-invitation-created");
        browser.signOut();

        browser.driver().get(link);
        assertThat(browser.find("h1").getText()).isEqualTo("Join team");
        browser.screenshots("invite-accept");
        browser.fill("email", "max@team.test");
        browser.fill("name", "Max Member");
        browser.fill("password", "max's long password");
        browser.clickAndWait("form[action='/invite'] button[type=submit]");
        assertThat(browser.path()).isEqualTo("/w/team/overview");
        assertThat(browser.find(".nav-links").getText()).doesNotContain("Settings");
        browser.open("/w/team/settings/keys");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
        browser.driver().get(link);
        assertThat(browser.find(".lead").getText()).contains("used, revoked or has expired");
        browser.signOut();

        browser.signIn("ada@team.test", TestUsers.PASSWORD);
        browser.open("/w/team/settings/team");
        assertThat(browser.find("#members").getText()).contains("Max Member", "max@team.test");
        assertThat(browser.find("#invitations").getText()).contains("No invitation is waiting");
        browser.signOut();
    }

    @Test
    void adminsChangeRolesAndRemoveMembersButNeverTheLastAdmin() throws Exception {
        User lee = TestUsers.create(server, "lee@team.test", "Lee Later", "team", Role.MEMBER);
        browser.signIn("ada@team.test", TestUsers.PASSWORD);
        browser.open("/w/team/settings/team");
        String adaRow = "tr[data-member='ada@team.test']";
        String leeRow = "tr[data-member='lee@team.test']";
        assertThat(browser.present(adaRow + " a.danger")).as("no Remove button for yourself").isFalse();

        new Select(browser.find(adaRow + " select")).selectByValue("member");
        browser.clickAndWait(adaRow + " button");
        assertThat(browser.find("#team-error").getText()).isEqualTo("A workspace needs at least one admin. Make someone else an admin first.");
        browser.screenshots("team-last-admin");

        new Select(browser.find(leeRow + " select")).selectByValue("admin");
        browser.clickAndWait(leeRow + " button");
        assertThat(new Select(browser.find(leeRow + " select")).getFirstSelectedOption().getText()).isEqualTo("Admin");
        assertThat(new MembershipStore(server.database()).find(lee.id(), "team").orElseThrow().role()).isEqualTo(Role.ADMIN);

        browser.clickAndWait(leeRow + " a.danger");
        assertThat(browser.find("h1").getText()).isEqualTo("Remove Lee Later (lee@team.test) from team?");
        browser.screenshots("team-remove-confirm");
        browser.clickAndWait("form button.danger");
        assertThat(browser.present(leeRow)).isFalse();
        assertThat(new MembershipStore(server.database()).find(lee.id(), "team")).isEmpty();
        browser.signOut();
    }

    @Test
    void aRevokedInvitationNoLongerWorks() throws Exception {
        browser.signIn("ada@team.test", TestUsers.PASSWORD);
        String link = invitationLink("admin");
        browser.clickAndWait("#invitations button.danger");
        assertThat(browser.find("#invitations").getText()).contains("No invitation is waiting");
        browser.signOut();
        browser.driver().get(link);
        assertThat(browser.find("h1").getText()).isEqualTo("Page not found");
        assertThat(browser.driver().findElements(By.cssSelector("#password"))).isEmpty();
        assertThat(new WorkspaceStore(server.database()).findByName("team")).isPresent();
    }
}
