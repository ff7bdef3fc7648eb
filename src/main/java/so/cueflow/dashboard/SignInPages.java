package so.cueflow.dashboard;

/** The front door: {@code /} sends a visitor to their workspace or to sign-in; sign-in and sign-out. */
public final class SignInPages {
    private final Accounts accounts;

    SignInPages(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The sign-in form's model; {@code next} is where to go after signing in. */
    public record SignInPage(Form form, String next, String error) {
    }

    void mount(PageRoutes routes) {
        routes.get("/", Access.ANYONE, this::home);
        routes.get("/sign-in", Access.ANYONE, this::form);
        routes.post("/sign-in", Access.ANYONE, this::signIn);
        routes.post("/sign-out", Access.ANYONE, this::signOut);
    }

    private Reply home(PageRequest request) {
        if (!request.signedIn()) return Reply.redirect("/sign-in");
        if (request.memberships().isEmpty()) {
            throw new PageError(404, "Your account is not a member of any workspace. Ask an admin for an invitation.");
        }
        return Reply.redirect(Frame.workspaceHref(request.memberships().get(0), Section.OVERVIEW.path()));
    }

    private Reply form(PageRequest request) {
        String next = safeNext(request.query("next"));
        if (request.signedIn()) return Reply.redirect(next);
        return Reply.page("Sign in", Section.NONE, "sign-in.jte", new SignInPage(Form.empty(), next, null));
    }

    private Reply signIn(PageRequest request) {
        Form form = request.form();
        String next = safeNext(form.value("next"));
        SignInOutcome outcome = accounts.signIn(form.trimmed("email"), form.value("password"), request.address());
        if (outcome instanceof SignInOutcome.SignedIn signedIn) {
            request.startSession(signedIn.sessionToken());
            return Reply.redirect(next);
        }
        if (outcome instanceof SignInOutcome.Throttled throttled) {
            return again(form, next, 429, "Too many failed sign-ins for this email or from this address. Try again in "
                    + throttled.retryAfterSeconds() + " seconds.");
        }
        return again(form, next, 401, "The email or password is not right.");
    }

    private static Reply again(Form form, String next, int status, String error) {
        Form shown = Form.of(java.util.Map.of("email", form.value("email")));
        return new Reply.View(status, "Sign in", Section.NONE, "sign-in.jte", new SignInPage(shown, next, error));
    }

    private Reply signOut(PageRequest request) {
        if (request.signedIn()) accounts.signOut(request.visitor().session());
        request.endSession();
        return Reply.redirect("/sign-in");
    }

    /** Only a path of this site: never {@code //other.example} or {@code https://…} (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
        return next;
    }
}
