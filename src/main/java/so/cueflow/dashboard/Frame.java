package so.cueflow.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the layout needs besides the page: title, active section, the signed-in user with their
 * workspaces (null when signed out), the CSRF token for forms and htmx, and asset URLs.
 */
public record Frame(String title, Section section, User user, Membership current, List<Membership> memberships,
                    String csrfToken, Assets assets) {

    public Frame {
        memberships = List.copyOf(memberships);
    }

    public boolean signedIn() {
        return user != null;
    }

    /** Whether the navigation is shown: signed in and inside a workspace. */
    public boolean inWorkspace() {
        return user != null && current != null;
    }

    /** The navigation entries this user may open. */
    public List<Section> navigation() {
        return Arrays.stream(Section.navigation()).filter(s -> !s.adminOnly() || (current != null && current.admin())).toList();
    }

    /** The URL of a page of the current workspace, e.g. {@code href("settings/team")}. */
    public String href(String page) {
        return workspaceHref(current, page);
    }

    public static String workspaceHref(Membership membership, String page) {
        return workspaceHref(membership.workspace().name(), page);
    }

    /** {@code /w/NAME/page} with the name encoded as a path segment. */
    public static String workspaceHref(String workspaceName, String page) {
        return "/w/" + URLEncoder.encode(workspaceName, StandardCharsets.UTF_8).replace("+", "%20") + "/" + page;
    }

    public boolean active(Section candidate) {
        return section == candidate;
    }
}
