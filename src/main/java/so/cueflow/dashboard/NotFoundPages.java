package so.cueflow.dashboard;

/** Registered last: a workspace's bare URL goes to its overview; any other unknown workspace URL is a 404 page. */
final class NotFoundPages {
    private NotFoundPages() {
    }

    static void mount(PageRoutes routes) {
        routes.get("/w/:workspace", Access.MEMBER, request ->
                Reply.redirect(Frame.workspaceHref(request.membership(), Section.OVERVIEW.path())));
        routes.get("/w/:workspace/*", Access.MEMBER, request -> {
            throw PageError.notFound();
        });
    }
}
