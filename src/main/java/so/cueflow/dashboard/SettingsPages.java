package so.cueflow.dashboard;

/** Settings (admins only): the index of its sections. */
final class SettingsPages {
    void mount(PageRoutes routes) {
        routes.get("/w/:workspace/settings", Access.ADMIN, request ->
                Reply.page("Settings", Section.SETTINGS, "settings/index.jte", request.workspace()));
    }
}
