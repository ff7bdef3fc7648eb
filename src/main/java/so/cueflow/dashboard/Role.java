package so.cueflow.dashboard;

import java.util.Locale;

/** Members manage messages and contacts and see data; admins also see the team, keys and workspace settings. */
public enum Role {
    ADMIN, MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return this == ADMIN ? "Admin" : "Member";
    }

    /** The role named {@code admin} or {@code member}, or null. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.wireName().equals(text)) return role;
        }
        return null;
    }
}
