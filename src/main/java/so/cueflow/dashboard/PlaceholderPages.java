package so.cueflow.dashboard;

import java.util.List;

/**
 * The navigation's pages that are not built yet. Each is replaced by its own page class; remove its
 * section from {@link #NOT_BUILT} when that lands.
 */
public final class PlaceholderPages {
    private static final List<Section> NOT_BUILT = List.of();

    public record PlaceholderPage(Section section) {
    }

    void mount(PageRoutes routes) {
        for (Section section : NOT_BUILT) {
            routes.get("/w/:workspace/" + section.path(), Access.MEMBER, request ->
                    Reply.page(section.label(), section, "placeholder.jte", new PlaceholderPage(section)));
        }
    }
}
