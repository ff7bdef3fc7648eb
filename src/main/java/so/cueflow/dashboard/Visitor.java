package so.cueflow.dashboard;

import java.util.List;

/** Who sent a request: a signed-in user with their session and workspaces, or nobody. */
record Visitor(Session session, User user, List<Membership> memberships) {
    static final Visitor ANONYMOUS = new Visitor(null, null, List.of());

    Visitor {
        memberships = List.copyOf(memberships);
    }

    boolean signedIn() {
        return user != null;
    }
}
