package so.cueflow.dashboard;

/** A user as a member of one workspace. */
public record Member(User user, Role role, long since) {
    public boolean admin() {
        return role == Role.ADMIN;
    }
}
