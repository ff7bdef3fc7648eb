package so.cueflow.dashboard;

/** A signed-in browser: identified by the hash of its cookie's token, with its own CSRF token. */
record Session(String tokenHash, String userId, String csrfToken, long createdAt, long lastSeenAt) {
}
