package so.cueflow.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.Cueflow;
import so.cueflow.TestServer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code users create} and {@code users reset-password}: one-time links printed, used once in the dashboard. */
class UsersCommandIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        server.newKey("default");
        server.newKey("other");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run users(String... args) {
        List<String> all = new ArrayList<>(List.of("users"));
        all.addAll(List.of(args));
        all.addAll(List.of(server.storeFlag(), server.storeLocation(), "--public-url", server.baseUrl()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cueflow.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all.toArray(String[]::new));
        return new Run(exit, out.toString().trim(), err.toString().trim());
    }

    private static String path(String link) {
        assertThat(link).startsWith(server.baseUrl() + "/");
        return link.substring(server.baseUrl().length());
    }

    @Test
    void createPrintsALinkWithWhichTheUserChoosesAPasswordAndJoinsWithTheRole() {
        Run created = users("create", "--email", "Nora@Example.test", "--workspace", "other", "--role", "admin");
        assertThat(created.exit()).isZero();
        assertThat(created.out()).matches("http://127\\.0\\.0\\.1:\\d+/setup\\?token=[A-Za-z0-9_-]{43}");
        DashboardClient browser = new DashboardClient(server.baseUrl());
        DashboardClient.Page form = browser.get(path(created.out()));
        assertThat(form.body()).contains("Create your account").contains("nora@example.test").doesNotContain("id=\"email\"");
        String token = created.out().substring(created.out().indexOf("token=") + 6);
        DashboardClient.Page done = browser.submit("/setup", "token", token, "name", "Nora New", "password", "nora's password");
        assertThat(done.location()).isEqualTo("/");
        assertThat(browser.get("/").location()).isEqualTo("/w/other/overview");
        assertThat(browser.get("/w/other/settings").status()).isEqualTo(200);
        assertThat(browser.get("/w/default/overview").status()).isEqualTo(404);
        assertThat(new DashboardClient(server.baseUrl()).get(path(created.out())).status()).as("used once").isEqualTo(404);
    }

    @Test
    void createForAnExistingUserAddsThemToTheWorkspaceWithoutALink() {
        TestUsers.create(server, "olga@example.test", "Olga", "default", Role.ADMIN);
        Run added = users("create", "--email", "olga@example.test", "--workspace", "other");
        assertThat(added.exit()).isZero();
        assertThat(added.out()).isEqualTo("olga@example.test is now member of other; they sign in with their password as before.");
        DashboardClient browser = new DashboardClient(server.baseUrl());
        browser.signIn("olga@example.test", TestUsers.PASSWORD);
        assertThat(browser.get("/w/other/overview").status()).isEqualTo(200);
        assertThat(browser.get("/w/other/settings").status()).isEqualTo(403);
    }

    @Test
    void resetPasswordPrintsALinkThatSetsANewPasswordAndSignsOutEverySession() {
        TestUsers.create(server, "rita@example.test", "Rita", "default", Role.MEMBER);
        DashboardClient old = new DashboardClient(server.baseUrl());
        old.signIn("rita@example.test", TestUsers.PASSWORD);
        assertThat(old.get("/w/default/overview").status()).isEqualTo(200);

        Run reset = users("reset-password", "--email", "RITA@example.test");
        assertThat(reset.exit()).isZero();
        assertThat(reset.out()).contains("/reset-password?token=");
        DashboardClient browser = new DashboardClient(server.baseUrl());
        assertThat(browser.get(path(reset.out())).body()).contains("Choose a new password");
        String token = reset.out().substring(reset.out().indexOf("token=") + 6);
        assertThat(browser.submit("/reset-password", "token", token, "password", "rita's new password").location()).isEqualTo("/");
        assertThat(old.get("/w/default/overview").status()).as("the old session ended").isEqualTo(303);
        assertThat(new DashboardClient(server.baseUrl()).signIn("rita@example.test", "rita's new password").status()).isEqualTo(303);
        assertThat(browser.get("/setup?token=" + token).status()).as("a reset link is no setup link").isEqualTo(404);
    }

    @Test
    void badRoleUnknownWorkspaceAndUnknownEmailAreRefused() {
        assertThat(users("create", "--email", "a@example.test", "--role", "owner").exit()).isEqualTo(2);
        Run noWorkspace = users("create", "--email", "a@example.test", "--workspace", "nope");
        assertThat(noWorkspace.exit()).isEqualTo(1);
        assertThat(noWorkspace.err()).contains("no workspace named \"nope\"");
        Run unknown = users("reset-password", "--email", "ghost@example.test");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no dashboard user");
    }
}
