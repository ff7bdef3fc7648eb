package so.cueflow.dashboard;

/** A person who signs in to the dashboard; never carries the password hash. */
public record User(String id, String email, String name, long passwordChangedAt, long createdAt) {
}
