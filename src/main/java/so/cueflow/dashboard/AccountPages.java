package so.cueflow.dashboard;

import java.util.Optional;

/** The signed-in user's own account: name, email and a new password (which signs out every other session). */
public final class AccountPages {
    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
    }

    public record AccountPage(User user, Form form, boolean changed) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/account", Access.MEMBER, request -> view(200, request, Form.empty(), false));
        routes.post("/w/:workspace/account/password", Access.MEMBER, this::changePassword);
    }

    private Reply changePassword(PageRequest request) {
        Form form = request.form();
        Optional<String> session = accounts.changePassword(request.user(), form);
        if (session.isEmpty()) return view(400, request, form, false);
        request.startSession(session.get());
        return view(200, request, Form.empty(), true);
    }

    private static Reply view(int status, PageRequest request, Form form, boolean changed) {
        return new Reply.View(status, "Account", Section.ACCOUNT, "account.jte", new AccountPage(request.user(), form, changed));
    }
}
