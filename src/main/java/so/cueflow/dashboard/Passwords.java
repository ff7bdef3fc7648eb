package so.cueflow.dashboard;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id through Password4j with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane); the
 * parameters travel in each stored hash, so raising them later still verifies older hashes.
 */
final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** Checked against when an email is unknown, so that the answer takes as long as for a known one. */
    private static final String DECOY = hash("no such user: a decoy to spend the same time");

    private Passwords() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    static boolean matches(String password, String storedHash) {
        if (password == null || password.length() > MAX_LENGTH) return false;
        String hash = storedHash == null ? DECOY : storedHash;
        boolean ok = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        return ok && storedHash != null;
    }

    /** Why a new password is refused, or null when it is acceptable. */
    static String problem(String password) {
        if (password == null || password.isEmpty()) return "enter a password";
        if (password.length() < MIN_LENGTH) return "use at least " + MIN_LENGTH + " characters";
        if (password.length() > MAX_LENGTH) return "use at most " + MAX_LENGTH + " characters";
        return null;
    }
}
