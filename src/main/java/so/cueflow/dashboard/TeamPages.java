package so.cueflow.dashboard;

import java.util.List;

/** Settings → Team (admins): members and roles, invitation links, removing a member. */
public final class TeamPages {
    private final Team team;

    TeamPages(Team team) {
        this.team = team;
    }

    /** {@code newLink}: an invitation link just created, shown this once. */
    public record TeamPage(List<Member> members, List<Invitation> invitations, String newLink, Role newLinkRole,
                           String error, String selfId) {
    }

    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/settings/team", Access.ADMIN, request -> view(request, 200, null, null, null));
        routes.post("/w/:workspace/settings/team/invitations", Access.ADMIN, this::invite);
        routes.post("/w/:workspace/settings/team/invitations/:id/revoke", Access.ADMIN, this::revoke);
        routes.post("/w/:workspace/settings/team/members/:user/role", Access.ADMIN, this::changeRole);
        routes.get("/w/:workspace/settings/team/members/:user/remove", Access.ADMIN, this::confirmRemove);
        routes.post("/w/:workspace/settings/team/members/:user/remove", Access.ADMIN, this::remove);
    }

    private Reply invite(PageRequest request) {
        Role role = Role.parse(request.form().value("role"));
        if (role == null) return view(request, 400, null, null, "Choose the role the invited person gets: admin or member.");
        String token = team.invite(request.workspace(), role, request.user());
        return view(request, 200, request.baseUrl() + "/invite?token=" + token, role, null);
    }

    private Reply revoke(PageRequest request) {
        if (!team.revoke(request.workspace(), request.param("id"))) throw PageError.notFound();
        return Reply.redirect(teamHref(request));
    }

    private Reply changeRole(PageRequest request) {
        Role role = Role.parse(request.form().value("role"));
        if (role == null) return view(request, 400, null, null, "A role is admin or member.");
        return outcome(request, team.changeRole(request.workspace(), request.param("user"), role));
    }

    private Reply confirmRemove(PageRequest request) {
        Member member = member(request);
        String who = member.user().name() + " (" + member.user().email() + ")";
        return Reply.page("Remove member", Section.SETTINGS, "confirm.jte", new Confirmation(
                "Remove " + who + " from " + request.workspace().name() + "?",
                "They can no longer open this workspace. Their account and their other workspaces stay.",
                Frame.workspaceHref(request.membership(), "settings/team/members/" + member.user().id() + "/remove"),
                "Remove " + member.user().name(), teamHref(request)));
    }

    private Reply remove(PageRequest request) {
        Member member = member(request);
        return outcome(request, team.remove(request.workspace(), member.user().id()));
    }

    private Member member(PageRequest request) {
        String userId = request.param("user");
        if (userId.equals(request.user().id())) {
            throw new PageError(409, "You cannot remove yourself. Another admin can remove you.");
        }
        return team.members(request.workspace()).stream().filter(m -> m.user().id().equals(userId)).findFirst()
                .orElseThrow(PageError::notFound);
    }

    private Reply outcome(PageRequest request, MembershipStore.Change change) {
        return switch (change) {
            case DONE -> Reply.redirect(teamHref(request));
            case NOT_A_MEMBER -> throw PageError.notFound();
            case LAST_ADMIN -> view(request, 409, null, null,
                    "A workspace needs at least one admin. Make someone else an admin first.");
        };
    }

    private Reply view(PageRequest request, int status, String newLink, Role newLinkRole, String error) {
        return new Reply.View(status, "Team", Section.SETTINGS, "settings/team.jte", new TeamPage(team.members(request.workspace()),
                team.pending(request.workspace()), newLink, newLinkRole, error, request.user().id()));
    }

    private static String teamHref(PageRequest request) {
        return Frame.workspaceHref(request.membership(), "settings/team");
    }
}
