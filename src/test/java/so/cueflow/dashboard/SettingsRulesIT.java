package so.cueflow.dashboard;

import so.cueflow.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;
import so.cueflow.auth.ApiKey;
import so.cueflow.auth.KeyStore;
import so.cueflow.auth.WorkspaceStore;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Team and settings rules over HTTP: workspace boundaries, CSRF, invitation expiry, yourself, escaping. */
class SettingsRulesIT {
    private static final MovableClock CLOCK = new MovableClock();
    private static final Pattern LINK = Pattern.compile("/invite\\?token=([A-Za-z0-9_-]{43})");
    private static TestServer server;
    private static User alphaAdmin;
    private static User betaMember;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(CLOCK);
        alphaAdmin = TestUsers.create(server, "admin@alpha.rules", "Alpha Admin", "alpha", Role.ADMIN);
        TestUsers.create(server, "admin@beta.rules", "Beta Admin", "beta", Role.ADMIN);
        betaMember = TestUsers.create(server, "member@beta.rules", "Beta Member", "beta", Role.MEMBER);
        TestUsers.create(server, "wanderer@beta.rules", "Wanda Wanderer", "beta", Role.MEMBER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static DashboardClient signedIn(String email) {
        DashboardClient client = new DashboardClient(server.baseUrl());
        assertThat(client.signIn(email, TestUsers.PASSWORD).status()).isEqualTo(303);
        return client;
    }

    private static String invite(DashboardClient admin, String workspace, String role) {
        admin.get("/w/" + workspace + "/settings/team");
        Matcher link = LINK.matcher(admin.submit("/w/" + workspace + "/settings/team/invitations", "role", role).body());
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    @Test
    void anAdminOfAlphaCannotTouchBetasKeysMembersOrInvitationsThroughAlphaUrls() {
        var beta = new WorkspaceStore(server.database()).findByName("beta").orElseThrow();
        ApiKey betaKey = new KeyStore(server.database()).create(beta, ApiKey.Kind.SECRET, "beta key", CLOCK.millis()).key();
        DashboardClient betaAdmin = signedIn("admin@beta.rules");
        String betaInvitation = invite(betaAdmin, "beta", "member");
        String betaInvitationId = new InvitationStore(server.database()).findUsable(betaInvitation, CLOCK.millis()).orElseThrow().id();

        DashboardClient alpha = signedIn("admin@alpha.rules");
        alpha.get("/w/alpha/settings/keys");
        assertThat(alpha.get("/w/alpha/settings/keys/" + betaKey.id() + "/revoke").status()).isEqualTo(404);
        assertThat(alpha.submit("/w/alpha/settings/keys/" + betaKey.id() + "/revoke").status()).isEqualTo(404);
        assertThat(alpha.submit("/w/alpha/settings/team/members/" + betaMember.id() + "/remove").status()).isEqualTo(404);
        assertThat(alpha.submit("/w/alpha/settings/team/members/" + betaMember.id() + "/role", "role", "admin").status()).isEqualTo(404);
        assertThat(alpha.submit("/w/alpha/settings/team/invitations/" + betaInvitationId + "/revoke").status()).isEqualTo(404);
        assertThat(alpha.submit("/w/beta/settings/keys", "name", "sneaky", "kind", "secret").status()).isEqualTo(404);

        assertThat(new KeyStore(server.database()).listOf(beta.id())).extracting(ApiKey::revoked).containsExactly(false);
        assertThat(new MembershipStore(server.database()).find(betaMember.id(), "beta").orElseThrow().role()).isEqualTo(Role.MEMBER);
        assertThat(new InvitationStore(server.database()).findUsable(betaInvitation, CLOCK.millis())).isPresent();
    }

    @Test
    void settingsFormsWithoutTheCsrfTokenChangeNothing() {
        DashboardClient alpha = signedIn("admin@alpha.rules");
        alpha.get("/w/alpha/settings/keys");
        int before = new KeyStore(server.database()).list().size();
        assertThat(alpha.post("/w/alpha/settings/keys", "name", "no token", "kind", "secret").status()).isEqualTo(403);
        assertThat(alpha.post("/w/alpha/settings/team/invitations", "role", "admin").status()).isEqualTo(403);
        assertThat(alpha.post("/w/alpha/settings/workspace/rotate-secret").status()).isEqualTo(403);
        assertThat(new KeyStore(server.database()).list()).hasSize(before);
    }

    @Test
    void anInvitationExpiresAfterSevenDays() {
        DashboardClient alpha = signedIn("admin@alpha.rules");
        String token = invite(alpha, "alpha", "member");
        CLOCK.advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(new DashboardClient(server.baseUrl()).get("/invite?token=" + token).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(2));
        DashboardClient late = new DashboardClient(server.baseUrl());
        DashboardClient.Page page = late.get("/invite?token=" + token);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("used, revoked or has expired");
    }

    @Test
    void aSignedInUserAcceptsAnInvitationToASecondWorkspaceAndSwitches() {
        DashboardClient alpha = signedIn("admin@alpha.rules");
        String token = invite(alpha, "alpha", "member");
        DashboardClient member = signedIn("wanderer@beta.rules");
        assertThat(member.get("/invite?token=" + token).body()).contains("You are signed in as");
        assertThat(member.submit("/invite", "token", token).location()).isEqualTo("/w/alpha/overview");
        String overview = member.get("/w/alpha/overview").body();
        assertThat(overview).contains("href=\"/w/beta/overview\"").contains("href=\"/w/alpha/overview\"");
        assertThat(member.get("/w/alpha/settings").status()).isEqualTo(403);
    }

    @Test
    void youCannotRemoveYourselfAndTheLastAdminCannotBeDemoted() {
        DashboardClient alpha = signedIn("admin@alpha.rules");
        alpha.get("/w/alpha/settings/team");
        assertThat(alpha.submit("/w/alpha/settings/team/members/" + alphaAdmin.id() + "/remove").status()).isEqualTo(409);
        DashboardClient.Page demoted = alpha.submit("/w/alpha/settings/team/members/" + alphaAdmin.id() + "/role", "role", "member");
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.body()).contains("A workspace needs at least one admin");
        assertThat(new MembershipStore(server.database()).find(alphaAdmin.id(), "alpha").orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void keyNamesAndOriginsAreShownAsText() {
        DashboardClient alpha = signedIn("admin@alpha.rules");
        alpha.get("/w/alpha/settings/keys");
        String payload = "<img src=x onerror=alert(1)>";
        String created = alpha.submit("/w/alpha/settings/keys", "name", payload, "kind", "secret").body();
        assertThat(created).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
        alpha.get("/w/alpha/settings/workspace");
        String refused = alpha.submit("/w/alpha/settings/workspace/embed", "origins", "javascript:alert(1)\n<script>x</script>",
                "verification", "required").body();
        assertThat(refused).doesNotContain("<script>x").contains("&lt;script&gt;x&lt;/script&gt;").contains("not an origin");
    }
}
