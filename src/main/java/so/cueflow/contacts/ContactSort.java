package so.cueflow.contacts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Orders of the contact list; a contact without the value (never seen, no sign-up date, no name) sorts last. */
public enum ContactSort {
    LAST_SEEN("Last seen", "COALESCE(last_seen_at, -1)", true, true),
    SIGNED_UP("Signed up", "COALESCE(signed_up_at, -1)", true, true),
    NAME("Name", "COALESCE(name, '')", false, false),
    CREATED("Created", "id", true, false);

    private final String label;
    private final String expression;
    private final boolean descending;
    private final boolean numeric;

    ContactSort(String label, String expression, boolean descending, boolean numeric) {
        this.label = label;
        this.expression = expression;
        this.descending = descending;
        this.numeric = numeric;
    }

    public String label() {
        return label;
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ContactSort> fromParam(String value) {
        return Arrays.stream(values()).filter(sort -> sort.param().equals(value)).findFirst();
    }

    String expression() {
        return expression;
    }

    boolean descending() {
        return descending;
    }

    boolean numeric() {
        return numeric;
    }
}
