package so.cueflow.targeting;

/** One condition of a group: about what the contact did, who the contact is, or the page they are on. */
public sealed interface Rule permits EventRule, ContactRule, PageRule {

    /** A short human sentence such as {@code plan equals "pro"}. */
    String description();
}
