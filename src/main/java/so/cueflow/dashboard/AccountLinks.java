package so.cueflow.dashboard;

import so.cueflow.auth.Workspace;
import so.cueflow.storage.Database;

import java.time.Clock;
import java.time.Duration;

/** One-time links for the first admin, a new user and a password reset; printed, never logged. */
public final class AccountLinks {
    public static final Duration VALIDITY = Duration.ofHours(24);

    private final AccountTokenStore tokens;
    private final Clock clock;

    public AccountLinks(Database database, Clock clock) {
        this.tokens = new AccountTokenStore(database);
        this.clock = clock;
    }

    /** The path (with its token) that creates the workspace's first admin. */
    public String firstAdmin(Workspace workspace) {
        return "/setup?token=" + create(AccountToken.Purpose.SETUP, null, workspace, Role.ADMIN);
    }

    /** The path that lets {@code email} choose a name and password and join the workspace. */
    public String newUser(String email, Workspace workspace, Role role) {
        return "/setup?token=" + create(AccountToken.Purpose.NEW_USER, Emails.normalise(email), workspace, role);
    }

    /** The path that lets the user with {@code email} choose a new password. */
    public String passwordReset(String email) {
        return "/reset-password?token=" + create(AccountToken.Purpose.RESET, Emails.normalise(email), null, null);
    }

    private String create(AccountToken.Purpose purpose, String email, Workspace workspace, Role role) {
        long now = clock.millis();
        return tokens.create(new AccountToken(purpose, email, workspace == null ? null : workspace.id(), role,
                now + VALIDITY.toMillis()), now);
    }
}
