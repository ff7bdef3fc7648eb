package so.cueflow.embed;

import so.cueflow.http.ApiError;
import so.cueflow.http.Fields;
import so.cueflow.http.ThrottledLog;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Whom a browser says it is acting for. Every embed request names its user; with identity
 * verification required, only a correct {@code userHash} lets it act for that user.
 */
record EmbedUser(String userId, String userHash) {
    static final int MAX_USER_ID = 255;
    static final int MAX_USER_HASH = 128;
    /** Like a Logger, one per class: its only state is how many lines it left out. */
    private static final ThrottledLog MISMATCHES = new ThrottledLog(LoggerFactory.getLogger(EmbedUser.class), Clock.systemUTC(), 10_000);

    /** The user named in a body, or null with the problems added to {@code fields}. */
    static EmbedUser read(Fields fields) {
        String userId = fields.requiredString("userId", MAX_USER_ID);
        String userHash = fields.optionalString("userHash", MAX_USER_HASH);
        if (userId == null || (fields.has("userHash") && !fields.isNull("userHash") && userHash == null)) return null;
        return new EmbedUser(userId, userHash);
    }

    /** 403 unless the workspace lets this browser act for the user; nothing may be read or written before this. */
    void verify(EmbedSettings settings) {
        if (settings.verification() == EmbedSettings.Verification.OFF) return;
        if (settings.identitySecret() == null) {
            throw forbidden("identity verification is required in this workspace, but it has no identity secret yet:"
                    + " run cueflow workspace rotate-identity-secret, or turn verification off");
        }
        if (userHash == null) {
            throw forbidden("userHash is required: give init() the userHash your server computes as"
                    + " lowercase hex HMAC-SHA256(identity secret, user id)");
        }
        if (!IdentityHashes.matches(settings.identitySecret(), userId, userHash)) {
            MISMATCHES.info("refused an embed request: userHash does not match user id \"{}\" (a stale identity secret"
                    + " on your backend, or someone trying user ids)", userId.replaceAll("\\p{Cntrl}", "?"));
            throw forbidden("userHash does not match the user id");
        }
    }

    private static ApiError forbidden(String message) {
        return ApiError.forbidden(message);
    }
}
