package so.cueflow.contacts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A position in a sorted contact list: the sort value and id of a contact on the page boundary,
 * and the direction to read from there ({@code older} = further down the list).
 */
public record ContactCursor(boolean older, String value, String id) {
    public String encode() {
        String text = (older ? "o" : "n") + '\u0000' + value + '\u0000' + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for a cursor this server did not make. */
    public static Optional<ContactCursor> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) return Optional.empty();
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\u0000", -1);
            if (parts.length != 3 || !(parts[0].equals("o") || parts[0].equals("n"))) return Optional.empty();
            return Optional.of(new ContactCursor(parts[0].equals("o"), parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
