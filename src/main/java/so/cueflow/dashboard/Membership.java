package so.cueflow.dashboard;

import so.cueflow.auth.Workspace;

/** A user's role in one workspace. */
public record Membership(Workspace workspace, Role role) {
    public boolean admin() {
        return role == Role.ADMIN;
    }
}
