package so.cueflow.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code /invite?token=}: join a workspace, signed in, or with a new account. */
public final class InvitePages {
    private static final String GONE = "This invitation was used, revoked or has expired. Ask an admin of the workspace for a new link.";

    private final Team team;

    InvitePages(Team team) {
        this.team = team;
    }

    public record InvitePage(String token, String workspace, Role role, boolean signedIn, String signInHref, Form form) {
        public String tokenError() {
            return form.error("token");
        }
    }

    void mount(PageRoutes routes) {
        routes.get("/invite", Access.ANYONE, request -> view(request, 200, request.query("token"), Form.empty()));
        routes.post("/invite", Access.ANYONE, this::accept);
    }

    private Reply accept(PageRequest request) {
        Form form = request.form();
        String token = form.value("token");
        Invitation invitation = team.invitation(token).orElseThrow(() -> new PageError(404, GONE));
        if (request.signedIn()) {
            if (!team.accept(token, invitation, request.user(), request.memberships())) throw new PageError(404, GONE);
            return Reply.redirect(overview(invitation));
        }
        Optional<String> session = team.acceptWithNewAccount(token, invitation, form);
        if (session.isEmpty()) return view(request, 400, token, form);
        request.startSession(session.get());
        return Reply.redirect(overview(invitation));
    }

    private static String overview(Invitation invitation) {
        return Frame.workspaceHref(invitation.workspaceName(), Section.OVERVIEW.path());
    }

    private Reply view(PageRequest request, int status, String token, Form form) {
        Invitation invitation = team.invitation(token).orElseThrow(() -> new PageError(404, GONE));
        String workspace = invitation.workspaceName();
        String signIn = "/sign-in?next=" + URLEncoder.encode("/invite?token=" + token, StandardCharsets.UTF_8);
        return new Reply.View(status, "Join " + workspace, Section.NONE, "invite.jte",
                new InvitePage(token, workspace, invitation.role(), request.signedIn(), signIn, form));
    }
}
