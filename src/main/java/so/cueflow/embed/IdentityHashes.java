package so.cueflow.embed;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Identity secrets and the {@code userHash} a backend computes with one: lowercase hex HMAC-SHA256(secret, userId). */
public final class IdentityHashes {
    private static final String PREFIX = "idsec_";
    private static final int RANDOM_CHARS = 40;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private IdentityHashes() {
    }

    public static String newSecret() {
        StringBuilder secret = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) secret.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        return secret.toString();
    }

    /** The secret's UTF-8 bytes are the HMAC key, so any language's HMAC of the two strings agrees. */
    public static String hash(String secret, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Compared in constant time, so response timing does not reveal how much of a guess was right. */
    public static boolean matches(String secret, String userId, String userHash) {
        return MessageDigest.isEqual(hash(secret, userId).getBytes(StandardCharsets.US_ASCII),
                userHash.getBytes(StandardCharsets.UTF_8));
    }
}
