package so.cueflow.dashboard;

import java.util.Optional;

/**
 * The pages behind one-time links: {@code /setup?token=} (the first admin, or a user created with
 * {@code users create}) and {@code /reset-password?token=}. A used or expired link shows why.
 */
public final class AccountLinkPages {
    private static final String GONE = "This link was used already or has expired. Ask an admin for a new one"
            + " (java -jar cueflow.jar users reset-password --email YOU, or users create).";

    private final Accounts accounts;

    AccountLinkPages(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The form behind a link: which fields it asks for depends on the link's purpose. */
    public record AccountLinkPage(String action, String token, boolean asksEmail, boolean asksName, boolean reset,
                                  String email, Form form) {
        public String tokenError() {
            return form.error("token");
        }
    }

    void mount(PageRoutes routes) {
        routes.get("/setup", Access.ANYONE, request -> show(request, "/setup"));
        routes.post("/setup", Access.ANYONE, request -> submit(request, "/setup"));
        routes.get("/reset-password", Access.ANYONE, request -> show(request, "/reset-password"));
        routes.post("/reset-password", Access.ANYONE, request -> submit(request, "/reset-password"));
    }

    private Reply show(PageRequest request, String action) {
        String token = request.query("token");
        AccountToken link = usable(token, action);
        return view(200, action, token, link, Form.empty());
    }

    private Reply submit(PageRequest request, String action) {
        Form form = request.form();
        String token = form.value("token");
        AccountToken link = usable(token, action);
        Optional<String> session = accounts.useLink(token, link, form);
        if (session.isEmpty()) return view(400, action, token, link, form);
        request.startSession(session.get());
        return Reply.redirect("/");
    }

    private AccountToken usable(String token, String action) {
        boolean reset = action.equals("/reset-password");
        return accounts.link(token)
                .filter(link -> reset == (link.purpose() == AccountToken.Purpose.RESET))
                .orElseThrow(() -> new PageError(404, GONE));
    }

    private static Reply view(int status, String action, String token, AccountToken link, Form form) {
        String title = switch (link.purpose()) {
            case SETUP -> "Set up Cueflow";
            case NEW_USER -> "Create your account";
            case RESET -> "Choose a new password";
        };
        return new Reply.View(status, title, Section.NONE, "account-link.jte",
                new AccountLinkPage(action, token, link.purpose() == AccountToken.Purpose.SETUP,
                        link.purpose() != AccountToken.Purpose.RESET, link.purpose() == AccountToken.Purpose.RESET,
                        link.email(), form));
    }
}
