package so.cueflow.dashboard;

/** The entries of the navigation, in order; each is a page under {@code /w/WORKSPACE/}. */
public enum Section {
    OVERVIEW("Overview", "overview", false),
    MESSAGES("Messages", "messages", false),
    CONTACTS("Contacts", "contacts", false),
    DATA("Data", "data", false),
    SETTINGS("Settings", "settings", true),
    /** The signed-in user's own account; reached from the user menu, not the navigation. */
    ACCOUNT("Account", "account", false),
    /** Pages outside a workspace: sign-in, setup, errors. */
    NONE("", "", false);

    private final String label;
    private final String path;
    private final boolean adminOnly;

    Section(String label, String path, boolean adminOnly) {
        this.label = label;
        this.path = path;
        this.adminOnly = adminOnly;
    }

    public String label() {
        return label;
    }

    public String path() {
        return path;
    }

    public boolean adminOnly() {
        return adminOnly;
    }

    public static Section[] navigation() {
        return new Section[]{OVERVIEW, MESSAGES, CONTACTS, DATA, SETTINGS};
    }
}
