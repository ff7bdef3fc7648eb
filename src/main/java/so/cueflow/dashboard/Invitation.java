package so.cueflow.dashboard;

/** A pending invitation to a workspace: a link (stored as a hash) that gives its user the role. */
public record Invitation(String workspaceId, String workspaceName, String id, Role role, String invitedBy, long createdAt, long expiresAt) {
}
