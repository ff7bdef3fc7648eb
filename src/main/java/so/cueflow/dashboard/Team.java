package so.cueflow.dashboard;

import so.cueflow.auth.Workspace;
import so.cueflow.storage.Database;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A workspace's people: members and their roles, invitation links and accepting them. */
public final class Team {
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final Database database;
    private final UserStore users;
    private final MembershipStore memberships;
    private final SessionStore sessions;
    private final InvitationStore invitations;
    private final Clock clock;

    public Team(Database database, Clock clock) {
        this.database = database;
        this.users = new UserStore(database);
        this.memberships = new MembershipStore(database);
        this.sessions = new SessionStore(database);
        this.invitations = new InvitationStore(database);
        this.clock = clock;
    }

    List<Member> members(Workspace workspace) {
        return memberships.members(workspace.id());
    }

    List<Invitation> pending(Workspace workspace) {
        return invitations.pending(workspace.id(), clock.millis());
    }

    /** A new invitation link's token, valid for 7 days. */
    String invite(Workspace workspace, Role role, User invitedBy) {
        long now = clock.millis();
        return invitations.create(workspace.id(), role, invitedBy.id(), now, now + INVITATION_VALIDITY.toMillis());
    }

    boolean revoke(Workspace workspace, String invitationId) {
        return invitations.revoke(workspace.id(), invitationId, clock.millis());
    }

    MembershipStore.Change changeRole(Workspace workspace, String userId, Role role) {
        return memberships.changeRole(workspace.id(), userId, role);
    }

    MembershipStore.Change remove(Workspace workspace, String userId) {
        return memberships.remove(workspace.id(), userId);
    }

    Optional<Invitation> invitation(String token) {
        return invitations.findUsable(token, clock.millis());
    }

    /** The signed-in user joins with the invitation's role; a member already keeps their role. False if the link no longer works. */
    boolean accept(String token, Invitation invitation, User user, List<Membership> current) {
        long now = clock.millis();
        boolean member = current.stream().anyMatch(m -> m.workspace().id().equals(invitation.workspaceId()));
        return database.inTransaction(connection -> {
            if (!invitations.accept(connection, token, user.id(), now)) return false;
            if (!member) memberships.put(connection, invitation.workspaceId(), user.id(), invitation.role(), now);
            return true;
        });
    }

    /** Creates an account and joins with it; returns the new session's token, or empty with the form's problems. */
    Optional<String> acceptWithNewAccount(String token, Invitation invitation, Form form) {
        form.reject("email", Emails.problem(form.trimmed("email")));
        form.reject("name", Accounts.nameProblem(form.trimmed("name")));
        form.reject("password", Passwords.problem(form.value("password")));
        if (!form.valid()) return Optional.empty();
        String hash = Passwords.hash(form.value("password"));
        long now = clock.millis();
        return database.inTransaction(connection -> {
            if (!invitations.accept(connection, token, null, now)) {
                form.reject("token", "this invitation was used, revoked or has expired; ask for a new one");
                return Optional.empty();
            }
            Optional<User> user = users.create(connection, form.trimmed("email"), form.trimmed("name"), hash, now);
            if (user.isEmpty()) {
                connection.rollback();
                form.reject("email", "an account with this email exists already: sign in to accept the invitation");
                return Optional.empty();
            }
            memberships.put(connection, invitation.workspaceId(), user.get().id(), invitation.role(), now);
            return Optional.of(sessions.create(connection, user.get().id(), now));
        });
    }
}
