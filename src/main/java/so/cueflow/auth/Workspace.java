package so.cueflow.auth;

public record Workspace(String id, String name, long createdAt) {
}
