package so.cueflow.dashboard;

import java.util.Locale;
import java.util.regex.Pattern;

/** Sign-in emails: compared lower-cased and trimmed; checked only for a plausible shape. */
final class Emails {
    static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private Emails() {
    }

    static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** Why the email is refused, or null. */
    static String problem(String email) {
        if (email == null || email.isBlank()) return "enter an email address";
        if (email.trim().length() > MAX_LENGTH) return "use at most " + MAX_LENGTH + " characters";
        if (!SHAPE.matcher(email.trim()).matches()) return "enter an email address such as jane@example.com";
        return null;
    }
}
