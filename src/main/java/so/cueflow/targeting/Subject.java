package so.cueflow.targeting;

import java.util.Objects;

/** Whom a targeting is evaluated for: the contact, what it did, and the page it is on (null when no page is known). */
public record Subject(ContactFields contact, Activity activity, Page page) {

    public Subject {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(activity, "activity");
    }
}
