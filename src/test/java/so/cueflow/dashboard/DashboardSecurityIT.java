package so.cueflow.dashboard;

import so.cueflow.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's security over real HTTP: CSRF, cookies, headers, roles, tenancy, escaping, sessions. */
class DashboardSecurityIT {
    private static final MovableClock CLOCK = new MovableClock();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(CLOCK);
        TestUsers.create(server, "admin@alpha.test", "Alma Admin", "alpha", Role.ADMIN);
        TestUsers.create(server, "member@alpha.test", "Milo Member", "alpha", Role.MEMBER);
        TestUsers.create(server, "admin@beta.test", "Bea Beta", "beta", Role.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static DashboardClient client() {
        return new DashboardClient(server.baseUrl());
    }

    private static DashboardClient signedIn(String email) {
        DashboardClient client = client();
        assertThat(client.signIn(email, TestUsers.PASSWORD).status()).isEqualTo(303);
        return client;
    }

    @Test
    void signInWithoutCsrfTokenIsRefusedAndSignsNobodyIn() {
        DashboardClient client = client();
        client.get("/sign-in");
        DashboardClient.Page refused = client.post("/sign-in", "email", "admin@alpha.test", "password", TestUsers.PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("This form has expired");
        assertThat(client.cookie(Cookies.SESSION)).isNull();
    }

    @Test
    void signedInFormWithoutOrWithWrongCsrfTokenIsRefusedAndChangesNothing() {
        DashboardClient client = signedIn("member@alpha.test");
        client.get("/w/alpha/account");
        assertThat(client.post("/w/alpha/account/password", "current", TestUsers.PASSWORD, "password", "another password 1").status())
                .isEqualTo(403);
        assertThat(client.post("/w/alpha/account/password", "current", TestUsers.PASSWORD, "password", "another password 1",
                "_csrf", "forged").status()).isEqualTo(403);
        assertThat(client().signIn("member@alpha.test", TestUsers.PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOnPlainHttp() {
        DashboardClient client = client();
        client.get("/sign-in");
        DashboardClient.Page signedIn = client.submit("/sign-in", "email", "admin@alpha.test", "password", TestUsers.PASSWORD);
        String cookie = signedIn.headers("Set-Cookie").stream().filter(c -> c.startsWith(Cookies.SESSION + "=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .contains("Max-Age=" + Duration.ofDays(14).toSeconds()).doesNotContainIgnoringCase("Secure");
    }

    @Test
    void pagesAndErrorsCarryContentSecurityPolicyAndFrameDenial() {
        DashboardClient client = signedIn("admin@alpha.test");
        for (String path : new String[]{"/sign-in", "/w/alpha/overview", "/w/beta/overview", "/w/alpha/nothing-here"}) {
            DashboardClient.Page page = client.get(path);
            assertThat(page.header("Content-Security-Policy")).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
        assertThat(client.get("/w/alpha/overview").body()).doesNotContain("<script>").doesNotContain("style=\"");
    }

    @Test
    void memberIsRefusedSettingsWith403AndAdminOpensThem() {
        DashboardClient member = signedIn("member@alpha.test");
        DashboardClient.Page refused = member.get("/w/alpha/settings");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Only admins");
        assertThat(member.get("/w/alpha/overview").body()).doesNotContain("href=\"/w/alpha/settings\"");
        DashboardClient admin = signedIn("admin@alpha.test");
        assertThat(admin.get("/w/alpha/settings").status()).isEqualTo(200);
        assertThat(admin.get("/w/alpha/overview").body()).contains("href=\"/w/alpha/settings\"");
    }

    @Test
    void anotherWorkspacesPagesAre404LikePagesOfNoWorkspaceAtAll() {
        DashboardClient alpha = signedIn("admin@alpha.test");
        for (String page : new String[]{"overview", "settings", "account", "messages", "contacts", "data"}) {
            DashboardClient.Page beta = alpha.get("/w/beta/" + page);
            DashboardClient.Page none = alpha.get("/w/no-such-workspace/" + page);
            assertThat(beta.status()).as(page).isEqualTo(404);
            assertThat(none.status()).as(page).isEqualTo(404);
            assertThat(beta.body()).doesNotContain("beta");
        }
        alpha.get("/w/alpha/account");
        assertThat(alpha.submit("/w/beta/account/password", "current", TestUsers.PASSWORD, "password", "0123456789ab").status())
                .isEqualTo(404);
    }

    @Test
    void signedOutVisitorIsSentToSignInAndBackAfterwards() {
        DashboardClient client = client();
        DashboardClient.Page page = client.get("/w/alpha/settings");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).isEqualTo("/sign-in?next=%2Fw%2Falpha%2Fsettings");
        client.get(page.location());
        DashboardClient.Page signedIn = client.submit("/sign-in", "email", "admin@alpha.test", "password", TestUsers.PASSWORD,
                "next", "/w/alpha/settings");
        assertThat(signedIn.location()).isEqualTo("/w/alpha/settings");
    }

    @Test
    void nextPointingAtAnotherSiteIsIgnored() {
        DashboardClient client = client();
        client.get("/sign-in");
        for (String next : new String[]{"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
            DashboardClient fresh = client();
            fresh.get("/sign-in");
            assertThat(fresh.submit("/sign-in", "email", "admin@alpha.test", "password", TestUsers.PASSWORD, "next", next).location())
                    .as(next).isEqualTo("/");
        }
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        DashboardClient client = client();
        client.get("/sign-in");
        DashboardClient.Page wrong = client.submit("/sign-in", "email", "beta-wrong@beta.test", "password", "nope nope nope");
        DashboardClient.Page known = client().signIn("admin@beta.test", "not the password");
        assertThat(wrong.status()).isEqualTo(401).isEqualTo(known.status());
        assertThat(wrong.body()).contains("The email or password is not right.");
        assertThat(known.body()).contains("The email or password is not right.");
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        DashboardClient client = signedIn("admin@alpha.test");
        String token = client.cookie(Cookies.SESSION).getValue();
        client.get("/w/alpha/overview");
        assertThat(client.submit("/sign-out").location()).isEqualTo("/sign-in");
        DashboardClient replay = client();
        replay.get("/sign-in");
        assertThat(new SessionStore(server.database()).find(token)).isEmpty();
    }

    @Test
    void userNamesAndWorkspaceNamesAreEscaped() {
        String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        User user = TestUsers.create(server, "xss@alpha.test", payload, "alpha", Role.MEMBER);
        TestUsers.join(server, user, "ws\"><img src=x onerror=alert(3)>", Role.ADMIN);
        DashboardClient client = signedIn("xss@alpha.test");
        String body = client.get("/w/alpha/account").body();
        assertThat(body).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    }
}
