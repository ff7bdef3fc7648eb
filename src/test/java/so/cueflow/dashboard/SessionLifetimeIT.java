package so.cueflow.dashboard;

import so.cueflow.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import so.cueflow.TestServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Idle expiry, sign-out everywhere on a password change, and the sign-in throttle's numbers, on a clock the test moves. */
class SessionLifetimeIT {
    private static final MovableClock CLOCK = new MovableClock();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(CLOCK);
        TestUsers.create(server, "idle@example.test", "Ida Idle", "default", Role.MEMBER);
        TestUsers.create(server, "change@example.test", "Cas Change", "default", Role.MEMBER);
        TestUsers.create(server, "locked@example.test", "Lou Locked", "default", Role.MEMBER);
        TestUsers.create(server, "spray@example.test", "Sam Spray", "default", Role.MEMBER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static DashboardClient signedIn(String email, String password) {
        DashboardClient client = new DashboardClient(server.baseUrl());
        assertThat(client.signIn(email, password).status()).isEqualTo(303);
        return client;
    }

    @Test
    void sessionEndsAfterFourteenDaysIdleButNotWhileUsed() {
        DashboardClient client = signedIn("idle@example.test", TestUsers.PASSWORD);
        CLOCK.advance(Duration.ofDays(13));
        assertThat(client.get("/w/default/overview").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(13));
        assertThat(client.get("/w/default/overview").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(14).plusSeconds(1));
        DashboardClient.Page expired = client.get("/w/default/overview");
        assertThat(expired.status()).isEqualTo(303);
        assertThat(expired.location()).startsWith("/sign-in");
    }

    @Test
    void sessionsNeverSeenAgainAreSweptFromTheStore() {
        DashboardClient gone = signedIn("idle@example.test", TestUsers.PASSWORD);
        String token = gone.cookie(Cookies.SESSION).getValue();
        assertThat(new SessionStore(server.database()).find(token)).isPresent();
        CLOCK.advance(Duration.ofDays(15));
        new DashboardClient(server.baseUrl()).get("/sign-in");
        assertThat(new SessionStore(server.database()).find(token)).as("deleted without being presented").isEmpty();
    }

    @Test
    void changingThePasswordSignsOutEveryOtherSession() {
        DashboardClient laptop = signedIn("change@example.test", TestUsers.PASSWORD);
        DashboardClient phone = signedIn("change@example.test", TestUsers.PASSWORD);
        laptop.get("/w/default/account");
        DashboardClient.Page changed = laptop.submit("/w/default/account/password", "current", TestUsers.PASSWORD,
                "password", "a brand new password");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("Every other session was signed out");
        assertThat(laptop.get("/w/default/overview").status()).isEqualTo(200);
        assertThat(phone.get("/w/default/overview").status()).isEqualTo(303);
        assertThat(new DashboardClient(server.baseUrl()).signIn("change@example.test", TestUsers.PASSWORD).status()).isEqualTo(401);
        signedIn("change@example.test", "a brand new password");
    }

    @Test
    void fiveFailuresLockAnEmailFor30SecondsThenDoubling() {
        DashboardClient client = new DashboardClient(server.baseUrl());
        for (int i = 0; i < 5; i++) assertThat(client.signIn("locked@example.test", "wrong " + i).status()).isEqualTo(401);
        DashboardClient.Page locked = client.signIn("locked@example.test", TestUsers.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Try again in 30 seconds");
        CLOCK.advance(Duration.ofSeconds(31));
        assertThat(client.signIn("locked@example.test", "wrong again").status()).isEqualTo(401);
        assertThat(client.signIn("locked@example.test", TestUsers.PASSWORD).body()).contains("Try again in 60 seconds");
        CLOCK.advance(Duration.ofSeconds(61));
        assertThat(client.signIn("locked@example.test", TestUsers.PASSWORD).status()).isEqualTo(303);
        DashboardClient another = new DashboardClient(server.baseUrl());
        assertThat(another.signIn("locked@example.test", "wrong after success").status()).as("a success clears the count").isEqualTo(401);
    }

    @Test
    void unknownEmailsAreLockedExactlyLikeKnownOnes() {
        DashboardClient client = new DashboardClient(server.baseUrl());
        for (int i = 0; i < 5; i++) assertThat(client.signIn("nobody@example.test", "wrong " + i).status()).isEqualTo(401);
        assertThat(client.signIn("nobody@example.test", "whatever").body()).contains("Try again in 30 seconds");
        CLOCK.advance(Duration.ofSeconds(31));
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryEmail() {
        CLOCK.advance(Duration.ofHours(2)); // forget the other tests' failures from this address
        DashboardClient client = new DashboardClient(server.baseUrl());
        for (int i = 0; i < 20; i++) {
            assertThat(client.signIn("spray" + i + "@example.test", "guess").status()).as("attempt " + i).isEqualTo(401);
        }
        DashboardClient.Page locked = client.signIn("spray@example.test", TestUsers.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Try again in 30 seconds");
        CLOCK.advance(Duration.ofHours(2));
        assertThat(client.signIn("spray@example.test", TestUsers.PASSWORD).status()).isEqualTo(303);
    }
}
