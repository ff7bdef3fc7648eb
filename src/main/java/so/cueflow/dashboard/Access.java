package so.cueflow.dashboard;

/** Who may open a page. Workspace pages live under {@code /w/:workspace/}; a non-member gets 404 there. */
public enum Access {
    /** Anyone, signed in or not (sign-in, setup links, invitations). */
    ANYONE,
    /** Any member of the workspace in the path. */
    MEMBER,
    /** Admins of the workspace in the path; members get 403. */
    ADMIN
}
