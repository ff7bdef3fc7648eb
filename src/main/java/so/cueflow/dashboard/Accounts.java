package so.cueflow.dashboard;

import so.cueflow.storage.Database;

import java.time.Clock;
import java.util.Optional;

/** Signing in and out, one-time links and password changes: the rules, whatever page calls them. */
public final class Accounts {
    static final int MAX_NAME_LENGTH = 100;

    private final Database database;
    private final UserStore users;
    private final MembershipStore memberships;
    private final SessionStore sessions;
    private final AccountTokenStore tokens;
    private final SignInThrottle throttle;
    private final Clock clock;

    public Accounts(Database database, Clock clock) {
        this.database = database;
        this.users = new UserStore(database);
        this.memberships = new MembershipStore(database);
        this.sessions = new SessionStore(database);
        this.tokens = new AccountTokenStore(database);
        this.throttle = new SignInThrottle(new SignInFailureStore(database));
        this.clock = clock;
    }

    SignInOutcome signIn(String email, String password, String address) {
        long now = clock.millis();
        long wait = throttle.secondsToWait(email, address, now);
        if (wait > 0) return new SignInOutcome.Throttled(wait);
        Optional<UserStore.Credentials> found = Emails.problem(email) == null ? users.credentials(email) : Optional.empty();
        if (!Passwords.matches(password, found.map(UserStore.Credentials::passwordHash).orElse(null))) {
            throttle.failed(email, address, now);
            return new SignInOutcome.Refused();
        }
        throttle.succeeded(email);
        User user = found.get().user();
        return new SignInOutcome.SignedIn(sessions.create(user.id(), now), user);
    }

    void signOut(Session session) {
        sessions.delete(session);
    }

    Optional<AccountToken> link(String token) {
        return tokens.findUsable(token, clock.millis());
    }

    /**
     * Uses a one-time link: creates the user (setup, new user) or sets the password (reset, which
     * signs the user out everywhere else). Returns the new session's token, or empty with the form's
     * problems recorded.
     */
    Optional<String> useLink(String token, AccountToken link, Form form) {
        boolean reset = link.purpose() == AccountToken.Purpose.RESET;
        String email = link.email() != null ? link.email() : form.trimmed("email");
        if (link.email() == null) form.reject("email", Emails.problem(email));
        if (!reset) form.reject("name", nameProblem(form.trimmed("name")));
        form.reject("password", Passwords.problem(form.value("password")));
        if (!form.valid()) return Optional.empty();
        String hash = Passwords.hash(form.value("password"));
        long now = clock.millis();
        return database.inTransaction(connection -> {
            if (!tokens.use(connection, token, now)) {
                form.reject("token", "this link was used already or has expired; ask for a new one");
                return Optional.empty();
            }
            User user;
            if (reset) {
                user = users.findByEmail(connection, email).orElse(null);
                if (user == null) {
                    form.reject("token", "this link's account no longer exists");
                    return Optional.empty();
                }
                users.setPassword(connection, user.id(), hash, now);
                sessions.deleteAllOf(connection, user.id());
            } else {
                user = users.create(connection, email, form.trimmed("name"), hash, now).orElse(null);
                if (user == null) {
                    connection.rollback();
                    form.reject("email", "an account with this email exists already: sign in instead");
                    return Optional.empty();
                }
                memberships.put(connection, link.workspaceId(), user.id(), link.role(), now);
            }
            return Optional.of(sessions.create(connection, user.id(), now));
        });
    }

    /** Changes the password after checking the current one; every session ends and a new one starts. */
    Optional<String> changePassword(User user, Form form) {
        Optional<UserStore.Credentials> credentials = users.credentials(user.email());
        if (credentials.isEmpty() || !Passwords.matches(form.value("current"), credentials.get().passwordHash())) {
            form.reject("current", "this is not your current password");
        }
        form.reject("password", Passwords.problem(form.value("password")));
        if (!form.valid()) return Optional.empty();
        String hash = Passwords.hash(form.value("password"));
        long now = clock.millis();
        return Optional.of(database.inTransaction(connection -> {
            users.setPassword(connection, user.id(), hash, now);
            sessions.deleteAllOf(connection, user.id());
            return sessions.create(connection, user.id(), now);
        }));
    }

    static String nameProblem(String name) {
        if (name == null) return "enter your name";
        if (name.length() > MAX_NAME_LENGTH) return "use at most " + MAX_NAME_LENGTH + " characters";
        return null;
    }
}
