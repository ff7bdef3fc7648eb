package so.cueflow.dashboard;

/**
 * A one-time link's meaning: the first admin's setup (any email, the workspace's admin), a new
 * user (the given email and role in the workspace) or a password reset (the given email).
 */
record AccountToken(Purpose purpose, String email, String workspaceId, Role role, long expiresAt) {
    enum Purpose { SETUP, NEW_USER, RESET }
}
